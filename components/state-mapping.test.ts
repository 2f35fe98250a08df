// The "Advanced: states" text ⇄ config parsers: every accepted form and every refusal's sentence.
import { describe, expect, it } from 'vitest';
import { checkImplementationStates, formatList, formatStateMapping, parseList, parseStateMapping } from './state-mapping';

describe('parseStateMapping', () => {
  it('reads raw = state lines; blank lines and # comments are skipped; raw keeps its spelling', () => {
    const text = [
      '# ServiceNow overrides',
      'incident:3 = in-progress',
      '',
      '   Awaiting Vendor=open  ',
      '  # change_request:0 = closed',
      'On Hold = Resolved',
      'x=y = closed',
    ].join('\r\n');
    expect(parseStateMapping(text)).toEqual({
      ok: true,
      states: { 'incident:3': 'in-progress', 'Awaiting Vendor': 'open', 'On Hold': 'resolved', 'x=y': 'closed' },
    });
  });

  it('accepts the usual spellings of a state', () => {
    expect(parseStateMapping('a = In Progress\nb = in_progress\nc = canceled\nd = CLOSED')).toEqual({
      ok: true,
      states: { a: 'in-progress', b: 'in-progress', c: 'cancelled', d: 'closed' },
    });
  });

  it('empty text (or only comments) is no override', () => {
    expect(parseStateMapping('')).toEqual({ ok: true, states: {} });
    expect(parseStateMapping('\n  \n# nothing yet\n')).toEqual({ ok: true, states: {} });
  });

  it('names the bad line: unknown state', () => {
    expect(parseStateMapping('3 = closed\npending = later')).toEqual({
      ok: false,
      line: 2,
      message: 'Line 2: “pending = later” — the state must be one of open, in-progress, resolved, closed, cancelled.',
    });
    expect(parseStateMapping('a =')).toMatchObject({ ok: false, line: 1, message: expect.stringContaining('the state must be one of') });
  });

  it('names the bad line: no =, nothing before =', () => {
    expect(parseStateMapping('# x\n\nAwaiting Vendor')).toEqual({
      ok: false,
      line: 3,
      message: 'Line 3: “Awaiting Vendor” — write the portal’s state, then = and the state it means, e.g. “Awaiting Vendor = open”.',
    });
    expect(parseStateMapping(' = open')).toEqual({ ok: false, line: 1, message: 'Line 1: “= open” — put the portal’s state value or label before the =.' });
  });

  it('a raw state mapped twice (any case, any spacing) is an error naming both lines', () => {
    expect(parseStateMapping('On Hold = resolved\nincident:3 = open\non  hold = closed')).toEqual({
      ok: false,
      line: 3,
      message: 'Line 3: “on  hold = closed” — “on  hold” is already mapped on line 1; keep one of the two lines.',
    });
  });

  it('refuses overlong raw states and too many lines; long lines are shortened in the message', () => {
    const long = `${'x'.repeat(201)} = open`;
    const refused = parseStateMapping(long);
    expect(refused).toMatchObject({ ok: false, line: 1 });
    if (!refused.ok) {
      expect(refused.message).toContain('at most 200 characters');
      expect(refused.message).toContain(`“${'x'.repeat(59)}…”`);
    }
    const many = Array.from({ length: 201 }, (_, i) => `s${i} = open`).join('\n');
    expect(parseStateMapping(many)).toMatchObject({ ok: false, line: 201, message: expect.stringContaining('at most 200 mappings') });
  });

  it('formatStateMapping round-trips', () => {
    const states = { 'incident:3': 'in-progress', 'Awaiting Vendor': 'open' } as const;
    expect(formatStateMapping(states)).toBe('incident:3 = in-progress\nAwaiting Vendor = open');
    expect(parseStateMapping(formatStateMapping(states))).toEqual({ ok: true, states });
    expect(formatStateMapping(undefined)).toBe('');
    expect(formatStateMapping({})).toBe('');
  });
});

describe('implementation state lists', () => {
  it('parseList: comma or line separated, trimmed, blanks and repeats (any case) dropped', () => {
    expect(parseList(' Scheduled, implement,, -1 ,\nIMPLEMENT, change_request:-2 ')).toEqual(['Scheduled', 'implement', '-1', 'change_request:-2']);
    expect(parseList('')).toEqual([]);
    expect(parseList(' , ')).toEqual([]);
    expect(formatList(['Scheduled', 'Implement'])).toBe('Scheduled, Implement');
    expect(formatList(undefined)).toBe('');
  });

  it('checkImplementationStates: at most 20, each at most 80 characters', () => {
    expect(checkImplementationStates(['Scheduled', 'x'.repeat(80)])).toBeUndefined();
    expect(checkImplementationStates(Array.from({ length: 21 }, (_, i) => `s${i}`))).toBe('At most 20 implementation states (21 given).');
    expect(checkImplementationStates(['ok', 'y'.repeat(81)])).toBe(`“${'y'.repeat(59)}…” is longer than 80 characters.`);
  });
});
