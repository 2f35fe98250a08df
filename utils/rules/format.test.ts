import { describe, expect, it } from 'vitest';
import { formatTime, listNames } from './format';

describe('formatTime', () => {
  it('is deterministic in the given zone', () => {
    expect(formatTime(Date.UTC(2026, 0, 5, 7, 3), 'UTC')).toBe('5 Jan 2026, 07:03');
    expect(formatTime(Date.UTC(2026, 0, 5, 23, 30), 'Asia/Kolkata')).toBe('6 Jan 2026, 05:00');
  });

  it('falls back to the runtime zone on a bad zone instead of throwing', () => {
    expect(() => formatTime(0, 'Not/AZone')).not.toThrow();
  });
});

describe('listNames', () => {
  it('joins up to five and counts the rest', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['a'])).toBe('a');
    expect(listNames(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c, d, e');
    expect(listNames(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c, d, e and 1 more');
    expect(listNames(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});
