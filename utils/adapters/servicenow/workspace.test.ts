// @vitest-environment happy-dom
// The ServiceNow adapter on the workspace fixtures, with the page scripts running (they build the
// shadow trees and switch records like SOW): exact anchor, exact ticket, record switches, tabs,
// the floating fallback, and the stale-form guard.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeAll, openFixture, openPage } from '../../../test/fixtures/servicenow/open';
import { IDS, RECORDS, TOKEN } from '../../../test/fixtures/servicenow/specs';
import type { SnRecord } from '../../../test/stand-ins/servicenow/pages';
import type { PageMatch } from '../types';
import { composedParent, deepQuerySelector, deepQuerySelectorAll, isShown } from './deep';
import { servicenowAdapter as adapter } from './index';
import { STALE_MS } from './workspace';

afterEach(async () => {
  vi.useRealTimers();
  await closeAll();
});

const API: Record<string, SnRecord> = Object.fromEntries(
  Object.values(RECORDS).map((r) => [`${r.sys_class_name.value}/${r.sys_id.value}`, r]),
);

function load(file: string) {
  const opened = openFixture(file, { api: API });
  const match = () => adapter.detect(new URL(opened.doc.URL));
  return { ...opened, match };
}

function element(placement: ReturnType<typeof adapter.findPlacement>): Element {
  expect(placement).toMatchObject({ position: 'prepend', style: 'header' });
  return (placement as { element: Element }).element;
}

/** Composed ancestors of `node`, innermost first. */
function ancestors(node: Element): Element[] {
  const out: Element[] = [];
  for (let p = composedParent(node); p; p = composedParent(p)) out.push(p);
  return out;
}

/** How many shadow roots enclose `node`. */
function shadowDepth(node: Node): number {
  let depth = 0;
  for (let root = node.getRootNode(); root.nodeType === 11; root = (root as ShadowRoot).host.getRootNode()) depth++;
  return depth;
}

const ticketOf = (r: SnRecord, targets: string[]) => ({
  kind: adapter.detect(new URL(`https://x.test/${r.sys_class_name.value}.do?sys_id=${r.sys_id.value}`))!.kind,
  id: r.sys_id.value, table: r.sys_class_name.value, displayId: r.number.value, title: r.short_description.value, targets,
});

describe('one record', () => {
  it('anchors in the form action bar, 6+ shadow roots deep, never in the persistent header', () => {
    const { doc, match } = load('workspace-one.html');
    const m = match()!;
    expect(m).toEqual({ kind: 'incident', id: IDS.incident, table: 'incident' });
    const bar = element(adapter.findPlacement(doc, m));
    expect(bar.className).toBe('uiaction-bar-wrapper');
    expect(bar).toBe(deepQuerySelector(doc, '.uiaction-bar-wrapper'));
    const chain = ancestors(bar).map((a) => a.localName);
    expect(chain).toContain('sn-form-data-connected');
    expect(chain).not.toContain('sn-polaris-header');
    expect(shadowDepth(bar)).toBe(7); // appshell root › layout › main › screen › content › form › header layout
    expect(adapter.readTicket(doc, m)).toEqual(ticketOf(RECORDS.incident, ['DB-PROD-01']));
  });

  it('floats (never the Polaris header) when the form has no action bar', () => {
    const { doc, match } = load('workspace-one.html');
    deepQuerySelector(doc, '.uiaction-bar-wrapper')!.remove();
    const header = deepQuerySelector(doc, 'sn-polaris-header')!;
    header.shadowRoot!.append(Object.assign(doc.createElement('div'), { className: 'uiaction-bar-wrapper' }));
    expect(adapter.findPlacement(doc, match()!)).toEqual({ floating: true });
  });

  it('fixture without action bar: floating, ticket still read', () => {
    const { doc, match } = load('workspace-no-action-bar.html');
    expect(deepQuerySelector(doc, 'sn-form-data-connected')).not.toBeNull();
    expect(adapter.findPlacement(doc, match()!)).toEqual({ floating: true });
    expect(adapter.readTicket(doc, match()!)).toEqual(ticketOf(RECORDS.incident, ['DB-PROD-01']));
  });

  it('waits (null) while no form is rendered', () => {
    const { doc, match } = load('workspace-one.html');
    deepQuerySelector(doc, 'sn-workspace-content')!.remove();
    expect(adapter.findPlacement(doc, match()!)).toBeNull();
    expect(adapter.readTicket(doc, match()!)).toEqual({ kind: 'incident', id: IDS.incident, table: 'incident', targets: [] });
  });
});

describe('record tabs', () => {
  it('3 tabs, 2nd active: only the visible record’s action bar', () => {
    const { doc, match } = load('workspace-tabs.html');
    const m = match()!;
    expect(m).toEqual({ kind: 'change', id: IDS.change, table: 'change_request' });
    const bars = deepQuerySelectorAll(doc, '.uiaction-bar-wrapper');
    expect(bars).toHaveLength(3); // inactive tabs stay in the DOM
    expect(bars.map((b) => isShown(b))).toEqual([false, true, false]);
    expect(element(adapter.findPlacement(doc, m))).toBe(bars[1]);
    expect(adapter.readTicket(doc, m)).toEqual(ticketOf(RECORDS.change, ['db-prod-01']));
  });

  it('clicking another tab: null while the old form is on screen, then the new record’s bar', async () => {
    const { doc, match, calls } = load('workspace-tabs.html');
    const before = element(adapter.findPlacement(doc, match()!));
    const tabs = deepQuerySelectorAll(doc, '[role=tab]') as HTMLElement[];
    tabs[0]!.click();
    const m = match()!;
    expect(m).toEqual({ kind: 'incident', id: IDS.printer, table: 'incident' });
    // The change form is still visible for a moment: not labelled with the printer ticket.
    expect(isShown(before)).toBe(true);
    expect(adapter.findPlacement(doc, m)).toBeNull();
    expect(adapter.readTicket(doc, m)).toEqual({ kind: 'incident', id: IDS.printer, table: 'incident', targets: [] });
    await vi.waitFor(() => expect(adapter.findPlacement(doc, m)).not.toBeNull(), { timeout: 2_000 });
    const after = element(adapter.findPlacement(doc, m));
    expect(after).not.toBe(before);
    expect(isShown(before)).toBe(false);
    expect(adapter.readTicket(doc, m)).toEqual(ticketOf(RECORDS.printer, ['PRN-FL2-01']));
    expect(calls).toEqual([{
      url: `/api/now/table/incident/${IDS.printer}?sysparm_display_value=all`,
      init: { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-UserToken': TOKEN } },
    }]);
  });

  it('a sidebar link to a record not open yet: new tab, placement for that record', async () => {
    const { doc, match } = load('workspace-one.html');
    expect(adapter.findPlacement(doc, match()!)).not.toBeNull();
    const link = (deepQuerySelectorAll(doc, '.sn-workspace-recent a') as HTMLAnchorElement[]).find((a) => a.textContent?.startsWith('PRB'))!;
    link.click();
    const m = match()!;
    expect(m).toEqual({ kind: 'problem', id: IDS.problem, table: 'problem' });
    expect(adapter.findPlacement(doc, m)).toBeNull();
    await vi.waitFor(() => expect(adapter.findPlacement(doc, m)).not.toBeNull(), { timeout: 2_000 });
    expect(deepQuerySelectorAll(doc, '[role=tab]')).toHaveLength(2);
    expect(adapter.readTicket(doc, m)).toEqual(ticketOf(RECORDS.problem, ['web-prod-02.corp.example']));
  });
});

describe('stale-form guard', () => {
  /** The URL moves to the problem record but the workspace does not re-render (yet). */
  function pushOnly() {
    const opened = load('workspace-one.html');
    const form = element(adapter.findPlacement(opened.doc, opened.match()!));
    opened.window.history.pushState(null, '', `/now/sow/record/problem/${IDS.problem}`);
    const m = opened.match()!;
    expect(m.table).toBe('problem');
    return { ...opened, form, m };
  }

  it('accepts the form once the workspace rewrites its number in place', () => {
    const { doc, form, m } = pushOnly();
    expect(adapter.findPlacement(doc, m)).toBeNull();
    (deepQuerySelector(doc, 'input[name="number"]') as HTMLInputElement).value = 'PRB0040001';
    expect(element(adapter.findPlacement(doc, m))).toBe(form);
    expect(adapter.readTicket(doc, m).displayId).toBe('PRB0040001');
  });

  it(`gives up waiting after ${STALE_MS} ms (a workspace that showed the tab before pushing the URL)`, () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { doc, form, m } = pushOnly();
    expect(adapter.findPlacement(doc, m)).toBeNull();
    vi.setSystemTime(Date.now() + STALE_MS - 1);
    expect(adapter.findPlacement(doc, m)).toBeNull();
    vi.setSystemTime(Date.now() + 2);
    expect(element(adapter.findPlacement(doc, m))).toBe(form);
  });

  it('going back before the switch finished keeps the old form valid', () => {
    const { window, doc, form, m } = pushOnly();
    expect(adapter.findPlacement(doc, m)).toBeNull();
    window.history.replaceState(null, '', `/now/sow/record/incident/${IDS.incident}`);
    expect(element(adapter.findPlacement(doc, { kind: 'incident', id: IDS.incident, table: 'incident' }))).toBe(form);
  });
});

describe('Agent Workspace (pre-Next Experience) alternative', () => {
  it('finds now-record-form-connected and goes before its now-record-common-uiactionbar', () => {
    const { doc } = openPage('<!DOCTYPE html><body><sn-workspace-layout></sn-workspace-layout></body>', `https://x.test/now/cwf/agent/record/incident/${IDS.incident}`);
    const form = doc.createElement('now-record-form-connected');
    const bar = doc.createElement('now-record-common-uiactionbar');
    bar.attachShadow({ mode: 'open' });
    form.attachShadow({ mode: 'open' }).append(bar);
    doc.querySelector('sn-workspace-layout')!.attachShadow({ mode: 'open' }).append(form);
    const m: PageMatch = { kind: 'incident', id: IDS.incident, table: 'incident' };
    expect(adapter.findPlacement(doc, m)).toEqual({ element: bar, position: 'before', style: 'header' });
  });
});
