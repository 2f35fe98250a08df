/**
 * The verdict engine (design.md "Data flow": pure function (Ticket, context, policy) → Verdict).
 * One Check per rule, always in the same order, so the panel reads the same on every ticket.
 * Pure: no browser APIs, no clock (the caller passes `context.now`).
 */
import type { PortalKind } from '../config/schema';
import type { Approval, Ticket, TicketKind, TicketState } from '../tickets/types';
import { formatTime, listNames } from './format';
import { sameHost, samePerson } from './match';
import type { Check, CheckId, CheckStatus, RuleContext, Rules, Verdict } from './types';

type RuleKey = keyof Rules;
type RuleMode = Rules[RuleKey];
type Outcome = { status: Exclude<CheckStatus, 'warn'>; reason: string };

/** What the panel says when PAM360 was not (or could not be) asked before the session. */
export const PAM360_DEFERRED = 'PAM360 will check the ticket when the session starts';
/** Reason of a check whose rule is 'off' (still listed so admins see it). */
export const RULE_OFF = 'Rule turned off';
/** Reason of ticket checks when the ticket was not found. */
export const NO_TICKET = 'No ticket to check';
/** Verdict headlines. */
export const HEADLINE_OK = 'Valid for PAM';
export const HEADLINE_NOT_OK = 'Not valid for PAM';

const PORTAL_NAMES: Record<PortalKind, string> = {
  sdp: 'ServiceDesk Plus',
  servicenow: 'ServiceNow',
  jsm: 'Jira Service Management',
  topdesk: 'TOPdesk',
};
const KIND_NAMES: Record<TicketKind, string> = {
  incident: 'Incident',
  request: 'Request',
  change: 'Change',
  problem: 'Problem',
};
const STATE_NAMES: Record<TicketState, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};
const APPROVAL_NAMES: Record<Approval, string> = {
  approved: 'Approved',
  pending: 'Pending',
  rejected: 'Rejected',
  'not-required': 'Not required',
  unknown: 'Unknown',
};
const CLOSED_STATES: ReadonlySet<TicketState> = new Set(['resolved', 'closed', 'cancelled']);

const pass = (reason: string): Outcome => ({ status: 'pass', reason });
const fail = (reason: string): Outcome => ({ status: 'fail', reason });
const skip = (reason: string): Outcome => ({ status: 'skip', reason });

function levelList(levels: NonNullable<Ticket['approvalLevels']>): string {
  return listNames(levels.map((l) => `${l.name}: ${l.rawStatus.trim() || APPROVAL_NAMES[l.status]}`));
}

function checkOpen(t: Ticket): Outcome {
  const text = `Status is ${t.rawState.trim() || STATE_NAMES[t.state]}`;
  return CLOSED_STATES.has(t.state) ? fail(text) : pass(text);
}

function checkApproved(t: Ticket): Outcome {
  const levels = t.approvalLevels ?? [];
  const open = levels.filter((l) => l.status !== 'approved' && l.status !== 'not-required');
  if (t.kind !== 'change') {
    // Only a request (etc.) that actually carries an undecided/refused approval blocks.
    if (t.approval !== 'pending' && t.approval !== 'rejected') return skip('Not a change');
    const suffix = open.length ? ` (${levelList(open)})` : '';
    return fail(`${KIND_NAMES[t.kind]} approval is ${APPROVAL_NAMES[t.approval]}${suffix}`);
  }
  switch (t.approval) {
    case 'approved':
      return pass(levels.length ? `Approved (${listNames(levels.map((l) => l.name))})` : 'Approved');
    case 'not-required':
      return pass('No approval required');
    case 'pending':
      return fail(open.length ? `Approval is pending (${levelList(open)})` : 'Approval is pending');
    case 'rejected': {
      const rejected = levels.filter((l) => l.status === 'rejected');
      return fail(rejected.length ? `Approval was rejected (${levelList(rejected)})` : 'Approval was rejected');
    }
    default:
      // SDP rule (itsm-portals.md §1.6): every level Approved counts even without an overall status.
      if (levels.length && !open.length) {
        return pass(`All approval levels approved (${listNames(levels.map((l) => l.name))})`);
      }
      return fail('Approval status unknown');
  }
}

function checkStage(t: Ticket): Outcome {
  if (t.kind !== 'change') return skip('Not a change');
  if (!t.stage) return skip('The change has no stage');
  const text = `Stage is ${t.stage.name}`;
  return t.stage.implementation ? pass(text) : fail(text);
}

function checkAssigned(t: Ticket, c: RuleContext): Outcome {
  if (!c.me) return skip('Your portal identity is unknown');
  const a = t.assignee;
  const who = a && (a.name.trim() || a.login || a.email || a.id);
  if (!a || !who) return fail('Nobody is assigned');
  return samePerson(a, c.me) ? pass(`Assigned to ${who}`) : fail(`Assigned to ${who}, not you`);
}

function checkWindow(t: Ticket, c: RuleContext): Outcome {
  const w = t.window;
  if (!w) return skip(t.kind === 'change' ? 'The change has no scheduled window' : 'Not a change');
  if (!Number.isFinite(w.start) || !Number.isFinite(w.end)) return fail('The change window could not be read');
  const at = (ms: number) => formatTime(ms, c.timeZone);
  if (c.now < w.start) return fail(`Window starts ${at(w.start)}`);
  if (c.now > w.end) return fail(`Window ended ${at(w.end)}`);
  return pass(`Window ${at(w.start)} – ${at(w.end)}`);
}

function checkTarget(t: Ticket, c: RuleContext): Outcome {
  const targets = t.targets.map((name) => name.trim()).filter(Boolean);
  const target = c.target?.trim();
  if (!target) {
    return targets.length ? pass(`Ticket lists ${listNames(targets)}`) : fail('The ticket names no machine');
  }
  if (targets.some((name) => sameHost(name, target))) return pass(`${target} is on the ticket`);
  const listed = targets.length ? `ticket lists: ${listNames(targets)}` : 'the ticket names no machine';
  return fail(`${target} is not on the ticket (${listed})`);
}

function checkPam360(t: Ticket | null, c: RuleContext): Outcome {
  const r = c.pam360;
  switch (r?.status) {
    case 'passed':
      return pass(t ? `PAM360 accepts ${t.displayId || t.id}` : 'PAM360 accepts the ticket');
    case 'rejected':
      return fail(r.message.trim() ? `PAM360: ${r.message.trim()}` : 'PAM360 rejected the ticket');
    case 'reason-required':
      return fail('PAM360 needs a reason for this account');
    case 'not-asked':
      return skip(r.why.trim() || PAM360_DEFERRED);
    default:
      return skip(PAM360_DEFERRED);
  }
}

function checkExists(t: Ticket | null, c: RuleContext): Outcome {
  const portal = c.portalName?.trim() || (t ? PORTAL_NAMES[t.portal] : 'the portal');
  if (!t) return fail(c.missingReason?.trim() || `The ticket could not be found in ${portal}`);
  return pass(`${KIND_NAMES[t.kind]} ${t.displayId || t.id} found in ${portal}`);
}

type Run = (t: Ticket | null, c: RuleContext) => Outcome;

/** Without a ticket there is nothing to check; the line stays listed so the panel keeps its shape. */
const onTicket =
  (run: (t: Ticket, c: RuleContext) => Outcome): Run =>
  (t, c) =>
    t ? run(t, c) : skip(NO_TICKET);

interface Rule {
  id: CheckId;
  label: string;
  /** The rules-schema key that sets the mode; null = always required. */
  rule: RuleKey | null;
  run: Run;
}

// `implementation-stage` shares `changeApproved`: "approved change" in PAM360's SDP sense means
// approved *and* ready to implement, and a separate key would churn the config schema.
// PAM360's check runs without a ticket too: its answer stands on its own.
const RULES: readonly Rule[] = [
  { id: 'exists', label: 'Ticket exists', rule: null, run: checkExists },
  { id: 'open', label: 'Ticket is open', rule: 'ticketOpen', run: onTicket(checkOpen) },
  { id: 'approved', label: 'Change is approved', rule: 'changeApproved', run: onTicket(checkApproved) },
  { id: 'implementation-stage', label: 'Change is in implementation', rule: 'changeApproved', run: onTicket(checkStage) },
  { id: 'assigned-to-me', label: 'Assigned to you', rule: 'assignedToMe', run: onTicket(checkAssigned) },
  { id: 'inside-window', label: 'Inside the change window', rule: 'insideChangeWindow', run: onTicket(checkWindow) },
  { id: 'target-on-ticket', label: 'Machine is on the ticket', rule: 'targetOnTicket', run: onTicket(checkTarget) },
  { id: 'pam360-ticket-check', label: 'PAM360 accepts the ticket', rule: 'pam360TicketCheck', run: checkPam360 },
];

/** Which rules-schema key governs each check (null = always required), for the options UI. */
export const CHECK_RULES: Readonly<Record<CheckId, RuleKey | null>> = Object.fromEntries(
  RULES.map((r) => [r.id, r.rule]),
) as Record<CheckId, RuleKey | null>;

/** The check labels, in verdict order. */
export const CHECK_LABELS: Readonly<Record<CheckId, string>> = Object.fromEntries(
  RULES.map((r) => [r.id, r.label]),
) as Record<CheckId, string>;

/** Anything but 'off' / 'warn' (e.g. a corrupt value) counts as 'required': fail closed. */
function modeOf(rules: Rules, key: RuleKey | null): RuleMode {
  const mode = key ? rules[key] : 'required';
  return mode === 'off' || mode === 'warn' ? mode : 'required';
}

/**
 * Decides whether PAM360 access against `ticket` would be granted, one Check per rule.
 * `ticket` null = not found (reason from `context.missingReason`). Modes: 'off' lists the check
 * as skipped, 'warn' turns a failure into a non-blocking 'warn', 'required' blocks.
 * `ok` is true when no check has status 'fail'.
 */
export function evaluate(ticket: Ticket | null, context: RuleContext, rules: Rules): Verdict {
  const checks: Check[] = RULES.map(({ id, label, rule, run }) => {
    const mode = modeOf(rules, rule);
    if (mode === 'off') return { id, label, status: 'skip', reason: RULE_OFF };
    const outcome = run(ticket, context);
    const status: CheckStatus = outcome.status === 'fail' && mode === 'warn' ? 'warn' : outcome.status;
    return { id, label, status, reason: outcome.reason };
  });
  const ok = !checks.some((check) => check.status === 'fail');
  return { ok, headline: ok ? HEADLINE_OK : HEADLINE_NOT_OK, checks };
}

/**
 * The rules for one connector: the global rules with the connector's own overrides on top
 * (keys it leaves unset, or sets to undefined, keep the global mode; unknown keys are ignored).
 */
export function effectiveRules(global: Rules, connectorRules?: Partial<Rules>): Rules {
  const merged: Rules = { ...global };
  if (!connectorRules) return merged;
  for (const key of Object.keys(global) as RuleKey[]) {
    const mode = connectorRules[key];
    if (mode !== undefined) merged[key] = mode;
  }
  return merged;
}
