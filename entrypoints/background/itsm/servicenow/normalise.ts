/**
 * Parsed ServiceNow records → the normalised Ticket (utils/tickets/types.ts). Pure functions,
 * so every mapping is testable without a transport.
 */
import type { Connector } from '@/utils/config/schema';
import { sameHost } from '@/utils/rules/match';
import type { Person, Ticket } from '@/utils/tickets/types';
import type { SnApprover, SnField, SnTask, SnTaskCi } from './schemas';
import { approvalOf, approverRowOf, isImplementation, stateOf, type RawState } from './states';
import { KIND_OF_TABLE, type SnTable } from './tables';

/** Classic form link (research §2.1); opens in Polaris/classic alike. */
export function recordUrl(baseUrl: string, table: SnTable, sysId: string): string {
  return `${baseUrl}/${table}.do?sys_id=${encodeURIComponent(sysId)}`;
}

/**
 * A Glide date-time value ("YYYY-MM-DD HH:mm:ss", stored and sent in UTC whatever the user's
 * time zone; the display value is the one in the user's zone and format) → epoch ms, or NaN.
 */
export function parseGlideTime(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/.exec(value.trim());
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 2025-02-31 over into March: a value that does not round-trip is not a date.
  const back = new Date(ms);
  return back.getUTCDate() === d && back.getUTCMonth() === mo - 1 && h < 24 && mi < 60 && s < 60 ? ms : Number.NaN;
}

const val = (f: SnField | undefined) => f?.value ?? '';
const shown = (f: SnField | undefined) => f?.display || f?.value || '';

/** Adds a host name unless it is empty or the same machine as one already listed. */
function addHost(list: string[], name: string): void {
  if (name && !list.some((known) => sameHost(known, name))) list.push(name);
}

/**
 * Machines named on the ticket: the primary CI and every affected CI (task_ci), each by name
 * and, when it names another host, FQDN (`sameHost` folds "srv-web-01" and its FQDN into one).
 * The IP address counts only for a CI with neither name nor FQDN.
 */
export function targetsOf(task: SnTask, cis: SnTaskCi[]): string[] {
  const list: string[] = [];
  const add = (name: string, fqdn: string, ip: string) => {
    addHost(list, name);
    addHost(list, fqdn);
    if (!name && !fqdn) addHost(list, ip);
  };
  if (val(task.cmdb_ci)) {
    add(val(task['cmdb_ci.name']) || shown(task.cmdb_ci), val(task['cmdb_ci.fqdn']), val(task['cmdb_ci.ip_address']));
  }
  for (const ci of cis) add(val(ci['ci_item.name']) || shown(ci.ci_item), val(ci['ci_item.fqdn']), val(ci['ci_item.ip_address']));
  return list;
}

/** assigned_to → Person (login and email from the dot-walked user fields); undefined when unassigned. */
export function assigneeOf(task: SnTask): Person | undefined {
  const ref = task.assigned_to;
  if (!ref?.value) return undefined;
  const person: Person = { name: ref.display || ref.value, id: ref.value };
  const login = val(task['assigned_to.user_name']);
  const email = val(task['assigned_to.email']);
  if (login) person.login = login;
  if (email) person.email = email;
  return person;
}

/** Approver rows → approval levels (one per approver that still counts). */
export function levelsOf(rows: SnApprover[]): NonNullable<Ticket['approvalLevels']> {
  return rows.flatMap((row) => {
    const rawStatus = shown(row.state);
    const status = approverRowOf(val(row.state));
    return status ? [{ name: shown(row.approver) || 'Unknown approver', status, rawStatus }] : [];
  });
}

/** A task record (+ its affected CIs and approver rows) → Ticket. */
export function taskToTicket(
  connector: Connector,
  table: SnTable,
  sysId: string,
  task: SnTask,
  cis: SnTaskCi[],
  approvers: SnApprover[],
): Ticket {
  const raw: RawState = { value: task.state.value, label: task.state.display };
  const activeText = val(task.active).toLowerCase();
  const active = activeText === 'false' ? false : activeText === 'true' ? true : undefined;
  const ticket: Ticket = {
    portal: 'servicenow',
    connectorId: connector.id,
    kind: KIND_OF_TABLE[table],
    id: sysId,
    table,
    displayId: shown(task.number) || sysId,
    title: shown(task.short_description),
    state: stateOf(table, raw, active, connector.states),
    rawState: raw.label || raw.value,
    approval: approvalOf(table, val(task.approval), val(task.type)),
    targets: targetsOf(task, cis),
    url: recordUrl(connector.baseUrl, table, sysId),
  };
  const levels = levelsOf(approvers);
  if (levels.length > 0) ticket.approvalLevels = levels;
  if (table === 'change_request') ticket.stage = { name: ticket.rawState, implementation: isImplementation(raw, connector.implementationStates, table) };
  const assignee = assigneeOf(task);
  if (assignee) ticket.assignee = assignee;
  const start = val(task.start_date);
  const end = val(task.end_date);
  // Only a complete window is a window; one that cannot be read stays NaN so the verdict says so.
  if (start && end) ticket.window = { start: parseGlideTime(start), end: parseGlideTime(end) };
  return ticket;
}
