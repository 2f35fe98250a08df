/**
 * The classic UI16 form: where the toolbar goes and what the form shows. Plain light DOM (no
 * shadow roots in classic forms). Saving reloads the frame, and the content script with it.
 */
import type { PageMatch, PageTicket, Placement } from '../types';
import { CLASSIC_AFFECTED_CIS, CLASSIC_ANCHORS, CLASSIC_SYS_ID, classicIds } from './selectors';
import { addTarget, fieldText, toTicket } from './text';

export function classicPlacement(doc: Document, match: PageMatch): Placement | null {
  // No #sys_uniqueValue: the form has not rendered (or this is not a form after all): wait.
  const unique = doc.getElementById(CLASSIC_SYS_ID);
  if (!unique) return null;
  // The form shows another record than the URL names: never label it with the URL's ticket.
  const shown = fieldText(unique)?.toLowerCase();
  if (shown && shown !== match.id) return null;
  for (const anchor of CLASSIC_ANCHORS) {
    const element = doc.querySelector(anchor.selector);
    if (element) return { element, position: anchor.position, style: anchor.style };
  }
  return { floating: true };
}

function byIds(doc: Document, ids: readonly string[]): string | undefined {
  for (const id of ids) {
    const value = fieldText(doc.getElementById(id));
    if (value) return value;
  }
  return undefined;
}

export function readClassic(doc: Document, table: string): { displayId?: string; title?: string; targets: string[] } {
  const ids = classicIds(table);
  const targets: string[] = [];
  addTarget(targets, fieldText(doc.getElementById(ids.ci)));
  for (const link of doc.querySelectorAll(CLASSIC_AFFECTED_CIS)) addTarget(targets, fieldText(link));
  return { displayId: byIds(doc, ids.number), title: byIds(doc, ids.title), targets };
}

export function readClassicTicket(doc: Document, match: PageMatch): PageTicket {
  return toTicket(match, readClassic(doc, match.table ?? ''));
}
