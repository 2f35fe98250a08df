/**
 * ServiceNow state and approval values → the normalised ticket's vocabulary.
 *
 * States are keyed by the stored numeric value (it survives label translations and renames);
 * the label is a fallback for instances that renumbered a state but kept its name. An admin's
 * `connector.states` wins over both. One connector serves every table and the same number means
 * different things per table (3 = On Hold on incident, Closed on change_request), so override
 * keys may be table-qualified: `"incident:3"`, `"change_request:Review"`, else bare `"3"` /
 * `"On Hold"`. All keys match case-insensitively.
 */
import type { Approval, TicketState } from '@/utils/tickets/types';
import type { SnTable } from './tables';

export interface StateEntry {
  label: string;
  state: TicketState;
}
type StateTable = Readonly<Record<string, StateEntry>>;

const e = (label: string, state: TicketState): StateEntry => ({ label, state });

/**
 * change_request, default state model (values [D], research §2.4). New/Assess/Authorize are
 * before the work → open. Review (0) is the post-implementation review: the record is still
 * active, so it stays 'in-progress'; it is NOT an implementation state, so the verdict's
 * "Change is in implementation" line is the one (clear) reason a session is refused then.
 */
export const CHANGE_STATES: StateTable = {
  '-5': e('New', 'open'),
  '-4': e('Assess', 'open'),
  '-3': e('Authorize', 'open'),
  '-2': e('Scheduled', 'in-progress'),
  '-1': e('Implement', 'in-progress'),
  '0': e('Review', 'in-progress'),
  '3': e('Closed', 'closed'),
  '4': e('Canceled', 'cancelled'),
};

/** incident, default model (labels [D], values [I] but standard). On Hold is still live work. */
export const INCIDENT_STATES: StateTable = {
  '1': e('New', 'open'),
  '2': e('In Progress', 'in-progress'),
  '3': e('On Hold', 'in-progress'),
  '6': e('Resolved', 'resolved'),
  '7': e('Closed', 'closed'),
  '8': e('Canceled', 'cancelled'),
};

/**
 * sc_req_item and sc_task share the task defaults [I]. "Closed Incomplete" and "Closed Skipped"
 * still end the item → closed (the raw label keeps the nuance on the verdict line).
 */
export const CATALOG_STATES: StateTable = {
  '-5': e('Pending', 'in-progress'),
  '1': e('Open', 'open'),
  '2': e('Work in Progress', 'in-progress'),
  '3': e('Closed Complete', 'closed'),
  '4': e('Closed Incomplete', 'closed'),
  '7': e('Closed Skipped', 'closed'),
};

/**
 * problem [I, general knowledge, not in research]: the Orlando+ problem model (101–107) and the
 * older one (1–4). The value ranges do not overlap, so both live in one table.
 */
export const PROBLEM_STATES: StateTable = {
  '101': e('New', 'open'),
  '102': e('Assess', 'open'),
  '103': e('Root Cause Analysis', 'in-progress'),
  '104': e('Fix in Progress', 'in-progress'),
  '106': e('Resolved', 'resolved'),
  '107': e('Closed', 'closed'),
  '1': e('Open', 'open'),
  '2': e('Known Error', 'in-progress'),
  '3': e('Pending Change', 'in-progress'),
  '4': e('Closed/Resolved', 'closed'),
};

export const DEFAULT_STATES: Readonly<Record<SnTable, StateTable>> = {
  incident: INCIDENT_STATES,
  change_request: CHANGE_STATES,
  sc_req_item: CATALOG_STATES,
  sc_task: CATALOG_STATES,
  problem: PROBLEM_STATES,
};

/**
 * change_request states (values or labels, any case) in which privileged work is allowed: the
 * issue asks for "Scheduled/Implement allowed by default". A connector's `implementationStates`
 * (options › Advanced: states) replaces this list; `connector.states` cannot express it because
 * it maps to TicketState.
 */
export const IMPLEMENTATION_STATES: readonly string[] = ['-2', '-1', 'scheduled', 'implement'];

const key = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The raw state as read: the stored value and its label (display value). */
export interface RawState {
  value: string;
  label: string;
}

/** Looks a state up in the admin's map: table-qualified keys first, then bare value, then label. */
function override(table: SnTable, raw: RawState, overrides: Record<string, TicketState> | undefined): TicketState | undefined {
  if (!overrides) return undefined;
  const map = new Map(Object.entries(overrides).map(([k, v]) => [key(k), v]));
  const candidates = [`${table}:${raw.value}`, `${table}:${raw.label}`, raw.value, raw.label];
  for (const c of candidates) {
    const hit = c.trim() && !c.endsWith(':') ? map.get(key(c)) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/** The default table's state for a raw state: by value, then by label. */
function byDefault(table: SnTable, raw: RawState): TicketState | undefined {
  const entries = DEFAULT_STATES[table];
  const byValue = entries[raw.value.trim()];
  if (byValue) return byValue.state;
  const label = key(raw.label);
  return label ? Object.values(entries).find((entry) => key(entry.label) === label)?.state : undefined;
}

/**
 * The normalised state. Unknown (custom) states count as 'open' for the same reason as on SDP:
 * custom states are almost always live work, the verdict shows the raw label, and an admin can
 * map them. `active: false` is the record saying "this is over" (One Identity Safeguard's whole
 * ServiceNow rule, research/anchors-product.md §2.4), so an inactive record is never open or
 * in progress, whatever the tables say: it becomes 'closed' unless already resolved/cancelled.
 */
export function stateOf(table: SnTable, raw: RawState, active: boolean | undefined, overrides?: Record<string, TicketState>): TicketState {
  const state = override(table, raw, overrides) ?? byDefault(table, raw) ?? 'open';
  if (active === false && (state === 'open' || state === 'in-progress')) return 'closed';
  return state;
}

/**
 * True for change states in the connector's `configured` list when it has entries, else in
 * IMPLEMENTATION_STATES. An entry matches the state's value or label, bare or table-qualified
 * (`change_request:-1`), case-insensitively.
 */
export function isImplementation(raw: RawState, configured?: readonly string[], table: SnTable = 'change_request'): boolean {
  const allowed = new Set((configured?.length ? configured : IMPLEMENTATION_STATES).map(key));
  return [raw.value, raw.label].some((v) => v.trim() !== '' && (allowed.has(key(v)) || allowed.has(key(`${table}:${v}`))));
}

/**
 * The task's `approval` value (research §2.4: `not requested`, `requested`, `approved`,
 * `rejected` [C]; `cancelled`, `not_required`, `duplicate` [I]) → Approval.
 *
 * - `not requested` on a change_request → 'pending': a normal change nobody has asked to approve
 *   is not approved (PAM360 requires an approved change). A *standard* change is pre-authorised
 *   by definition (ITIL), so there it is 'not-required' [I]. On every other table it is the
 *   normal "approvals not used" → 'not-required'. An empty value: 'unknown' on changes (we cannot
 *   tell; ACLs may hide the field), 'not-required' elsewhere.
 * - `cancelled` → 'rejected': the approval process was stopped, the ticket is not approved, and
 *   the verdict must not pass it; "rejected" is the nearest terminal word we have.
 * - `duplicate` and anything unknown → 'unknown' (never silently approved).
 */
export function approvalOf(table: SnTable, value: string, changeType?: string): Approval {
  const v = key(value).replace(/_/g, ' ');
  const change = table === 'change_request';
  switch (v) {
    case 'approved':
      return 'approved';
    case 'requested':
      return 'pending';
    case 'rejected':
    case 'cancelled':
    case 'canceled':
      return 'rejected';
    case 'not required':
      return 'not-required';
    case 'not requested':
    case 'not yet requested':
      if (!change) return 'not-required';
      return key(changeType ?? '') === 'standard' ? 'not-required' : 'pending';
    case '':
      return change ? 'unknown' : 'not-required';
    default:
      return 'unknown';
  }
}

/**
 * One sysapproval_approver row's `state` → Approval, or undefined for rows that no longer count:
 * `not_required` ("No Longer Required": someone else in the group decided), `cancelled` (a
 * superseded round, e.g. after the change went back to New) and `duplicate`. Those are left out
 * of approvalLevels so the verdict lists only the approvals that matter [I].
 */
export function approverRowOf(value: string): Approval | undefined {
  const v = key(value).replace(/_/g, ' ');
  if (v === 'approved') return 'approved';
  if (v === 'requested' || v === 'not requested' || v === 'not yet requested') return 'pending';
  if (v === 'rejected') return 'rejected';
  if (v === 'not required' || v === 'cancelled' || v === 'canceled' || v === 'duplicate') return undefined;
  return 'unknown';
}
