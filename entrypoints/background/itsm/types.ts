/**
 * What every ITSM client offers the background, and the transport it runs on. A client never
 * knows whether it talks with a stored API key (background fetch, credentials omitted) or with
 * the technician's own signed-in session (a same-origin call inside the portal tab).
 */
import type { Connector } from '@/utils/config/schema';
import type { Person, Ticket, TicketKind } from '@/utils/tickets/types';

export interface ItsmRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Path below the connector's base URL, starting with '/', ids already encoded. */
  path: string;
  query?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded (SDP's `input_data`). */
  form?: Record<string, string>;
  /** Sent as a JSON body (ServiceNow, Jira, TOPdesk). */
  json?: unknown;
  headers?: Record<string, string>;
}

export interface ItsmResponse {
  status: number;
  contentType: string;
  text: string;
}

/** Executes one request; network failures reject with ItsmError('unreachable'). */
export type ItsmTransport = (request: ItsmRequest) => Promise<ItsmResponse>;

export type ItsmErrorKind =
  | 'unreachable'
  | 'signed-out' // session mode: the portal session expired (sign in to the portal again)
  | 'bad-credentials' // API key / password / OAuth refused
  | 'forbidden' // authenticated but not allowed to see this ticket
  | 'not-found' // no such ticket
  | 'unexpected' // answer not in the documented shape
  | 'failed'; // other error with the portal's message

export class ItsmError extends Error {
  constructor(
    readonly kind: ItsmErrorKind,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ItsmError';
  }
}

export interface ItsmClient {
  /**
   * Reads the ticket fresh from the portal API and normalises it. `table` is the portal's record
   * type where the kind alone does not say (ServiceNow); clients check it against their own list.
   */
  getTicket(kind: TicketKind, id: string, table?: string): Promise<Ticket>;
  /**
   * Cheapest authenticated call, for "Test connection": resolves with a sentence such as
   * "Signed in to ServiceDesk Plus as Alice Moreau" (or "API key accepted"), rejects with ItsmError.
   */
  ping(): Promise<{ message: string; user?: Person }>;
  /** Adds a private/internal note to the ticket. */
  addNote(kind: TicketKind, id: string, text: string, table?: string): Promise<void>;
}

export type ItsmClientFactory = (connector: Connector, transport: ItsmTransport) => ItsmClient;
