/**
 * Dispatches between the classic form and workspaces by the document's own URL (a document is
 * one or the other: classic forms are `/<table>.do`, workspaces `/now/<workspace>/…`), and tells
 * frame-host documents apart. Pure DOM reading (no page globals, no fetch): hints only, the
 * background re-reads the ticket over the API.
 */
import type { PageMatch, PageTicket, Placement } from '../types';
import { classicPlacement, readClassicTicket } from './classic';
import { deepQuerySelector } from './deep';
import { isFrameHostUrl } from './detect';
import { CONTENT_FRAME } from './selectors';
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

/**
 * nav_to.do / navpage.do (UI16) and the Next Experience classic wrapper only frame the form. True
 * once their iframe#gsft_main exists, in the light DOM (UI16) or in an open shadow root (Polaris
 * macroponent); the walk is bounded. SN Utils likewise skips the parent when gsft_main exists [C].
 */
export function isFrameHost(doc: Document, url: URL): boolean {
  return isFrameHostUrl(url) && deepQuerySelector(doc, CONTENT_FRAME, { maxDepth: 8, maxNodes: 5_000 }) !== null;
}
