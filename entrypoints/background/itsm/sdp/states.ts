/**
 * ServiceDesk Plus status, approval and stage vocabularies → the normalised ticket's.
 * All lookups are case-insensitive. `connector.states` (raw status name → state) wins over
 * the defaults, so an admin can map renamed or custom statuses without a new release.
 */
import type { Approval, TicketState } from '@/utils/tickets/types';

/**
 * Request statuses of a default install (plus "Assigned"/"In Progress" of newer builds).
 * Onhold → in-progress: SDP only stops the SLA timer, the ticket is still live work. An admin
 * whose policy forbids privileged access on held tickets maps it, e.g. `{"Onhold": "resolved"}`.
 */
export const DEFAULT_REQUEST_STATES: Readonly<Record<string, TicketState>> = {
  open: 'open',
  assigned: 'in-progress',
  'in progress': 'in-progress',
  onhold: 'in-progress',
  'on hold': 'in-progress',
  resolved: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

/**
 * Change statuses that end a change. Any other change status is live: 'in-progress' in an
 * implementation stage, 'open' before it (see `changeState`).
 */
export const DEFAULT_CHANGE_STATES: Readonly<Record<string, TicketState>> = {
  completed: 'closed',
  closed: 'closed',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  rejected: 'cancelled',
};

/**
 * Stage names / internal names that count as "being implemented" (matched case-insensitively);
 * a connector's `implementationStates` replaces this list.
 */
export const IMPLEMENTATION_STAGES: readonly string[] = ['implementation'];

const key = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

function lookup(table: Readonly<Record<string, TicketState>> | undefined, names: (string | null | undefined)[]): TicketState | undefined {
  if (!table) return undefined;
  const lowered = new Map(Object.entries(table).map(([k, v]) => [key(k), v]));
  for (const name of names) {
    const hit = name ? lowered.get(key(name)) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/**
 * A request's state from `status.name` (then `status.internal_name`, which survives renames and
 * translations). Unknown statuses count as 'open' on purpose: custom statuses ("Awaiting
 * vendor") are almost always live work, and blocking them would make the extension useless on
 * customised installs. The ticket keeps `rawState`, so the verdict line shows the real name,
 * and an admin can map the status in `connector.states`.
 */
export function requestState(status: { name: string; internal_name?: string | null }, overrides?: Record<string, TicketState>): TicketState {
  const names = [status.name, status.internal_name];
  return lookup(overrides, names) ?? lookup(DEFAULT_REQUEST_STATES, names) ?? 'open';
}

/**
 * A change's state: overrides (by status name, or by "Stage / Status" as shown in rawState),
 * then the terminal statuses above, then the stage: Close stage → closed, implementation stage
 * → in-progress, any earlier stage → open.
 */
export function changeState(
  status: { name: string; internal_name?: string | null } | undefined,
  stage: { name: string; implementation: boolean } | undefined,
  rawState: string,
  overrides?: Record<string, TicketState>,
): TicketState {
  const names = [status?.name, status?.internal_name, rawState];
  const mapped = lookup(overrides, names) ?? lookup(DEFAULT_CHANGE_STATES, names);
  if (mapped) return mapped;
  if (stage && key(stage.name) === 'close') return 'closed';
  return stage?.implementation ? 'in-progress' : 'open';
}

/**
 * True when the stage's internal name or name is an implementation stage: one of the connector's
 * `configured` stages when it has entries (options › Advanced: states), else IMPLEMENTATION_STAGES.
 */
export function isImplementationStage(stage: { name: string; internal_name?: string | null }, configured?: readonly string[]): boolean {
  const allowed = new Set((configured?.length ? configured : IMPLEMENTATION_STAGES).map(key));
  return [stage.internal_name, stage.name].some((n) => n != null && n.trim() !== '' && allowed.has(key(n)));
}

/**
 * One SDP approval status name → Approval. Absent → undefined (the caller decides what "no
 * approval data" means); a name we do not recognise → 'unknown' (never silently approved).
 */
export function approvalOf(name: string | null | undefined): Approval | undefined {
  if (name == null || name.trim() === '') return undefined;
  const n = key(name);
  if (n === 'approved') return 'approved';
  if (/reject|denied/.test(n)) return 'rejected';
  if (/pending|to be sent|yet to be sent|sent for approval|waiting/.test(n)) return 'pending';
  if (/not configured|not required|no approval/.test(n)) return 'not-required';
  return 'unknown';
}

/** A request: no approval data or "Not Configured" means approvals are not used → not-required. */
export function requestApproval(name: string | null | undefined): Approval {
  return approvalOf(name) ?? 'not-required';
}

/**
 * A change: an Approved or Rejected `approval_status` decides. Otherwise the levels decide:
 * any rejected → rejected, all approved → approved, else pending. With neither, the mapped
 * status stands, and no data at all is 'unknown' (PAM360 itself requires an approved change,
 * so "we cannot tell" must not pass as approved or not-required).
 */
export function changeApproval(statusName: string | null | undefined, levels: Approval[]): Approval {
  const own = approvalOf(statusName);
  if (own === 'approved' || own === 'rejected') return own;
  if (levels.length > 0) {
    if (levels.includes('rejected')) return 'rejected';
    if (levels.every((l) => l === 'approved')) return 'approved';
    return 'pending';
  }
  return own ?? 'unknown';
}

/** A level's status from its approvers, when the level itself has none: same rule as above. */
export function levelFromApprovals(approvals: Approval[]): Approval {
  if (approvals.length === 0) return 'unknown';
  if (approvals.includes('rejected')) return 'rejected';
  if (approvals.every((a) => a === 'approved')) return 'approved';
  return 'pending';
}
