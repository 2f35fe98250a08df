// @vitest-environment happy-dom
// The ServiceNow adapter on every classic fixture page: exact URL match, exact anchor (element
// identity and position), exact ticket read; then the fallbacks down to floating, and waiting.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, openFixture } from '../../../test/fixtures/servicenow/open';
import { IDS } from '../../../test/fixtures/servicenow/specs';
import type { PageMatch, PageTicket } from '../types';
import { servicenowAdapter as adapter } from './index';

afterEach(closeAll);

function load(file: string) {
  const opened = openFixture(file);
  return { ...opened, match: adapter.detect(opened.url) };
}

/** Asserts the exact element (identity, not an equal-looking node), position and style. */
function expectPlacement(doc: Document, match: PageMatch, element: Element | null, position: string, style: string) {
  expect(element).not.toBeNull();
  const placement = adapter.findPlacement(doc, match);
  expect(placement && 'element' in placement ? placement.element : placement).toBe(element);
  expect(placement).toMatchObject({ position, style });
}

const CLASSIC: {
  file: string; match: PageMatch; anchor: string; position: string; style: string; ticket: PageTicket;
}[] = [
  {
    file: 'classic-incident.html', match: { kind: 'incident', id: IDS.incident, table: 'incident' },
    anchor: 'nav.navbar .navbar-right', position: 'prepend', style: 'header',
    ticket: { kind: 'incident', id: IDS.incident, table: 'incident', displayId: 'INC0010023', title: 'Patch OpenSSL on DB-PROD-01', targets: ['DB-PROD-01'] },
  },
  {
    // cmdb_ci db-prod-01 and the affected CI DB-PROD-01 are one machine: first spelling kept.
    file: 'classic-change.html', match: { kind: 'change', id: IDS.change, table: 'change_request' },
    anchor: 'nav.navbar .navbar-right', position: 'prepend', style: 'header',
    ticket: {
      kind: 'change', id: IDS.change, table: 'change_request', displayId: 'CHG0030042', title: 'Upgrade PostgreSQL on DB-PROD-01 to 16.4',
      targets: ['db-prod-01', 'DB-PROD-02', 'PostgreSQL Cluster PROD'],
    },
  },
  {
    file: 'classic-ritm.html', match: { kind: 'request', id: IDS.ritm, table: 'sc_req_item' },
    anchor: 'nav.navbar .navbar-right', position: 'prepend', style: 'header',
    ticket: { kind: 'request', id: IDS.ritm, table: 'sc_req_item', displayId: 'RITM0010007', title: 'Access to finance share on FS-FIN-01', targets: ['FS-FIN-01'] },
  },
  {
    // The URL spells the sys_id in uppercase; the form's #sys_uniqueValue is lowercase: same record.
    file: 'classic-sctask.html', match: { kind: 'request', id: IDS.sctask, table: 'sc_task' },
    anchor: 'nav.navbar .navbar-right', position: 'prepend', style: 'header',
    ticket: { kind: 'request', id: IDS.sctask, table: 'sc_task', displayId: 'SCTASK0010012', title: 'Grant read access on FS-FIN-01', targets: ['FS-FIN-01'] },
  },
  {
    // An empty Affected CIs list adds nothing.
    file: 'classic-problem.html', match: { kind: 'problem', id: IDS.problem, table: 'problem' },
    anchor: 'nav.navbar .navbar-right', position: 'prepend', style: 'header',
    ticket: { kind: 'problem', id: IDS.problem, table: 'problem', displayId: 'PRB0040001', title: 'Recurring OpenSSL crashes on the web tier', targets: ['web-prod-02.corp.example'] },
  },
  {
    // Header without .navbar-right: after the title. Markup-looking text stays text.
    file: 'classic-no-navbar-right.html', match: { kind: 'incident', id: IDS.vpn, table: 'incident' },
    anchor: 'h1.navbar-title', position: 'after', style: 'header',
    ticket: { kind: 'incident', id: IDS.vpn, table: 'incident', displayId: 'INC0010024', title: 'VPN access for contractor <b>urgent</b>', targets: ['vpn-gw-01'] },
  },
];

describe('servicenow adapter on classic form fixtures', () => {
  it.each(CLASSIC.map((page) => [page.file, page] as const))('%s', (_file, page) => {
    const { doc, match } = load(page.file);
    expect(match).toEqual(page.match);
    expectPlacement(doc, match!, doc.querySelector(page.anchor), page.position, page.style);
    expect(adapter.readTicket(doc, match!)).toEqual(page.ticket);
  });

  it('the no-navbar-right page really has no .navbar-right and no UI-action span', () => {
    const { doc } = load('classic-no-navbar-right.html');
    expect(doc.querySelector('.navbar-right, .navbar_ui_actions')).toBeNull();
  });
});

describe('classic fallbacks, in order', () => {
  it('uses .navbar_ui_actions when a header has it outside .navbar-right', () => {
    const { doc, match } = load('classic-incident.html');
    const actions = doc.querySelector('.navbar_ui_actions')!;
    doc.querySelector('.navbar-header')!.after(actions);
    doc.querySelector('.navbar-right')!.remove();
    expectPlacement(doc, match!, actions, 'prepend', 'header');
  });

  it('uses the bottom button row when there is no form header', () => {
    const { doc, match } = load('classic-incident.html');
    doc.querySelector('nav.navbar')!.remove();
    expectPlacement(doc, match!, doc.querySelector('.form_action_button_container'), 'prepend', 'panel');
  });

  it('floats when the form is there but no anchor is left', () => {
    const { doc, match } = load('classic-incident.html');
    doc.querySelector('nav.navbar')!.remove();
    doc.querySelector('.form_action_button_container')!.remove();
    expect(adapter.findPlacement(doc, match!)).toEqual({ floating: true });
  });

  it('waits (null) while the form has not rendered (#sys_uniqueValue missing)', () => {
    const { doc, match } = load('classic-incident.html');
    doc.getElementById('sys_uniqueValue')!.remove();
    expect(adapter.findPlacement(doc, match!)).toBeNull();
  });

  it('stays out (null) when the form shows another record than the URL names', () => {
    const { doc, match } = load('classic-incident.html');
    doc.getElementById('sys_uniqueValue')!.setAttribute('value', IDS.printer);
    expect(adapter.findPlacement(doc, match!)).toBeNull();
  });

  it('reads the editable number field when there is no read-only box, and bounds what it reads', () => {
    const { doc, match } = load('classic-incident.html');
    doc.getElementById('sys_readonly.incident.number')!.remove();
    (doc.getElementById('incident.short_description') as HTMLInputElement).value = `  ${'x'.repeat(300)} `;
    const ticket = adapter.readTicket(doc, match!);
    expect(ticket.displayId).toBe('INC0010023');
    expect(ticket.title).toBe('x'.repeat(255));
    (doc.getElementById('incident.number') as HTMLInputElement).value = 'N'.repeat(65);
    expect(adapter.readTicket(doc, match!).displayId).toBeUndefined();
  });

  it('never throws on a page with none of the fields', () => {
    const { doc, match } = load('classic-incident.html');
    doc.body.replaceChildren();
    expect(adapter.readTicket(doc, match!)).toEqual({ kind: 'incident', id: IDS.incident, table: 'incident', targets: [] });
    expect(adapter.findPlacement(doc, match!)).toBeNull();
  });
});

describe('servicenow adapter ignores the non-ticket fixture pages', () => {
  it.each([['list.html'], ['login.html'], ['nav-to.html'], ['polaris-classic.html']])('%s', (file) => {
    expect(load(file).match).toBeNull();
  });
});
