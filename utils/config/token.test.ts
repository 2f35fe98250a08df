import { describe, expect, it } from 'vitest';
import { checkToken } from './token';

describe('checkToken', () => {
  it('accepts a PAM360-style token and trims the paste', () => {
    expect(checkToken('  5B2F1C9A-8E77-4D3B-9A21-77C0E4F1AB12\n')).toEqual({
      ok: true,
      token: '5B2F1C9A-8E77-4D3B-9A21-77C0E4F1AB12',
    });
  });
  it.each([
    ['', 'Paste the auth token'],
    ['5B2F1C9A 8E77 4D3B', 'spaces or line breaks'],
    ['short', 'expected 16–256 characters'],
    ['"5B2F1C9A-8E77-4D3B-9A21-77C0E4F1AB12"', 'characters a PAM360 auth token does not have'],
    ['x'.repeat(300), 'expected 16–256 characters'],
  ])('refuses %j', (input, message) => {
    const result = checkToken(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
