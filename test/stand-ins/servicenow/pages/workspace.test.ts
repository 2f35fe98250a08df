// @vitest-environment happy-dom
// The stand-in workspace page with its script running: the component tree (open shadow roots,
// custom elements, JS-only form properties), record switches (URL first, Table API fetch with
// X-UserToken, teardown, rebuild), back/forward, superseded switches, errors, and escaping.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeAll, openPage } from '../../../fixtures/servicenow/open';
import { IDS, ORIGIN, RECORDS, TOKEN, USER } from '../../../fixtures/servicenow/specs';
import { deepQuerySelector, deepQuerySelectorAll, isShown } from '../../../../utils/adapters/servicenow/deep';
import { renderWorkspace, type SnRecord } from './index';

afterEach(closeAll);

const SESSION = { user: USER, token: TOKEN };
const API: Record<string, SnRecord> = Object.fromEntries(Object.values(RECORDS).map((r) => [`${r.sys_class_name.value}/${r.sys_id.value}`, r]));
const path = (r: SnRecord) => `/now/sow/record/${r.sys_class_name.value}/${r.sys_id.value}`;

function openWorkspace(records: SnRecord[], active: number, options: Partial<Parameters<typeof renderWorkspace>[2]> = {}, api = API) {
  const html = renderWorkspace(records, active, { ...SESSION, rebuildMs: 10, ...options });
  return openPage(html, `${ORIGIN}${path(records[active]!)}`, { scripts: true, api });
}

const visibleForm = (doc: Document) => deepQuerySelectorAll(doc, 'sn-form-data-connected').filter((f) => isShown(f));
const numberShown = (doc: Document) => (deepQuerySelector(visibleForm(doc)[0]!, 'input[name="number"]') as HTMLInputElement).value;

describe('the component tree', () => {
  it('custom elements with open shadow roots down to the form, which carries JS-only properties', () => {
    const { window, doc } = openWorkspace([RECORDS.incident], 0);
    const chain = ['sn-canvas-appshell-root', 'sn-canvas-appshell-layout', 'sn-canvas-main', 'sn-canvas-screen', 'sn-workspace-content', 'sn-form-data-connected', 'sn-form-internal-header-layout'];
    let scope: Document | ShadowRoot = doc;
    for (const tag of chain) {
      const el: Element = scope.querySelector(tag)!;
      expect(el, tag).not.toBeNull();
      expect(window.customElements.get(tag), tag).toBeTruthy();
      scope = el.shadowRoot!;
    }
    expect(scope.querySelector('.uiaction-bar-wrapper')!.textContent).toBe('');
    expect(deepQuerySelectorAll(scope, 'button').map((b) => b.textContent)).toEqual(['Save', 'Resolve Incident']);
    const form = visibleForm(doc)[0] as Element & { table?: string; nowRecordFormBlob?: { sysId: string; gForm: { getValue(n: string): string } } };
    expect(form.getAttributeNames()).toEqual([]); // nothing an isolated world could read
    expect(form.table).toBe('incident');
    expect(form.nowRecordFormBlob!.sysId).toBe(IDS.incident);
    expect(form.nowRecordFormBlob!.gForm.getValue('cmdb_ci')).toBe(RECORDS.incident.cmdb_ci.value);
    const ci = deepQuerySelector(form, 'sn-record-reference-connected[name="cmdb_ci"]')!;
    expect(ci.getAttribute('value')).toBe(RECORDS.incident.cmdb_ci.value); // [P]: reference fields show the sys_id
    expect((deepQuerySelector(ci, 'input') as HTMLInputElement).value).toBe(' DB-PROD-01 ');
    expect((window as unknown as { g_ck: string }).g_ck).toBe(TOKEN);
  });

  it('record tabs: one screen per record, inactive ones hidden with display:none', () => {
    const { doc } = openWorkspace([RECORDS.printer, RECORDS.change, RECORDS.ritm], 1);
    const screens = deepQuerySelectorAll(doc, 'sn-canvas-screen') as HTMLElement[];
    expect(screens.map((s) => s.style.display)).toEqual(['none', '', 'none']);
    expect(deepQuerySelectorAll(doc, '[role=tab]').map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);
    expect(numberShown(doc)).toBe('CHG0030042');
  });

  it('noActionBar: forms without .uiaction-bar-wrapper', () => {
    const { doc } = openWorkspace([RECORDS.incident], 0, { noActionBar: true });
    expect(visibleForm(doc)).toHaveLength(1);
    expect(deepQuerySelector(doc, '.uiaction-bar-wrapper')).toBeNull();
  });

  it('record data is text, never markup', () => {
    const { doc } = openWorkspace([RECORDS.vpn, RECORDS.problem], 0);
    expect(deepQuerySelectorAll(doc.querySelector('sn-canvas-appshell-root')!, 'b, script')).toEqual([]);
    expect(deepQuerySelector(doc, '.sn-form-header-subtitle')!.textContent).toBe('VPN access for contractor <b>urgent</b>');
    expect(deepQuerySelector(doc, 'textarea[name="description"]')!.textContent).toContain('<script>alert(1)</script>');
  });

  it('rejects impossible input', () => {
    expect(() => renderWorkspace([], 0, SESSION)).toThrow();
    expect(() => renderWorkspace([RECORDS.incident], 1, SESSION)).toThrow();
    expect(() => renderWorkspace([{ ...RECORDS.incident, sys_class_name: { value: 'sys_user', display_value: '' } }], 0, SESSION)).toThrow();
  });
});

describe('record switches', () => {
  it('tab click: URL + popstate at once, fetch with X-UserToken, teardown, then the rebuilt form', async () => {
    const { window, doc, calls } = openWorkspace([RECORDS.printer, RECORDS.change], 1, { rebuildMs: 200 });
    const pops: string[] = [];
    window.addEventListener('popstate', () => pops.push(window.location.pathname));
    const oldForm = visibleForm(doc)[0]!;
    (deepQuerySelectorAll(doc, '[role=tab]')[0] as HTMLElement).click();
    expect(window.location.pathname).toBe(path(RECORDS.printer));
    expect(pops).toEqual([path(RECORDS.printer)]);
    expect(visibleForm(doc)).toEqual([oldForm]); // still on screen for a moment
    await vi.waitFor(() => {
      const loader = deepQuerySelector(doc, 'now-loader');
      expect(loader && isShown(loader)).toBe(true);
    }, { interval: 5 });
    expect(visibleForm(doc)).toEqual([]); // torn down
    await vi.waitFor(() => expect(visibleForm(doc)).toHaveLength(1));
    expect(numberShown(doc)).toBe('INC0010025');
    expect(calls).toEqual([{ url: `/api/now/table/incident/${IDS.printer}?sysparm_display_value=all`,
      init: { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-UserToken': TOKEN } } }]);
    expect(doc.title).toBe('INC0010025 | Service Operations Workspace');
  });

  it('back/forward (popstate from the browser) switches to the URL’s record', async () => {
    const { window, doc } = openWorkspace([RECORDS.printer, RECORDS.change], 1);
    window.history.pushState(null, '', path(RECORDS.printer));
    window.dispatchEvent(new window.PopStateEvent('popstate', { state: null }));
    await vi.waitFor(() => expect(visibleForm(doc).length && numberShown(doc)).toBe('INC0010025'));
  });

  it('a superseded switch never shows its record', async () => {
    const { window, doc } = openWorkspace([RECORDS.printer, RECORDS.change, RECORDS.ritm], 1);
    const tabs = deepQuerySelectorAll(doc, '[role=tab]') as HTMLElement[];
    tabs[0]!.click();
    tabs[2]!.click();
    expect(window.location.pathname).toBe(path(RECORDS.ritm));
    await vi.waitFor(() => expect(visibleForm(doc).length && numberShown(doc)).toBe('RITM0010007'));
    const screens = deepQuerySelectorAll(doc, 'sn-canvas-screen') as HTMLElement[];
    expect(screens.map((s) => s.style.display)).toEqual(['none', 'none', '']);
  });

  it('an API error shows in the screen instead of a form', async () => {
    const { doc } = openWorkspace([RECORDS.incident], 0, { links: [{ table: 'problem', sys_id: IDS.problem, number: 'PRB0040001' }] }, {});
    (deepQuerySelector(doc, '.sn-workspace-recent a') as HTMLElement).click();
    await vi.waitFor(() => expect(deepQuerySelector(doc, '.sn-workspace-error')?.textContent).toBe('No Record found'));
    expect(visibleForm(doc)).toEqual([]);
  });
});
