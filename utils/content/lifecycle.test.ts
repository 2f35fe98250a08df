// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { startInstance } from './lifecycle';

describe('startInstance', () => {
  it('a newer copy of the same script retires the older one, not others', () => {
    const old = startInstance('sdp');
    const other = startInstance('servicenow');
    const fresh = startInstance('sdp');
    expect(old.aborted).toBe(true);
    expect(fresh.aborted).toBe(false);
    expect(other.aborted).toBe(false);
  });
});
