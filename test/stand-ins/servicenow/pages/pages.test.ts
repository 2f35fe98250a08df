// @vitest-environment happy-dom
// The server-rendered ServiceNow pages: classic form structure per table (the ids the research
// names), escaping of every record value, the frame hosts, login and list.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, openPage } from '../../../fixtures/servicenow/open';
import { IDS, ORIGIN, RECORDS, TOKEN, USER } from '../../../fixtures/servicenow/specs';
import { renderClassicForm, renderList, renderLogin, renderNavTo, renderPolarisClassic, TABLES, type SnRecord, type SnTable } from './index';

afterEach(closeAll);

const SESSION = { user: USER, token: TOKEN };
const open = (html: string, path = '/', scripts = false) => openPage(html, `${ORIGIN}${path}`, { scripts }).doc;
const value = (doc: Document, id: string) => (doc.getElementById(id) as HTMLInputElement | null)?.value;

describe('classic form', () => {
  const cases: [SnTable, SnRecord][] = [
    ['incident', RECORDS.incident], ['change_request', RECORDS.change], ['sc_req_item', RECORDS.ritm],
    ['sc_task', RECORDS.sctask], ['problem', RECORDS.problem],
  ];

  it.each(cases)('%s: header, hidden inputs and field ids', (table, record) => {
    const doc = open(renderClassicForm(record, SESSION));
    expect(doc.querySelector('nav.navbar .navbar-header h1.navbar-title')!.textContent).toBe(`${TABLES[table].label} ${record.number.value}`);
    expect(doc.querySelectorAll('.navbar-right .navbar-btn').length).toBeGreaterThanOrEqual(3);
    expect(Array.from(doc.querySelectorAll('.navbar-right .navbar_ui_actions button'), (b) => b.textContent)).toEqual(TABLES[table].actions);
    expect(doc.getElementById('sysverb_update')).not.toBeNull();
    expect(value(doc, 'sys_uniqueValue')).toBe(record.sys_id.value);
    expect((doc.querySelector('input[name=sysparm_ck]') as HTMLInputElement).value).toBe(TOKEN);
    expect(value(doc, `sys_readonly.${table}.number`)).toBe(record.number.value);
    expect(value(doc, `${table}.number`)).toBe(record.number.value);
    expect(value(doc, `${table}.short_description`)).toBe(record.short_description.value);
    expect(value(doc, `${table}.state`)).toBe(record.state.value);
    expect(value(doc, `sys_display.${table}.assigned_to`)).toBe(record.assigned_to.display_value);
    expect(value(doc, `${table}.cmdb_ci`)).toBe(record.cmdb_ci.value);
    expect(value(doc, `sys_display.${table}.cmdb_ci`)).toBe(record.cmdb_ci.display_value);
    expect(doc.querySelector('.form_action_button_container')!.children.length).toBe(TABLES[table].actions.length);
  });

  it('change: approval, start/end and the affected CIs list', () => {
    const doc = open(renderClassicForm(RECORDS.change, { ...SESSION, affectedCis: [{ sys_id: IDS.incident, name: 'DB-PROD-01' }] }));
    expect(value(doc, 'change_request.approval')).toBe('approved');
    expect(value(doc, 'change_request.start_date')).toBe('2026-01-01 11:00:00');
    expect(value(doc, 'change_request.end_date')).toBe('2026-01-01 15:00:00');
    expect(doc.getElementById('change_request.task_ci.task_table')!.querySelector('tr.list_row a.formlink')!.textContent).toBe('DB-PROD-01');
  });

  it('navbarRight: false leaves the header without .navbar-right', () => {
    const doc = open(renderClassicForm(RECORDS.incident, { ...SESSION, navbarRight: false }));
    expect(doc.querySelector('.navbar-right, .navbar_ui_actions')).toBeNull();
    expect(doc.querySelector('h1.navbar-title')).not.toBeNull();
  });

  it('every record value is escaped (text stays text)', () => {
    const evil = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
    const record = { ...RECORDS.incident, short_description: { value: evil, display_value: evil }, number: { value: 'INC1', display_value: `INC1${evil}` } };
    const doc = open(renderClassicForm(record, { ...SESSION, affectedCis: [{ sys_id: IDS.vpn, name: evil }] }));
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelectorAll('script')).toHaveLength(2); // ours: globals and g_form
    expect(value(doc, 'incident.short_description')).toBe(evil);
    expect(doc.querySelector('.navbar-title-display-value')!.textContent).toBe(`INC1${evil}`);
    expect(doc.querySelector('a.formlink')!.textContent).toBe(evil);
  });

  it('g_ck, g_user and g_form as the page scripts define them', () => {
    const { window } = openPage(renderClassicForm(RECORDS.change, SESSION), `${ORIGIN}/change_request.do?sys_id=${IDS.change}`, { scripts: true });
    expect(window.eval('[g_ck, g_user.userName, g_form.getTableName(), g_form.getUniqueValue(), g_form.getValue("approval"), g_form.getDisplayValue("state"), g_form.getValue("nope"), g_form.getValue("constructor")]'))
      .toEqual([TOKEN, 'dana.tech', 'change_request', IDS.change, 'approved', 'Implement', '', '']);
  });

  it('refuses tables it has no layout for', () => {
    expect(() => renderClassicForm({ ...RECORDS.incident, sys_class_name: { value: 'sys_user', display_value: '' } }, SESSION)).toThrow(/sys_user/);
    expect(() => renderClassicForm({ ...RECORDS.incident, sys_class_name: { value: 'constructor', display_value: '' } }, SESSION)).toThrow();
  });
});

describe('frame hosts', () => {
  it('nav_to.do: banner, navigator and iframe#gsft_main on the classic form', () => {
    const doc = open(renderNavTo(RECORDS.incident, SESSION), '/nav_to.do');
    expect(doc.querySelector('iframe#gsft_main')!.getAttribute('src')).toBe(`/incident.do?sys_id=${IDS.incident}`);
    expect(doc.querySelector('.navpage-header #user_info_dropdown')!.textContent).toBe('Dana Tech');
    expect(doc.querySelectorAll('#nav_west a').length).toBe(5);
    const list = open(renderNavTo(RECORDS.incident, { target: '/incident_list.do' }), '/nav_to.do');
    expect(list.querySelector('iframe#gsft_main')!.getAttribute('src')).toBe('/incident_list.do');
  });

  it('Polaris wrapper: macroponent with component-id; header and frame in its open shadow root', () => {
    const doc = open(renderPolarisClassic(RECORDS.sctask, SESSION), '/now/nav/ui/classic/params/target/x', true);
    const shell = doc.querySelector('[component-id]')!;
    const root = shell.shadowRoot!;
    expect(root.querySelector('sn-polaris-layout > sn-polaris-header')!.shadowRoot!.querySelector('.polaris-header-controls')).not.toBeNull();
    expect(root.querySelector('sn-polaris-layout #gsft_main')!.getAttribute('src')).toBe(`/sc_task.do?sys_id=${IDS.sctask}`);
    expect(doc.querySelector('#gsft_main')).toBeNull(); // not in the light DOM
  });
});

describe('login and list', () => {
  it('login: labelled inputs and the Log in button', () => {
    const doc = open(renderLogin({ error: 'User name or password invalid', goto: '/incident.do?sys_id=x' }), '/login.do');
    expect(doc.querySelector('label[for=user_name]')!.textContent).toBe('User name');
    expect(doc.querySelector('label[for=user_password]')!.textContent).toBe('Password');
    expect(doc.querySelector('#user_password')!.getAttribute('type')).toBe('password');
    expect(doc.querySelector('button[type=submit]')!.textContent).toBe('Log in');
    expect(doc.querySelector('[role=alert]')!.textContent).toBe('User name or password invalid');
    expect((doc.querySelector('input[name=sysparm_goto_url]') as HTMLInputElement).value).toBe('/incident.do?sys_id=x');
  });

  it('list: #sys_target and rows linking to the forms', () => {
    const doc = open(renderList([RECORDS.incident, RECORDS.vpn], SESSION), '/incident_list.do');
    expect(value(doc, 'sys_target')).toBe('incident');
    expect(Array.from(doc.querySelectorAll('#incident_table tr.list_row a.formlink'), (a) => a.getAttribute('href')))
      .toEqual([`/incident.do?sys_id=${IDS.incident}`, `/incident.do?sys_id=${IDS.vpn}`]);
    expect(doc.getElementById('sys_uniqueValue')).toBeNull();
  });
});
