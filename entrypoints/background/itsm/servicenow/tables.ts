/**
 * The ServiceNow tables PAM Bridge reads tickets from, and how they map to ticket kinds
 * (research/itsm-portals.md §2.1, §2.4). Anything else is refused before a call is made, so a
 * page can never make the background read an arbitrary table (design.md trust rule 2).
 */
import type { TicketKind } from '@/utils/tickets/types';

export const SN_TABLES = ['incident', 'change_request', 'sc_req_item', 'sc_task', 'problem'] as const;
export type SnTable = (typeof SN_TABLES)[number];

/** The table a kind lives in when the page did not say (a catalog task must be named explicitly). */
export const TABLE_OF_KIND: Readonly<Record<TicketKind, SnTable>> = {
  incident: 'incident',
  change: 'change_request',
  request: 'sc_req_item',
  problem: 'problem',
};

/** The kind of a table's records; the table wins over the kind a caller guessed. */
export const KIND_OF_TABLE: Readonly<Record<SnTable, TicketKind>> = {
  incident: 'incident',
  change_request: 'change',
  sc_req_item: 'request',
  sc_task: 'request',
  problem: 'problem',
};

/** Words for sentences ("ServiceNow has no requested item …"). */
export const TABLE_NOUNS: Readonly<Record<SnTable, string>> = {
  incident: 'incident',
  change_request: 'change',
  sc_req_item: 'requested item',
  sc_task: 'catalog task',
  problem: 'problem',
};

/** sys_id: 32 lower-case hex digits [C] (research §2.1). */
export const SYS_ID = /^[0-9a-f]{32}$/;

export function isSnTable(table: string): table is SnTable {
  return (SN_TABLES as readonly string[]).includes(table);
}
