/**
 * Where the toolbar goes on an SDP ticket page and what the page shows about the ticket.
 * Pure DOM reading (no page globals, no fetch); hints only, the background re-reads the API.
 */
import type { PageMatch, PageTicket, Placement } from '../types';
import { CHANGE_ANCHORS, DETAILS, DISPLAY_ID, LOADING, REQUEST_ANCHORS, TARGETS, TITLE } from './selectors';

const MAX_TARGETS = 50;
const MAX_TEXT = 255;

export function findPlacement(doc: Document, match: PageMatch): Placement | null {
  const anchors = match.kind === 'change' ? CHANGE_ANCHORS : REQUEST_ANCHORS;
  for (const anchor of anchors) {
    const element = doc.querySelector(anchor.selector);
    if (element) return { element, position: anchor.position, style: anchor.style };
  }
  // Still parsing or still fetching (SDP renders details client-side): wait for DOM changes.
  if (doc.readyState === 'loading' || doc.querySelector(LOADING)) return null;
  // Details rendered but none of our anchors: a layout we do not know yet.
  return doc.querySelector(DETAILS) ? { floating: true } : null;
}

/** Whitespace-collapsed, trimmed text; undefined when empty. */
function text(element: Element | null): string | undefined {
  return element?.textContent?.replace(/\s+/g, ' ').trim() || undefined;
}

function first(doc: Document, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    const value = text(doc.querySelector(selector));
    if (value) return value;
  }
  return undefined;
}

/** Asset and CI names, trimmed, de-duplicated case-insensitively (host names), first case kept. */
function targets(doc: Document): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const element of doc.querySelectorAll(TARGETS.join(','))) {
    const name = text(element);
    if (!name || name.length > MAX_TEXT || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
    if (names.length === MAX_TARGETS) break;
  }
  return names;
}

export function readTicket(doc: Document, match: PageMatch): PageTicket {
  // Display ids are short (3314, CH-17); a long text there is not one, so leave it out.
  const shown = first(doc, DISPLAY_ID)?.replace(/^#\s*/, '');
  const displayId = shown && shown.length <= 64 ? shown : undefined;
  const title = first(doc, TITLE)?.slice(0, MAX_TEXT);
  return {
    kind: match.kind,
    id: match.id,
    ...(displayId ? { displayId } : {}),
    ...(title ? { title } : {}),
    targets: targets(doc),
  };
}
