/**
 * The verdict engine's types (design.md: rules = pure function (Ticket, context, policy) →
 * Verdict {ok, checks[]}). The verdict panel shows `checks` one line each, in order.
 */
import type { Rules } from '../config/schema';
import type { Person, Ticket } from '../tickets/types';

export type CheckId =
  | 'exists'
  | 'open'
  | 'approved'
  | 'implementation-stage'
  | 'assigned-to-me'
  | 'inside-window'
  | 'target-on-ticket'
  | 'pam360-ticket-check';

/** pass / fail (blocks when the rule is required) / warn (fails but the rule only warns) / skip (not checked, with why). */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface Check {
  id: CheckId;
  /** Short name of the rule, e.g. "Ticket is open". */
  label: string;
  status: CheckStatus;
  /** Human reason, e.g. "Status is Closed", "Window ended 24 Nov 2026, 10:00". */
  reason: string;
}

export interface Verdict {
  ok: boolean;
  /** "Valid for PAM" or "Not valid for PAM". */
  headline: string;
  checks: Check[];
}

/** PAM360's own ticket check, as the background obtained it. */
export type Pam360TicketCheck =
  | { status: 'passed' }
  | { status: 'rejected'; message: string }
  | { status: 'reason-required' }
  | { status: 'not-asked'; why: string }; // e.g. no matching resource/account, server lacks the API

export interface RuleContext {
  now: number;
  /** The technician as the portal knows them (for "assigned to me"); undefined = unknown. */
  me?: Person;
  /** The machine the technician wants to reach (if chosen); else any target counts. */
  target?: string;
  pam360?: Pam360TicketCheck;
  /** Why the ticket is missing, when the caller knows better (e.g. "You may not view REQ 12"). */
  missingReason?: string;
  /** Name of the portal/connector for reasons, e.g. "ServiceDesk Plus (prod)"; else the portal kind's name. */
  portalName?: string;
  /** IANA time zone for window times (default: the runtime's); tests pass 'UTC'. */
  timeZone?: string;
}

export type { Rules, Ticket };
