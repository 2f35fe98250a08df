// The popup's "This tab" words for every state, and which tab it describes.
import { describe, expect, it } from 'vitest';
import type { TabConnector, TabStatus, TabVerdict } from '../messaging/protocol';
import { checkedAgo, NOT_A_TICKET, pickTab, summarizeTab, ticketName } from './tab-summary';

const SDP = { id: 'corp-sdp', name: 'Corp SDP', kind: 'sdp' as const };
const SN = { id: 'corp-sn', name: 'Corp SN', kind: 'servicenow' as const };
const SYS = '46d44a5ddb8a2010a4e2f3c3ca961911';
const NOW = 1_700_000_000_000;
const MIN = 60_000;

const verdict = (over: Partial<TabVerdict> = {}): TabVerdict => ({
  connectorId: 'corp-sdp',
  ticket: { kind: 'request', id: '1001' },
  ok: true,
  headline: 'Valid for PAM',
  failed: [],
  checkedAt: NOW - 2 * MIN,
  ...over,
});

describe('checkedAgo()', () => {
  it.each([
    [0, 'checked just now'],
    [59_999, 'checked just now'],
    [-5_000, 'checked just now'], // clock skew
    [MIN, 'checked 1 min ago'],
    [2 * MIN + 30_000, 'checked 2 min ago'],
    [59 * MIN, 'checked 59 min ago'],
    [60 * MIN, 'checked 1 h ago'],
    [23 * 60 * MIN, 'checked 23 h ago'],
    [24 * 60 * MIN, 'checked 1 day ago'],
    [3 * 24 * 60 * MIN, 'checked 3 days ago'],
  ])('%i ms → %s', (age, text) => expect(checkedAgo(NOW - age, NOW)).toBe(text));
});

describe('ticketName()', () => {
  it('SDP: kind and id from the URL; the display id once known', () => {
    expect(ticketName(SDP, { kind: 'request', id: '1001' })).toBe('request 1001');
    expect(ticketName(SDP, { kind: 'request', id: '1001', displayId: '1001' })).toBe('request 1001');
    expect(ticketName(SDP, { kind: 'change', id: '2001', displayId: 'CH-1' })).toBe('change CH-1 (2001)');
  });

  it('ServiceNow: table and sys_id from the URL; the number once validated', () => {
    expect(ticketName(SN, { kind: 'incident', id: SYS, table: 'incident' })).toBe(`incident ${SYS}`);
    expect(ticketName(SN, { kind: 'request', id: SYS, table: 'sc_task', displayId: 'SCTASK0010001' })).toBe('SCTASK0010001 (sc_task)');
  });
});

describe('summarizeTab()', () => {
  const ticket = (last: TabVerdict | null, connector: TabConnector = SDP, t: Extract<TabStatus, { state: 'ticket' }>['ticket'] = { kind: 'request', id: '1001' }): TabStatus => ({
    state: 'ticket',
    connector,
    ticket: t,
    last,
  });

  it('valid: connector, ticket, verdict and age', () => {
    expect(summarizeTab(ticket(verdict()), NOW)).toEqual({
      tone: 'ok',
      ticket: 'Corp SDP (ServiceDesk Plus) · request 1001',
      headline: 'Valid for PAM · checked 2 min ago',
      failed: [],
    });
  });

  it('not valid: the failed checks, short', () => {
    const long = 'x'.repeat(300);
    const summary = summarizeTab(
      ticket(verdict({ ok: false, headline: 'Not valid for PAM', checkedAt: NOW, failed: [{ label: 'Ticket is open', reason: 'Status is Closed' }, { label: 'Inside the change window', reason: long }] })),
      NOW,
    );
    expect(summary).toMatchObject({ tone: 'error', headline: 'Not valid for PAM · checked just now' });
    expect(summary.failed[0]).toBe('Ticket is open — Status is Closed');
    expect(summary.failed[1]).toHaveLength(120);
    expect(summary.failed[1]!.endsWith('…')).toBe(true);
  });

  it('not checked yet: says where to press', () => {
    expect(summarizeTab(ticket(null), NOW)).toEqual({
      tone: 'unknown',
      ticket: 'Corp SDP (ServiceDesk Plus) · request 1001',
      headline: 'Not checked yet — press Validate for PAM on the page.',
      failed: [],
    });
  });

  it('a connector named after its portal is not named twice', () => {
    const named = { ...SN, name: 'ServiceNow prod' };
    const t = { kind: 'incident' as const, id: SYS, table: 'incident', displayId: 'INC0010023' };
    expect(summarizeTab(ticket(null, named, t), NOW).ticket).toBe('ServiceNow prod · INC0010023 (incident)');
  });

  it('unreadable: points to Grant access for the connectors without access', () => {
    expect(summarizeTab({ state: 'unreadable', connectors: [SN] }, NOW)).toEqual({
      tone: 'warn',
      headline: 'PAM Bridge can’t read this page.',
      failed: [],
      next: 'If it is a page of Corp SN, open settings and press Grant access for that connector.',
    });
    expect(summarizeTab({ state: 'unreadable', connectors: [SN, SDP, { ...SDP, name: 'Test SDP' }] }, NOW).next).toBe(
      'If it is a page of Corp SN, Corp SDP or Test SDP, open settings and press Grant access for it.',
    );
  });

  it('not a ticket page, with or without a portal; no tab', () => {
    expect(summarizeTab({ state: 'not-a-ticket' }, NOW)).toEqual({ tone: 'unknown', headline: NOT_A_TICKET, failed: [] });
    expect(summarizeTab({ state: 'not-a-ticket', connector: SDP }, NOW)).toEqual({
      tone: 'unknown',
      headline: 'This tab is not a ticket page of a configured portal.',
      failed: [],
      next: 'It is a page of Corp SDP: open a ticket there to check it.',
    });
    expect(summarizeTab({ state: 'no-tab' }, NOW)).toEqual({ tone: 'unknown', headline: 'There is no tab to describe.', failed: [] });
  });
});

describe('pickTab()', () => {
  it('toolbar popup: the active tab of the last-focused window', () => {
    expect(pickTab([{ id: 7, active: true }])).toBe(7);
    expect(pickTab([])).toBeUndefined();
    expect(pickTab([{ id: -1, active: true }])).toBeUndefined(); // TAB_ID_NONE
    expect(pickTab([{ active: true }])).toBeUndefined();
  });

  it('popup open as a tab: the tab used last before it, never itself', () => {
    const tabs = [
      { id: 1, active: false, lastAccessed: 100 },
      { id: 2, active: false, lastAccessed: 300 },
      { id: 9, active: true, lastAccessed: 400 }, // the popup page itself
      { id: 3, active: true, lastAccessed: 200 }, // active in another window
    ];
    expect(pickTab(tabs, 9)).toBe(2);
    expect(pickTab([{ id: 9, active: true, lastAccessed: 1 }], 9)).toBeUndefined();
  });

  it('without lastAccessed: an active tab of another window', () => {
    expect(pickTab([{ id: 9, active: true }, { id: 4 }, { id: 5, active: true }], 9)).toBe(5);
    expect(pickTab([{ id: 9, active: true }, { id: 4 }], 9)).toBeUndefined();
  });
});
