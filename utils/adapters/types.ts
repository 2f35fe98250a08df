/**
 * The contract every portal adapter fulfils (one folder per portal under utils/adapters/).
 * Adapters are pure page logic: they get the URL and a document/root, never call browser APIs,
 * never fetch, and are tested against fixture pages.
 */
import type { PortalKind } from '../config/schema';
import type { TicketKind } from '../tickets/types';

/** A ticket page recognised from its URL. */
export interface PageMatch {
  kind: TicketKind;
  /** The portal API's id as found in the URL (string, as every id). */
  id: string;
  /** The portal's own record type where kind is not enough (ServiceNow table, e.g. sc_task). */
  table?: string;
}

/** Where the toolbar goes: relative to `element`, or a floating panel when nothing fits. */
export type Placement =
  | { element: Element; position: 'before' | 'after' | 'prepend' | 'append'; style: 'header' | 'panel' }
  | { floating: true };

/** What the page says about the ticket; hints for the UI, not facts for the verdict. */
export interface PageTicket {
  kind: TicketKind;
  id: string;
  table?: string;
  displayId?: string;
  title?: string;
  targets?: string[];
}

export interface PortalAdapter {
  id: PortalKind;
  /** Recognises a ticket page from its URL alone; null for every other page. */
  detect(url: URL): PageMatch | null;
  /**
   * Finds where the toolbar goes, trying anchors in order (newest layout first). Returns null
   * while the ticket header has not rendered yet (the caller waits for DOM changes), and
   * `{floating: true}` only when the page is loaded but no known anchor exists.
   */
  findPlacement(root: Document, match: PageMatch): Placement | null;
  /** Reads what the page shows about the ticket; never throws on missing parts. */
  readTicket(root: Document, match: PageMatch): PageTicket;
  /**
   * 'deep' when anchors live inside shadow roots, which a document MutationObserver cannot see:
   * the runtime then also re-checks on navigation events and on a slow timer (workspaces).
   */
  watch?: 'dom' | 'deep';
}
