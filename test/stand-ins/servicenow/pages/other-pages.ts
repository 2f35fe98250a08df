/**
 * ServiceNow pages that are not tickets: the login page (`/login.do`) and a classic list
 * (`/<table>_list.do`, with `#sys_target` [C] and rows linking to `<table>.do?sys_id=`).
 * Written by us to imitate the structure; not vendor HTML.
 */
import { h } from '../../shared/html-builder';
import { globalsScript } from '../../shared/inline-script';
import { page } from './html';
import { classicFormPath, TABLES, tableOf } from './tables';
import type { SessionOptions, SnRecord, SnTable } from './types';

/**
 * `/login.do`: "User name" / "Password" and "Log in", posting `user_name` / `user_password`
 * with `sys_action=sysverb_login` to `login.do`. `error` shows above the form; `goto` (where to
 * go after login) travels as the hidden field `sysparm_goto_url` [I: field name].
 */
export function renderLogin(options: { error?: string; goto?: string } = {}): string {
  return page({
    title: 'Log in | ServiceNow',
    bodyClass: 'sn-login',
    body: h('main', { class: 'login-page' },
      h('h1', null, 'servicenow'),
      options.error ? h('div', { class: 'alert alert-danger', role: 'alert' }, options.error) : null,
      h('form', { id: 'loginPage', name: 'loginPage', method: 'post', action: 'login.do' },
        h('input', { type: 'hidden', name: 'sys_action', value: 'sysverb_login' }),
        options.goto ? h('input', { type: 'hidden', name: 'sysparm_goto_url', value: options.goto }) : null,
        h('label', { for: 'user_name' }, 'User name'),
        h('input', { id: 'user_name', name: 'user_name', autocomplete: 'username', class: 'form-control' }),
        h('label', { for: 'user_password' }, 'Password'),
        h('input', { id: 'user_password', name: 'user_password', type: 'password', autocomplete: 'current-password', class: 'form-control' }),
        h('button', { type: 'submit', id: 'sysverb_login', class: 'btn btn-primary' }, 'Log in'))),
  });
}

/** `/<table>_list.do`: a classic list of records; not a ticket page. */
export function renderList(records: SnRecord[], options: Partial<SessionOptions> & { table?: SnTable } = {}): string {
  const table = options.table ?? tableOf(records[0]?.sys_class_name.value ?? 'incident');
  const spec = TABLES[table];
  const rows = records.map((r, i) => h('tr', { class: `list_row ${i % 2 ? 'list_even' : 'list_odd'}`, sys_id: r.sys_id.value },
    h('td', { class: 'vt' }, h('a', { class: 'linked formlink', href: classicFormPath(r.sys_class_name.value, r.sys_id.value) }, r.number.display_value)),
    h('td', { class: 'vt' }, r.short_description.display_value),
    h('td', { class: 'vt' }, r.state.display_value),
    h('td', { class: 'vt' }, r.assigned_to.display_value || '(empty)')));
  return page({
    title: `${spec.plural} | ServiceNow`,
    bodyClass: 'sn-classic sn-list',
    head: options.token || options.user ? globalsScript({ ...(options.token ? { g_ck: options.token } : {}), ...(options.user ? { g_user: options.user } : {}) }) : null,
    body: [
      h('nav', { class: 'navbar navbar-default list_nav', role: 'navigation' },
        h('div', { class: 'container-fluid' },
          h('div', { class: 'navbar-header' }, h('h1', { class: 'navbar-title' }, spec.plural)),
          h('div', { class: 'navbar-right' }, h('button', { type: 'button', class: 'btn btn-primary navbar-btn', id: 'sysverb_new' }, 'New')))),
      h('input', { type: 'hidden', id: 'sys_target', name: 'sys_target', value: table }),
      options.token ? h('input', { type: 'hidden', name: 'sysparm_ck', id: 'sysparm_ck', value: options.token }) : null,
      h('table', { id: `${table}_table`, class: 'list_table table table-hover' },
        h('thead', null, h('tr', null, ['Number', 'Short description', 'State', 'Assigned to'].map((c) => h('th', null, c)))),
        h('tbody', null, rows.length ? rows : h('tr', { class: 'list2_no_records' }, h('td', { colspan: 4 }, 'No records to display')))),
    ],
  });
}
