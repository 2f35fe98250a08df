/**
 * Dispatches between the classic form and workspaces by the document's own URL (a document is
 * one or the other: classic forms are `/<table>.do`, workspaces `/now/<workspace>/…`). Frame-host
 * documents (nav_to.do, the Next Experience wrapper) never get here: detect() is null for them. Pure DOM reading (no page globals, no fetch): hints only, the
 * background re-reads the ticket over the API.
 */
import type { PageMatch, PageTicket, Placement } from '../types';
import { classicPlacement, readClassicTicket } from './classic';
import { readWorkspaceTicket, workspacePlacement } from './workspace';

function isWorkspaceDocument(doc: Document): boolean {
  try {
    return new URL(doc.URL).pathname.startsWith('/now/');
  } catch {
    return false;
  }
}

export function findPlacement(doc: Document, match: PageMatch): Placement | null {
  return isWorkspaceDocument(doc) ? workspacePlacement(doc, match) : classicPlacement(doc, match);
}

export function readTicket(doc: Document, match: PageMatch): PageTicket {
  return isWorkspaceDocument(doc) ? readWorkspaceTicket(doc, match) : readClassicTicket(doc, match);
}
