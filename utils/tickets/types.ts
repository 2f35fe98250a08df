/**
 * The normalised ticket (design.md "Data flow"): one shape for every portal, produced by the
 * background's ITSM clients and consumed by the rules engine and the UI. Types only.
 */
import type { PortalKind } from '../config/schema';

export type TicketKind = 'incident' | 'request' | 'change' | 'problem';
export type TicketState = 'open' | 'in-progress' | 'resolved' | 'closed' | 'cancelled';
export type Approval = 'approved' | 'pending' | 'rejected' | 'not-required' | 'unknown';

export interface Person {
  name: string;
  login?: string;
  email?: string;
  /** The portal's own id for the person, when it has one. */
  id?: string;
}

export interface Ticket {
  portal: PortalKind;
  connectorId: string;
  kind: TicketKind;
  /** The portal API's id (SDP woID / CHANGEID, ServiceNow sys_id, …), always a string. */
  id: string;
  /** The portal's record type where kind is not enough (ServiceNow table). */
  table?: string;
  /** What people call it (SDP display id, INC0010023, CH-17); falls back to id. */
  displayId: string;
  title: string;
  state: TicketState;
  /** The portal's own status text, e.g. "Onhold", "Implementation / In Progress". */
  rawState: string;
  approval: Approval;
  /** Approval levels, when the portal has them (SDP changes), for the verdict's reasons. */
  approvalLevels?: { name: string; status: Approval; rawStatus: string }[];
  /** Change stage (SDP stage / ServiceNow state) when it matters for implementation. */
  stage?: { name: string; implementation: boolean };
  assignee?: Person;
  /** Scheduled window (epoch ms), for changes. */
  window?: { start: number; end: number };
  /** Machines named on the ticket (asset / CI names, DNS names). */
  targets: string[];
  /** Link to the ticket in the portal. */
  url: string;
}

/**
 * What a content script knows about the ticket on its page: which ticket, not whether it is
 * valid. The background re-reads the ticket over the API before deciding anything.
 */
export interface TicketRef {
  /**
   * Which connector the ticket belongs to. Content scripts leave it out: the background takes
   * the connector from the sender's origin, so a page can never speak for another portal.
   */
  connectorId?: string;
  kind: TicketKind;
  id: string;
  /** The portal's record type where kind is not enough (ServiceNow table). */
  table?: string;
  displayId?: string;
  /** Hints read from the page (never trusted for the verdict). */
  hints?: { title?: string; targets?: string[] };
}
