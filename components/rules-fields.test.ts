import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, rulesOverrides } from './rules-fields';

describe('rulesOverrides', () => {
  it('keeps only the rules that differ from the defaults', () => {
    expect(rulesOverrides(DEFAULT_RULES)).toEqual({});
    expect(rulesOverrides({ ...DEFAULT_RULES, assignedToMe: 'required', insideChangeWindow: 'warn' })).toEqual({
      assignedToMe: 'required',
      insideChangeWindow: 'warn',
    });
  });
});
