/**
 * How a portal ticket is named to PAM360: the TICKETID it checks against the ITSM, and the
 * REASON that shows in PAM360's audit. One place, per portal, so it is easy to change where
 * research is inferred (PAM360's SDP integration looks requests up by their API id).
 */
import type { Connector } from '@/utils/config/schema';
import type { Ticket } from '@/utils/tickets/types';

const PORTAL_NAME: Record<Connector['kind'], string> = {
  sdp: 'ServiceDesk Plus',
  servicenow: 'ServiceNow',
  jsm: 'Jira Service Management',
  topdesk: 'TOPdesk',
};

export function pamTicketId(ticket: Pick<Ticket, 'portal' | 'id' | 'displayId'>): string {
  return ticket.portal === 'sdp' ? ticket.id : ticket.displayId;
}

/** e.g. "ServiceDesk Plus change CH-17: Patch web farm (via PAM Bridge)"; PAM360 caps reasons, so we do too. */
export function pamReason(ticket: Pick<Ticket, 'portal' | 'kind' | 'displayId' | 'title'>): string {
  const text = `${PORTAL_NAME[ticket.portal]} ${ticket.kind} ${ticket.displayId}: ${ticket.title} (via PAM Bridge)`;
  return text.length > 250 ? `${text.slice(0, 247)}…` : text;
}

export function portalName(kind: Connector['kind']): string {
  return PORTAL_NAME[kind];
}
