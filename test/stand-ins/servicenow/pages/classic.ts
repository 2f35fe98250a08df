/**
 * The UI16 classic form (`/<table>.do?sys_id=…`), as research/itsm-portals.md §2.2–2.3 describes
 * it: form header `nav.navbar` (`.navbar-header` › `h1.navbar-title`, `.navbar-right` with
 * `.navbar-btn` icon buttons and the `.navbar_ui_actions` UI actions), `#sys_uniqueValue`, field
 * ids `<table>.<field>`, `sys_readonly.<table>.number`, `sys_display.<table>.<reference>`, hidden
 * `sysparm_ck`, `window.g_ck` / `g_user` / a minimal `g_form`, and `.form_action_button_container`
 * at the bottom. Written by us to imitate that structure; not vendor HTML.
 */
import { h, type Html } from '../../shared/html-builder';
import { globalsScript } from '../../shared/inline-script';
import { page, pageScript } from './html';
import { TABLES, tableOf, type FieldSpec } from './tables';
import type { ClassicFormOptions, SnField, SnRecord, SnTable } from './types';

const EMPTY: SnField = { value: '', display_value: '' };

/** `Update` → `sysverb_update` (base-system UI action ids), others slugged. */
export function actionId(label: string): string {
  if (label === 'Update') return 'sysverb_update';
  if (label === 'Delete') return 'sysverb_delete';
  return label.toLowerCase().replace(/\W+/g, '_');
}

function control(table: SnTable, spec: FieldSpec, field: SnField): { id: string; html: Html[] } {
  const id = `${table}.${spec.name}`;
  switch (spec.type) {
    case 'readonly':
      return {
        id: `sys_readonly.${id}`,
        html: [
          h('input', { id: `sys_readonly.${id}`, class: 'form-control disabled', readonly: true, value: field.display_value }),
          h('input', { type: 'hidden', id, name: id, value: field.value }),
        ],
      };
    case 'reference':
      return {
        id: `sys_display.${id}`,
        html: [
          h('input', { type: 'hidden', id, name: id, value: field.value }),
          h('input', { id: `sys_display.${id}`, name: `sys_display.${id}`, class: 'form-control element_reference_input', autocomplete: 'off', value: field.display_value }),
          h('button', { type: 'button', class: 'btn btn-default lookup', id: `lookup.${id}`, title: `Look up value for field: ${spec.label}` }, '…'),
        ],
      };
    case 'choice':
      return {
        id,
        html: [h('select', { id, name: id, class: 'form-control' },
          h('option', { value: field.value, selected: true }, field.value === '' ? '-- None --' : field.display_value))],
      };
    case 'textarea':
      return { id, html: [h('textarea', { id, name: id, class: 'form-control', rows: 3 }, field.display_value)] };
    case 'date':
    case 'text':
      return { id, html: [h('input', { id, name: id, class: 'form-control', value: field.display_value })] };
  }
}

function fieldRow(table: SnTable, spec: FieldSpec, record: SnRecord): Html {
  const { id, html } = control(table, spec, record[spec.name] ?? EMPTY);
  return h('div', { id: `element.${table}.${spec.name}`, class: 'form-group' },
    h('div', { class: 'control-label col-xs-12 col-md-3' }, h('label', { for: id }, h('span', { class: 'label-text' }, spec.label))),
    h('div', { class: 'col-xs-10 col-md-9 form-field input_controls' }, html));
}

function header(table: SnTable, record: SnRecord, navbarRight: boolean): Html {
  const spec = TABLES[table];
  const iconButton = (icon: string, title: string) =>
    h('button', { type: 'button', class: `btn btn-icon ${icon} navbar-btn`, title, 'aria-label': title });
  return h('nav', { class: 'navbar navbar-default section_zero', role: 'navigation' },
    h('div', { class: 'container-fluid' },
      h('div', { class: 'navbar-header' },
        h('button', { type: 'button', class: 'btn btn-default icon-chevron-left navbar-btn', title: 'Back', 'aria-label': 'Back' }),
        h('h1', { class: 'navbar-title' },
          h('span', { class: 'navbar-title-caption' }, spec.label), ' ',
          h('span', { class: 'navbar-title-display-value' }, record.number.display_value))),
      navbarRight
        ? h('div', { class: 'navbar-right' },
            iconButton('icon-paperclip', 'Manage Attachments'),
            iconButton('icon-activity-stream', 'Show activity stream'),
            iconButton('icon-cog', 'Personalize Form'),
            h('span', { class: 'navbar_ui_actions' }, spec.actions.map((label) =>
              h('button', { type: 'submit', class: 'form_action_button header action_context btn btn-default', id: actionId(label) }, label))))
        : null));
}

function affectedCis(table: SnTable, options: ClassicFormOptions): Html | null {
  const rows = options.affectedCis;
  if (!rows) return null;
  return h('div', { id: 'related_lists_wrapper', class: 'related_lists' },
    h('section', { class: 'tabs2_list' },
      h('h2', { class: 'list_title' }, 'Affected CIs'),
      h('table', { id: `${table}.task_ci.task_table`, class: 'list_table table table-hover' },
        h('thead', null, h('tr', null, h('th', null, 'Configuration Item'), h('th', null, 'Class'))),
        h('tbody', null, rows.length
          ? rows.map((ci, i) => h('tr', { class: `list_row ${i % 2 ? 'list_even' : 'list_odd'}`, sys_id: ci.sys_id },
              h('td', { class: 'vt' }, h('a', { class: 'linked formlink', href: `/cmdb_ci.do?sys_id=${ci.sys_id}` }, ci.name)),
              h('td', { class: 'vt' }, ci.className ?? 'Configuration Item')))
          : h('tr', { class: 'list2_no_records' }, h('td', { colspan: 2 }, 'No records to display'))))));
}

/** The classic form document as served at `/<table>.do?sys_id=…` (top level or in gsft_main). */
export function renderClassicForm(record: SnRecord, options: ClassicFormOptions): string {
  const table = options.table ?? tableOf(record.sys_class_name.value);
  const spec = TABLES[table];
  const fields: Record<string, SnField> = {};
  for (const field of spec.fields) fields[field.name] = record[field.name] ?? EMPTY;
  const sysId = record.sys_id.value;
  return page({
    title: `${record.number.display_value} | ${spec.label} | ServiceNow`,
    bodyClass: 'sn-classic',
    head: [
      globalsScript({ g_ck: options.token, g_user: options.user }),
      pageScript('classic-client.js', { table, sysId, display: record.number.display_value, fields }),
    ],
    body: h('form', { id: `${table}.do`, name: `${table}.do`, method: 'post', action: `${table}.do`, 'accept-charset': 'UTF-8', class: 'form-horizontal' },
      header(table, record, options.navbarRight ?? true),
      h('input', { type: 'hidden', name: 'sysparm_ck', id: 'sysparm_ck', value: options.token }),
      h('input', { type: 'hidden', name: 'sys_uniqueValue', id: 'sys_uniqueValue', value: sysId }),
      h('input', { type: 'hidden', name: 'sys_action', id: 'sys_action', value: '' }),
      h('div', { id: 'section_main', class: 'section-content' }, spec.fields.map((field) => fieldRow(table, field, record))),
      h('div', { class: 'form_action_button_container' }, spec.actions.map((label) =>
        h('button', { type: 'submit', class: 'form_action_button action_context btn btn-default', id: `${actionId(label)}_bottom` }, label))),
      affectedCis(table, options)),
  });
}
