/**
 * Workspaces (SOW and other Next Experience workspaces): the form lives 6+ open shadow roots deep,
 * record tabs keep inactive records in the DOM (hidden), and a record switch pushes the URL first
 * and re-renders the form subtree a little later (research §2.3).
 *
 * Which form is the URL's record? The form component's `table` / `sysId` are JS properties that
 * an isolated-world script cannot read, and no attribute is known to carry the sys_id. So we take
 * the **visible** form, and guard the switch window: forms that were on screen for the previous
 * record are stale until the workspace replaces them or rewrites their number, so for that short
 * moment we answer null (wait) instead of labelling the old form with the new ticket. A stale mark
 * expires after STALE_MS in case a workspace shows the new tab before it pushes the URL.
 *
 * Module state is one small record per document (WeakMap): the key we last answered for and the
 * forms we saw for it. Never anchors outside a form: the Polaris header and the tab strip persist
 * across records.
 */
import type { PageMatch, PageTicket, Placement } from '../types';
import { deepQuerySelector, deepQuerySelectorAll, isShown } from './deep';
import { WS_ACTION_BARS, WS_CI, WS_FORMS, WS_HEADINGS, WS_NUMBER, WS_TITLE } from './selectors';
import { addTarget, fieldText, toTicket } from './text';

export const STALE_MS = 3_000;
/** A record number inside a heading: configurable prefix and digits (research §2.1), loosely. */
const NUMBER_IN_TEXT = /\b[A-Z]{2,8}\d{4,12}\b/;

interface SwitchState {
  key: string;
  /** Forms we answered with for `key`, with the number they showed. */
  seen: WeakMap<Element, string>;
  /** Forms seen for the previous key: stale while they still show the same number. */
  stale: WeakMap<Element, string>;
  since: number;
}
const states = new WeakMap<Document, SwitchState>();

function numberOf(form: Element): string | undefined {
  const field = fieldText(deepQuerySelector(form, WS_NUMBER));
  if (field) return field;
  for (const heading of deepQuerySelectorAll(form, WS_HEADINGS)) {
    const found = NUMBER_IN_TEXT.exec(heading.textContent ?? '');
    if (found) return found[0];
  }
  return undefined;
}

function visibleForms(doc: Document): Element[] {
  for (const selector of WS_FORMS) {
    const forms = deepQuerySelectorAll(doc, selector).filter((form) => isShown(form));
    if (forms.length) return forms;
  }
  return [];
}

/** The visible form that shows the URL's record; null while the workspace is (re)rendering. */
export function currentForm(doc: Document, match: PageMatch): Element | null {
  const key = `${match.table}/${match.id}`;
  const now = Date.now();
  let state = states.get(doc);
  if (!state || state.key !== key) {
    state = { key, seen: new WeakMap(), stale: state?.seen ?? new WeakMap(), since: now };
    states.set(doc, state);
  }
  for (const form of visibleForms(doc)) {
    const number = numberOf(form) ?? '';
    if (state.stale.get(form) === number && now - state.since < STALE_MS) continue;
    state.seen.set(form, number);
    return form;
  }
  return null;
}

export function workspacePlacement(doc: Document, match: PageMatch): Placement | null {
  const form = currentForm(doc, match);
  if (!form) return null;
  for (const anchor of WS_ACTION_BARS) {
    const element = deepQuerySelector(form, anchor.selector);
    if (element && isShown(element)) return { element, position: anchor.position, style: anchor.style };
  }
  // The record's form is there but has no action bar (layout we do not know, or none configured).
  return { floating: true };
}

export function readWorkspaceTicket(doc: Document, match: PageMatch): PageTicket {
  const form = currentForm(doc, match);
  if (!form) return toTicket(match, { targets: [] });
  const targets: string[] = [];
  const ci = deepQuerySelector(form, WS_CI);
  if (ci) addTarget(targets, fieldText(deepQuerySelector(ci, 'input')));
  return toTicket(match, {
    displayId: numberOf(form),
    title: fieldText(deepQuerySelector(form, WS_TITLE)),
    targets,
  });
}
