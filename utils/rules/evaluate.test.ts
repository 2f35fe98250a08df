import { describe, expect, it } from 'vitest';
import { rulesSchema } from '../config/schema';
import type { Ticket } from '../tickets/types';
import { CHECK_LABELS, CHECK_RULES, effectiveRules, evaluate, PAM360_DEFERRED } from './evaluate';
import type { Check, CheckId, RuleContext, Rules } from './types';

const H = 3_600_000;
const START = Date.UTC(2026, 10, 24, 10, 0); // 24 Nov 2026, 10:00 UTC
const END = Date.UTC(2026, 10, 24, 12, 0);

const REQUIRED: Rules = {
  ticketOpen: 'required',
  changeApproved: 'required',
  assignedToMe: 'required',
  insideChangeWindow: 'required',
  targetOnTicket: 'required',
  pam360TicketCheck: 'required',
};
const DEFAULTS: Rules = rulesSchema.parse({});

function change(overrides: Partial<Ticket> = {}): Ticket {
  return {
    portal: 'sdp',
    connectorId: 'sdp-prod',
    kind: 'change',
    id: '120000000017',
    displayId: 'CH-17',
    title: 'Patch web servers',
    state: 'in-progress',
    rawState: 'Implementation / In Progress',
    approval: 'approved',
    approvalLevels: [
      { name: 'Level 1', status: 'approved', rawStatus: 'Approved' },
      { name: 'Level 2', status: 'approved', rawStatus: 'Approved' },
    ],
    stage: { name: 'Implementation', implementation: true },
    assignee: { name: 'Ana Silva', login: 'asilva', email: 'ana@example.com', id: '301' },
    window: { start: START, end: END },
    targets: ['srv-web-01.corp.example.com', 'dc01'],
    url: 'https://sdp.example.com/ChangeDetails.cc?CHANGEID=120000000017',
    ...overrides,
  };
}

function request(overrides: Partial<Ticket> = {}): Ticket {
  return change({
    kind: 'request',
    id: '90412',
    displayId: '90412',
    state: 'open',
    rawState: 'Open',
    approval: 'not-required',
    approvalLevels: undefined,
    stage: undefined,
    window: undefined,
    ...overrides,
  });
}

function ctx(overrides: Partial<RuleContext> = {}): RuleContext {
  return {
    now: START + H,
    me: { name: 'Ana Silva', login: 'ASilva' },
    pam360: { status: 'passed' },
    timeZone: 'UTC',
    ...overrides,
  };
}

function checkOf(checks: Check[], id: CheckId): Check {
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

/** [status, reason] of one check. */
function result(id: CheckId, ticket: Ticket | null, context: Partial<RuleContext> = {}, rules: Rules = REQUIRED) {
  const { status, reason } = checkOf(evaluate(ticket, ctx(context), rules).checks, id);
  return [status, reason];
}

describe('evaluate: the whole verdict', () => {
  it('lists every check in order with label, status and reason (valid change)', () => {
    const verdict = evaluate(change(), ctx(), REQUIRED);
    expect(verdict).toEqual({
      ok: true,
      headline: 'Valid for PAM',
      checks: [
        { id: 'exists', label: 'Ticket exists', status: 'pass', reason: 'Change CH-17 found in ServiceDesk Plus' },
        { id: 'open', label: 'Ticket is open', status: 'pass', reason: 'Status is Implementation / In Progress' },
        { id: 'approved', label: 'Change is approved', status: 'pass', reason: 'Approved (Level 1, Level 2)' },
        { id: 'implementation-stage', label: 'Change is in implementation', status: 'pass', reason: 'Stage is Implementation' },
        { id: 'assigned-to-me', label: 'Assigned to you', status: 'pass', reason: 'Assigned to Ana Silva' },
        {
          id: 'inside-window',
          label: 'Inside the change window',
          status: 'pass',
          reason: 'Window 24 Nov 2026, 10:00 – 24 Nov 2026, 12:00',
        },
        {
          id: 'target-on-ticket',
          label: 'Machine is on the ticket',
          status: 'pass',
          reason: 'Ticket lists srv-web-01.corp.example.com, dc01',
        },
        { id: 'pam360-ticket-check', label: 'PAM360 accepts the ticket', status: 'pass', reason: 'PAM360 accepts CH-17' },
      ],
    });
  });

  it('with default rules: assigned-to-me is off and a closed request is not valid', () => {
    const verdict = evaluate(request({ state: 'closed', rawState: 'Closed' }), ctx({ pam360: undefined }), DEFAULTS);
    expect(verdict.ok).toBe(false);
    expect(verdict.headline).toBe('Not valid for PAM');
    expect(verdict.checks.map((c) => [c.id, c.status, c.reason])).toEqual([
      ['exists', 'pass', 'Request 90412 found in ServiceDesk Plus'],
      ['open', 'fail', 'Status is Closed'],
      ['approved', 'skip', 'Not a change'],
      ['implementation-stage', 'skip', 'Not a change'],
      ['assigned-to-me', 'skip', 'Rule turned off'],
      ['inside-window', 'skip', 'Not a change'],
      ['target-on-ticket', 'pass', 'Ticket lists srv-web-01.corp.example.com, dc01'],
      ['pam360-ticket-check', 'skip', 'PAM360 will check the ticket when the session starts'],
    ]);
  });

  it('skips never block; only fail does', () => {
    const verdict = evaluate(request(), ctx({ pam360: undefined, me: undefined }), REQUIRED);
    expect(verdict.checks.some((c) => c.status === 'skip')).toBe(true);
    expect(verdict).toMatchObject({ ok: true, headline: 'Valid for PAM' });
  });

  it('exports labels and rule keys in verdict order', () => {
    expect(Object.keys(CHECK_LABELS)).toEqual([
      'exists',
      'open',
      'approved',
      'implementation-stage',
      'assigned-to-me',
      'inside-window',
      'target-on-ticket',
      'pam360-ticket-check',
    ]);
    expect(CHECK_RULES).toEqual({
      exists: null,
      open: 'ticketOpen',
      approved: 'changeApproved',
      'implementation-stage': 'changeApproved',
      'assigned-to-me': 'assignedToMe',
      'inside-window': 'insideChangeWindow',
      'target-on-ticket': 'targetOnTicket',
      'pam360-ticket-check': 'pam360TicketCheck',
    });
  });
});

describe('exists', () => {
  it('fails without a ticket, naming the portal, and lists the other checks as not checked', () => {
    const verdict = evaluate(null, ctx({ portalName: 'ServiceDesk Plus (prod)', pam360: undefined }), DEFAULTS);
    expect(verdict.ok).toBe(false);
    expect(verdict.headline).toBe('Not valid for PAM');
    expect(verdict.checks.map((c) => [c.id, c.status, c.reason])).toEqual([
      ['exists', 'fail', 'The ticket could not be found in ServiceDesk Plus (prod)'],
      ['open', 'skip', 'No ticket to check'],
      ['approved', 'skip', 'No ticket to check'],
      ['implementation-stage', 'skip', 'No ticket to check'],
      ['assigned-to-me', 'skip', 'Rule turned off'],
      ['inside-window', 'skip', 'No ticket to check'],
      ['target-on-ticket', 'skip', 'No ticket to check'],
      ['pam360-ticket-check', 'skip', PAM360_DEFERRED],
    ]);
  });

  it('uses the caller reason, else "the portal"', () => {
    expect(result('exists', null, { missingReason: 'You may not view request 90412' })).toEqual([
      'fail',
      'You may not view request 90412',
    ]);
    expect(result('exists', null)).toEqual(['fail', 'The ticket could not be found in the portal']);
  });

  it('is always required, whatever the rules say', () => {
    const off: Rules = { ...REQUIRED, ticketOpen: 'off', changeApproved: 'off', pam360TicketCheck: 'off' };
    expect(evaluate(null, ctx(), off).ok).toBe(false);
    const allWarn = Object.fromEntries(Object.keys(REQUIRED).map((k) => [k, 'warn'])) as Rules;
    expect(result('exists', null, {}, allWarn)).toEqual(['fail', 'The ticket could not be found in the portal']);
  });

  it('still reports PAM360 when the ticket is missing (its answer stands on its own)', () => {
    expect(result('pam360-ticket-check', null, { pam360: { status: 'rejected', message: 'Invalid ticket ID' } })).toEqual([
      'fail',
      'PAM360: Invalid ticket ID',
    ]);
    expect(result('pam360-ticket-check', null)).toEqual(['pass', 'PAM360 accepts the ticket']);
  });

  it('names the kind, display id (else id) and portal', () => {
    expect(result('exists', request({ portal: 'servicenow', kind: 'incident', displayId: 'INC0010023' }))).toEqual([
      'pass',
      'Incident INC0010023 found in ServiceNow',
    ]);
    expect(result('exists', request({ portal: 'jsm', displayId: '', id: '10042' }))).toEqual([
      'pass',
      'Request 10042 found in Jira Service Management',
    ]);
    expect(result('exists', request({ portal: 'topdesk', kind: 'problem', displayId: 'P 2411 001' }))).toEqual([
      'pass',
      'Problem P 2411 001 found in TOPdesk',
    ]);
    expect(result('exists', change(), { portalName: 'SDP (lab)' })).toEqual(['pass', 'Change CH-17 found in SDP (lab)']);
  });
});

describe('open', () => {
  it.each([
    ['open', 'Open', 'pass'],
    ['in-progress', 'Onhold', 'pass'],
    ['resolved', 'Resolved', 'fail'],
    ['closed', 'Closed', 'fail'],
    ['cancelled', 'Canceled', 'fail'],
  ] as const)('%s (%s) → %s with the portal status text', (state, rawState, status) => {
    expect(result('open', request({ state, rawState }))).toEqual([status, `Status is ${rawState}`]);
  });

  it('falls back to the normalised state when the portal gave no text', () => {
    expect(result('open', request({ state: 'cancelled', rawState: ' ' }))).toEqual(['fail', 'Status is Cancelled']);
    expect(result('open', request({ state: 'in-progress', rawState: '' }))).toEqual(['pass', 'Status is In progress']);
  });
});

describe('approved', () => {
  const levels = (l1: 'approved' | 'pending' | 'rejected', r1: string, l2: typeof l1, r2: string) => [
    { name: 'Level 1', status: l1, rawStatus: r1 },
    { name: 'Level 2', status: l2, rawStatus: r2 },
  ];

  it('change approved / not required passes', () => {
    expect(result('approved', change({ approvalLevels: undefined }))).toEqual(['pass', 'Approved']);
    expect(result('approved', change())).toEqual(['pass', 'Approved (Level 1, Level 2)']);
    expect(result('approved', change({ approval: 'not-required', approvalLevels: [] }))).toEqual([
      'pass',
      'No approval required',
    ]);
  });

  it('change pending lists the levels not yet approved', () => {
    const t = change({ approval: 'pending', approvalLevels: levels('approved', 'Approved', 'pending', 'Pending Approval') });
    expect(result('approved', t)).toEqual(['fail', 'Approval is pending (Level 2: Pending Approval)']);
    const both = change({ approval: 'pending', approvalLevels: levels('pending', 'Yet to be sent', 'pending', '') });
    expect(result('approved', both)).toEqual(['fail', 'Approval is pending (Level 1: Yet to be sent, Level 2: Pending)']);
    expect(result('approved', change({ approval: 'pending', approvalLevels: undefined }))).toEqual([
      'fail',
      'Approval is pending',
    ]);
  });

  it('change rejected lists the rejecting levels', () => {
    const t = change({ approval: 'rejected', approvalLevels: levels('rejected', 'Denied', 'pending', 'Pending Approval') });
    expect(result('approved', t)).toEqual(['fail', 'Approval was rejected (Level 1: Denied)']);
    expect(result('approved', change({ approval: 'rejected', approvalLevels: [] }))).toEqual([
      'fail',
      'Approval was rejected',
    ]);
  });

  it('change unknown fails, unless every level is approved', () => {
    expect(result('approved', change({ approval: 'unknown', approvalLevels: undefined }))).toEqual([
      'fail',
      'Approval status unknown',
    ]);
    const open = change({ approval: 'unknown', approvalLevels: levels('approved', 'Approved', 'pending', 'Pending') });
    expect(result('approved', open)).toEqual(['fail', 'Approval status unknown']);
    expect(result('approved', change({ approval: 'unknown' }))).toEqual([
      'pass',
      'All approval levels approved (Level 1, Level 2)',
    ]);
  });

  it.each(['approved', 'not-required', 'unknown'] as const)('request with approval %s is skipped', (approval) => {
    expect(result('approved', request({ approval }))).toEqual(['skip', 'Not a change']);
  });

  it('request with a pending or rejected approval fails', () => {
    expect(result('approved', request({ approval: 'pending' }))).toEqual(['fail', 'Request approval is Pending']);
    expect(result('approved', request({ approval: 'rejected' }))).toEqual(['fail', 'Request approval is Rejected']);
    const withLevels = request({ approval: 'pending', approvalLevels: [{ name: 'Manager', status: 'pending', rawStatus: 'Waiting' }] });
    expect(result('approved', withLevels)).toEqual(['fail', 'Request approval is Pending (Manager: Waiting)']);
    expect(result('approved', request({ kind: 'incident', approval: 'pending' }))).toEqual([
      'fail',
      'Incident approval is Pending',
    ]);
  });
});

describe('implementation-stage', () => {
  it('passes in an implementation stage and fails otherwise, naming the stage', () => {
    expect(result('implementation-stage', change())).toEqual(['pass', 'Stage is Implementation']);
    expect(result('implementation-stage', change({ stage: { name: 'Planning', implementation: false } }))).toEqual([
      'fail',
      'Stage is Planning',
    ]);
  });

  it('is skipped for non-changes and changes without a stage', () => {
    expect(result('implementation-stage', request({ stage: { name: 'Planning', implementation: false } }))).toEqual([
      'skip',
      'Not a change',
    ]);
    expect(result('implementation-stage', change({ stage: undefined }))).toEqual(['skip', 'The change has no stage']);
  });

  it('follows the changeApproved rule', () => {
    const t = change({ approval: 'pending', approvalLevels: undefined, stage: { name: 'Planning', implementation: false } });
    for (const [mode, status] of [['off', 'skip'], ['warn', 'warn'], ['required', 'fail']] as const) {
      const verdict = evaluate(t, ctx(), { ...REQUIRED, changeApproved: mode });
      expect(checkOf(verdict.checks, 'approved').status).toBe(status);
      expect(checkOf(verdict.checks, 'implementation-stage').status).toBe(status);
    }
  });
});

describe('assigned-to-me', () => {
  const assigned = (assignee: Ticket['assignee'], me: RuleContext['me']) =>
    result('assigned-to-me', change({ assignee }), { me });

  it('is off by default', () => {
    expect(result('assigned-to-me', change({ assignee: undefined }), {}, DEFAULTS)).toEqual(['skip', 'Rule turned off']);
  });

  it('is skipped when the portal identity is unknown', () => {
    expect(assigned({ name: 'Ana Silva' }, undefined)).toEqual(['skip', 'Your portal identity is unknown']);
  });

  it('fails when nobody is assigned', () => {
    expect(assigned(undefined, { name: 'Ana Silva' })).toEqual(['fail', 'Nobody is assigned']);
    expect(assigned({ name: '  ' }, { name: 'Ana Silva' })).toEqual(['fail', 'Nobody is assigned']);
  });

  it('matches by login, email, id, else name', () => {
    expect(assigned({ name: 'Ana', login: 'CORP\\asilva' }, { name: 'x', login: 'corp\\ASILVA' })).toEqual([
      'pass',
      'Assigned to Ana',
    ]);
    expect(assigned({ name: 'Ana', email: 'Ana@Example.com' }, { name: 'x', email: 'ana@example.COM' })).toEqual([
      'pass',
      'Assigned to Ana',
    ]);
    expect(assigned({ name: 'Ana', id: '301' }, { name: 'x', id: '301' })).toEqual(['pass', 'Assigned to Ana']);
    expect(assigned({ name: ' ana silva ' }, { name: 'Ana Silva' })).toEqual(['pass', 'Assigned to ana silva']);
  });

  it('fails on a different person, even with the same display name', () => {
    expect(assigned({ name: 'Bo Berg', login: 'bberg' }, { name: 'Ana Silva', login: 'asilva' })).toEqual([
      'fail',
      'Assigned to Bo Berg, not you',
    ]);
    expect(assigned({ name: 'Ana Silva', login: 'asilva2' }, { name: 'Ana Silva', login: 'asilva' })).toEqual([
      'fail',
      'Assigned to Ana Silva, not you',
    ]);
    expect(assigned({ name: 'Ana Silva', id: '302' }, { name: 'Ana Silva', id: '301' })).toEqual([
      'fail',
      'Assigned to Ana Silva, not you',
    ]);
  });

  it('names the assignee by login when the portal gave no name', () => {
    expect(assigned({ name: '', login: 'bberg' }, { name: 'Ana', login: 'asilva' })).toEqual([
      'fail',
      'Assigned to bberg, not you',
    ]);
  });
});

describe('inside-window', () => {
  const at = (now: number, timeZone: string | undefined = 'UTC') => result('inside-window', change(), { now, timeZone });

  it('fails before the window, naming its start', () => {
    expect(at(START - 1)).toEqual(['fail', 'Window starts 24 Nov 2026, 10:00']);
  });

  it('fails after the window, naming its end', () => {
    expect(at(END + 1)).toEqual(['fail', 'Window ended 24 Nov 2026, 12:00']);
  });

  it('passes inside, bounds included', () => {
    const inside = ['pass', 'Window 24 Nov 2026, 10:00 – 24 Nov 2026, 12:00'];
    expect(at(START)).toEqual(inside);
    expect(at(START + H)).toEqual(inside);
    expect(at(END)).toEqual(inside);
  });

  it('formats in the given time zone, and survives a bad one', () => {
    expect(at(START - 1, 'Europe/Berlin')).toEqual(['fail', 'Window starts 24 Nov 2026, 11:00']);
    expect(at(START - 1, 'Not/AZone')[1]).toMatch(/^Window starts \d{1,2} Nov 2026, \d\d:\d\d$/);
  });

  it('is skipped without a window', () => {
    expect(result('inside-window', change({ window: undefined }))).toEqual(['skip', 'The change has no scheduled window']);
    expect(result('inside-window', request())).toEqual(['skip', 'Not a change']);
  });

  it('fails on an unreadable window', () => {
    expect(result('inside-window', change({ window: { start: Number.NaN, end: END } }))).toEqual([
      'fail',
      'The change window could not be read',
    ]);
  });
});

describe('target-on-ticket', () => {
  const target = (name: string | undefined, targets: string[] = ['srv-web-01.corp.example.com', 'dc01']) =>
    result('target-on-ticket', change({ targets }), { target: name });

  it('without a chosen machine: passes when the ticket lists one, fails when it lists none', () => {
    expect(target(undefined)).toEqual(['pass', 'Ticket lists srv-web-01.corp.example.com, dc01']);
    expect(target('  ')).toEqual(['pass', 'Ticket lists srv-web-01.corp.example.com, dc01']);
    expect(target(undefined, [])).toEqual(['fail', 'The ticket names no machine']);
    expect(target(undefined, ['', ' '])).toEqual(['fail', 'The ticket names no machine']);
  });

  it('matches case-insensitively and short names against FQDNs both ways', () => {
    expect(target('SRV-WEB-01.corp.example.com')).toEqual(['pass', 'SRV-WEB-01.corp.example.com is on the ticket']);
    expect(target('srv-web-01')).toEqual(['pass', 'srv-web-01 is on the ticket']);
    expect(target('DC01.corp.example.com')).toEqual(['pass', 'DC01.corp.example.com is on the ticket']);
    expect(target('dc01.')).toEqual(['pass', 'dc01. is on the ticket']);
  });

  it('fails on another machine, listing what the ticket names', () => {
    expect(target('srv-x')).toEqual(['fail', 'srv-x is not on the ticket (ticket lists: srv-web-01.corp.example.com, dc01)']);
    expect(target('srv-web-01.other.example.com')).toEqual([
      'fail',
      'srv-web-01.other.example.com is not on the ticket (ticket lists: srv-web-01.corp.example.com, dc01)',
    ]);
    expect(target('srv-web', ['srv-web-01'])).toEqual(['fail', 'srv-web is not on the ticket (ticket lists: srv-web-01)']);
    expect(target('srv-x', [])).toEqual(['fail', 'srv-x is not on the ticket (the ticket names no machine)']);
  });

  it('keeps long lists short', () => {
    const many = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];
    expect(target('b1', many)).toEqual(['fail', 'b1 is not on the ticket (ticket lists: a1, a2, a3, a4, a5 and 2 more)']);
    expect(target(undefined, many)).toEqual(['pass', 'Ticket lists a1, a2, a3, a4, a5 and 2 more']);
  });
});

describe('pam360-ticket-check', () => {
  const pam = (pam360: RuleContext['pam360']) => result('pam360-ticket-check', change(), { pam360 });

  it('maps every PAM360 answer', () => {
    expect(pam({ status: 'passed' })).toEqual(['pass', 'PAM360 accepts CH-17']);
    expect(pam({ status: 'rejected', message: 'The ticket CH-17 is not in approved state.' })).toEqual([
      'fail',
      'PAM360: The ticket CH-17 is not in approved state.',
    ]);
    expect(pam({ status: 'rejected', message: ' ' })).toEqual(['fail', 'PAM360 rejected the ticket']);
    expect(pam({ status: 'reason-required' })).toEqual(['fail', 'PAM360 needs a reason for this account']);
    expect(pam({ status: 'not-asked', why: 'No PAM360 account matches srv-x' })).toEqual([
      'skip',
      'No PAM360 account matches srv-x',
    ]);
    expect(pam({ status: 'not-asked', why: '' })).toEqual(['skip', 'PAM360 will check the ticket when the session starts']);
    expect(pam(undefined)).toEqual(['skip', 'PAM360 will check the ticket when the session starts']);
  });
});

describe('rule modes', () => {
  // One failing ticket/context per rule-controlled check.
  const failing: [CheckId, keyof Rules, Ticket, Partial<RuleContext>, string][] = [
    ['open', 'ticketOpen', change({ state: 'closed', rawState: 'Closed' }), {}, 'Status is Closed'],
    ['approved', 'changeApproved', change({ approval: 'rejected', approvalLevels: [] }), {}, 'Approval was rejected'],
    ['implementation-stage', 'changeApproved', change({ stage: { name: 'Planning', implementation: false } }), {}, 'Stage is Planning'],
    ['assigned-to-me', 'assignedToMe', change({ assignee: undefined }), {}, 'Nobody is assigned'],
    ['inside-window', 'insideChangeWindow', change(), { now: END + H }, 'Window ended 24 Nov 2026, 12:00'],
    ['target-on-ticket', 'targetOnTicket', change(), { target: 'srv-x' }, 'srv-x is not on the ticket (ticket lists: srv-web-01.corp.example.com, dc01)'],
    ['pam360-ticket-check', 'pam360TicketCheck', change(), { pam360: { status: 'reason-required' } }, 'PAM360 needs a reason for this account'],
  ];

  describe.each(failing)('%s (%s)', (id, rule, ticket, context, reason) => {
    const run = (mode: Rules[keyof Rules]) => evaluate(ticket, ctx(context), { ...REQUIRED, [rule]: mode });

    it('required: fails and blocks', () => {
      const verdict = run('required');
      expect(checkOf(verdict.checks, id)).toMatchObject({ status: 'fail', reason });
      expect(verdict).toMatchObject({ ok: false, headline: 'Not valid for PAM' });
      // Only this rule fails (the fixture isolates it).
      expect(verdict.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([id]);
    });

    it('warn: warns with the same reason and does not block', () => {
      const verdict = run('warn');
      expect(checkOf(verdict.checks, id)).toMatchObject({ status: 'warn', reason });
      expect(verdict).toMatchObject({ ok: true, headline: 'Valid for PAM' });
    });

    it('off: listed as skipped, "Rule turned off"', () => {
      const verdict = run('off');
      expect(checkOf(verdict.checks, id)).toMatchObject({ status: 'skip', reason: 'Rule turned off' });
      expect(verdict.checks).toHaveLength(8);
      expect(verdict.ok).toBe(true);
    });
  });

  it('warn leaves passes and skips alone', () => {
    const allWarn = Object.fromEntries(Object.keys(REQUIRED).map((k) => [k, 'warn'])) as Rules;
    const verdict = evaluate(change(), ctx({ pam360: undefined }), allWarn);
    expect(verdict.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'skip']);
  });

  it('off wins over a skip reason', () => {
    expect(result('pam360-ticket-check', change(), { pam360: undefined }, { ...REQUIRED, pam360TicketCheck: 'off' })).toEqual([
      'skip',
      'Rule turned off',
    ]);
  });

  it('treats an unknown mode as required (fail closed)', () => {
    const corrupt = { ...REQUIRED, ticketOpen: 'maybe' } as unknown as Rules;
    expect(result('open', change({ state: 'closed', rawState: 'Closed' }), {}, corrupt)).toEqual(['fail', 'Status is Closed']);
  });

  it('several failures are all reported, in order', () => {
    const t = change({ state: 'closed', rawState: 'Closed', approval: 'pending', approvalLevels: undefined });
    const verdict = evaluate(t, ctx({ now: START - H, pam360: { status: 'rejected', message: 'Closed ticket' } }), DEFAULTS);
    expect(verdict.checks.filter((c) => c.status === 'fail').map((c) => c.reason)).toEqual([
      'Status is Closed',
      'Approval is pending',
      'Window starts 24 Nov 2026, 10:00',
      'PAM360: Closed ticket',
    ]);
  });
});

describe('effectiveRules', () => {
  it('puts the connector overrides on top of the global rules', () => {
    expect(effectiveRules(DEFAULTS, { assignedToMe: 'required', insideChangeWindow: 'warn' })).toEqual({
      ...DEFAULTS,
      assignedToMe: 'required',
      insideChangeWindow: 'warn',
    });
  });

  it('keeps the global mode for unset or undefined keys and ignores unknown keys', () => {
    const overrides = { ticketOpen: undefined, bogus: 'off' } as unknown as Partial<Rules>;
    expect(effectiveRules(DEFAULTS, overrides)).toEqual(DEFAULTS);
    expect(effectiveRules(DEFAULTS)).toEqual(DEFAULTS);
  });

  it('returns a new object and leaves the global rules unchanged', () => {
    const global = { ...DEFAULTS };
    const merged = effectiveRules(global, { ticketOpen: 'off' });
    expect(merged).not.toBe(global);
    expect(global).toEqual(DEFAULTS);
    expect(effectiveRules(global)).not.toBe(global);
  });
});
