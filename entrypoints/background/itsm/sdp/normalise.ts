/**
 * Parsed SDP v3 objects → the normalised Ticket (utils/tickets/types.ts). Pure functions, so
 * every mapping is testable without a transport.
 */
import type { Connector } from '@/utils/config/schema';
import type { Approval, Person, Ticket } from '@/utils/tickets/types';
import type { SdpChangeData, SdpPerson, SdpRequestData } from './schemas';
import { changeApproval, changeState, isImplementationStage, requestApproval, requestState } from './states';

/** One approval level as the client resolved it (status from the level, or its approvers). */
export interface ResolvedLevel {
  name: string;
  status: Approval;
  rawStatus: string;
}

/** Link to the request in the on-prem web client (research §1.1). */
export function requestUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/WorkOrder.do?woMode=viewWO&woID=${encodeURIComponent(id)}`;
}

/** Link to the change in the on-prem web client (research §1.1). */
export function changeUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/ChangeDetails.do?CHANGEID=${encodeURIComponent(id)}`;
}

/** An embedded SDP user → Person; undefined when it has no name (an unassigned ticket). */
export function toPerson(person: SdpPerson | null | undefined): Person | undefined {
  if (!person?.name) return undefined;
  const out: Person = { name: person.name };
  if (person.login_name) out.login = person.login_name;
  if (person.email_id) out.email = person.email_id;
  if (person.id) out.id = person.id;
  return out;
}

/** Names (already trimmed by the schema), duplicates (any case) removed, order kept. */
function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const k = name.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A v3 request → Ticket. Kind 'incident' when request_type is Incident, else 'request'. */
export function requestToTicket(connector: Connector, r: SdpRequestData): Ticket {
  const ticket: Ticket = {
    portal: 'sdp',
    connectorId: connector.id,
    kind: r.request_type?.name.trim().toLowerCase() === 'incident' ? 'incident' : 'request',
    id: r.id,
    displayId: r.display_id ?? r.id,
    title: r.subject ?? '',
    state: requestState(r.status, connector.states),
    rawState: r.status.name,
    approval: requestApproval(r.approval_status?.name),
    targets: uniqueNames(r.assets),
    url: requestUrl(connector.baseUrl, r.id),
  };
  const assignee = toPerson(r.technician);
  if (assignee) ticket.assignee = assignee;
  return ticket;
}

/**
 * A v3 change (+ its resolved approval levels) → Ticket. rawState is "Stage / Status" when both
 * exist, as the verdict should show where the change stands and what its status says.
 */
export function changeToTicket(connector: Connector, c: SdpChangeData, levels: ResolvedLevel[]): Ticket {
  const stage = c.stage ? { name: c.stage.name, implementation: isImplementationStage(c.stage, connector.implementationStates) } : undefined;
  const rawState = [c.stage?.name, c.status?.name].filter(Boolean).join(' / ');
  const ticket: Ticket = {
    portal: 'sdp',
    connectorId: connector.id,
    kind: 'change',
    id: c.id,
    displayId: c.display_id ?? c.id,
    title: c.title ?? '',
    state: changeState(c.status ?? undefined, stage, rawState, connector.states),
    rawState,
    approval: changeApproval(c.approval_status?.name, levels.map((l) => l.status)),
    targets: uniqueNames([...c.assets, ...c.configuration_items]),
    url: changeUrl(connector.baseUrl, c.id),
  };
  if (levels.length > 0) ticket.approvalLevels = levels;
  if (stage) ticket.stage = stage;
  const assignee = toPerson(c.change_owner) ?? toPerson(c.technician);
  if (assignee) ticket.assignee = assignee;
  const start = c.scheduled_start_time;
  const end = c.scheduled_end_time;
  // Only a complete window is a window: half of one must not pass "inside the change window".
  if (start !== undefined && end !== undefined) ticket.window = { start, end };
  return ticket;
}
