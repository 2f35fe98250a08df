import { describe, expect, it } from 'vitest';
import { CONFIG_VERSION, migrate, NewerFormatError } from './migrations';

describe('migrate', () => {
  const table = {
    2: (old: unknown) => ({ ...(old as object), renamed: (old as { legacy: string }).legacy }),
    3: (old: unknown) => ({ ...(old as object), added: true }),
  };

  it('runs each step from the stored version up to the target, in order', () => {
    expect(migrate({ legacy: 'x' }, 1, 3, table)).toEqual({ legacy: 'x', renamed: 'x', added: true });
    expect(migrate({ legacy: 'x', renamed: 'x' }, 2, 3, table)).toEqual({ legacy: 'x', renamed: 'x', added: true });
  });

  it('leaves a current value alone', () => {
    const value = { a: 1 };
    expect(migrate(value, CONFIG_VERSION)).toBe(value);
  });

  it('refuses values from a newer format instead of guessing', () => {
    expect(() => migrate({}, CONFIG_VERSION + 1)).toThrow(NewerFormatError);
    expect(() => migrate({}, CONFIG_VERSION + 1)).toThrow(/newer PAM Bridge/);
  });
});
