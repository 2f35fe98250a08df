// Page script of the stand-in workspace. html.ts serves it inline as
// `(function (DATA) { 'use strict'; … })(workspaceData(…))` (see workspace.ts for the tree).
// It imitates what matters to an extension:
// - every component is a custom element with an OPEN shadow root, 7 levels down to the action bar;
// - record tabs: one sn-canvas-screen per open record, inactive ones hidden with display:none;
// - the form element carries `.table` / `.nowRecordFormBlob` as JS properties only;
// - a switch pushes the URL and dispatches popstate at once, fetches the record from the Table API
//   (X-UserToken: g_ck), then tears the screen's content down and rebuilds it a little later;
// - the Polaris header, sidebar and tab strip persist across records.
// Record data goes in with textContent/setAttribute only, never as markup.
const TABLES = DATA.tables;
const CSS = {
  'sn-canvas-appshell-root': ':host{display:block;font:14px system-ui,sans-serif;color:#1d1d1d}',
  'sn-canvas-appshell-layout': ':host{display:flex;flex-direction:column;min-height:100vh}.sn-appshell-body{display:flex;flex:1}' +
    '.sn-workspace-recent{width:200px;padding:12px;background:#f4f5f7;border-right:1px solid #dcdcdc}.sn-workspace-recent a{display:block;padding:4px 0}',
  'sn-polaris-header': ':host{display:block;background:#293e40;color:#fff}.polaris-header{display:flex;gap:16px;align-items:center;height:48px;padding:0 16px}' +
    '.polaris-header-controls{margin-left:auto;display:flex;gap:8px}button{background:none;color:inherit;border:1px solid #fff5;border-radius:4px}',
  'sn-canvas-main': ':host{display:block;flex:1}[role=tablist]{display:flex;gap:2px;border-bottom:1px solid #dcdcdc;padding:0 8px}' +
    '[role=tab]{border:0;background:none;padding:8px 12px;text-align:left}[role=tab][aria-selected=true]{border-bottom:3px solid #0070d2;font-weight:600}' +
    '[role=tab] small{display:block;font-weight:400;color:#666}',
  'sn-canvas-screen': ':host{display:block;padding:16px}now-loader{display:block;padding:24px;color:#666}.sn-workspace-error{color:#b00}',
  'sn-form-internal-header-layout': '.sn-header-layout{display:flex;align-items:center;gap:16px;border-bottom:1px solid #dcdcdc;padding-bottom:8px}' +
    '.sn-header-layout-content.-last{margin-left:auto}.uiaction-bar-wrapper{display:flex;gap:8px;align-items:center}h2{margin:0;font-size:18px}p{margin:2px 0 0;color:#555}',
  'now-button': 'button{padding:6px 12px;border:1px solid #8a8a8a;border-radius:4px;background:#fff}',
  'now-record-form-section': '.sn-form-section{display:grid;grid-template-columns:1fr 1fr;gap:12px 24px;padding-top:12px}',
  field: 'label{display:block;font-size:12px;color:#555}input,select,textarea{width:100%;box-sizing:border-box;padding:4px}',
  'now-record-typeahead': ':host{display:block}input{width:100%;box-sizing:border-box;padding:4px}',
};
const TAGS = ['sn-canvas-appshell-root', 'sn-canvas-appshell-layout', 'sn-polaris-header', 'sn-canvas-main', 'sn-canvas-screen',
  'sn-workspace-content', 'sn-form-data-connected', 'sn-form-internal-header-layout', 'now-button', 'now-record-form-section',
  'sn-record-input-connected', 'sn-record-choice-connected', 'sn-record-reference-connected', 'now-record-typeahead',
  'now-record-date-picker', 'now-loader'];
for (const tag of TAGS) if (!customElements.get(tag)) customElements.define(tag, class extends HTMLElement {});

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) if (value != null && value !== false) el.setAttribute(name, value === true ? '' : String(value));
  for (const kid of kids.flat()) if (kid != null && kid !== false) el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  return el;
}

/** Gives `host` an open shadow root with its styles and `kids`; returns the host. */
function shadow(host, ...kids) {
  const root = host.attachShadow({ mode: 'open' });
  const css = CSS[host.localName] || (/-connected$|-picker$/.test(host.localName) ? CSS.field : '');
  if (css) root.append(h('style', null, css));
  root.append(...kids.flat().filter(Boolean));
  return host;
}

const EMPTY = { value: '', display_value: '' };
const field = (record, name) => record[name] || EMPTY;
const keyOf = (table, id) => `${table}/${id}`;
const recordPath = (table, id) => `/now/${DATA.workspace}/record/${table}/${id}`;
const delay = () => new Promise((resolve) => {
  const [min, max] = DATA.rebuildMs;
  setTimeout(resolve, Math.round(min + Math.random() * (max - min)) / 2);
});

function fieldElement(spec, record) {
  const f = field(record, spec.name);
  const label = h('label', { class: 'now-form-field-label' }, h('span', { class: 'will-truncate' }, spec.label));
  switch (spec.type) {
    case 'reference':
      return shadow(h('sn-record-reference-connected', { name: spec.name, value: f.value }), label,
        shadow(h('now-record-typeahead'), h('input', { class: 'now-typeahead-native-input', value: f.display_value, 'aria-label': spec.label })));
    case 'choice':
      return shadow(h('sn-record-choice-connected', { name: spec.name, value: f.value }), label,
        h('select', { name: spec.name, 'aria-label': spec.label }, h('option', { value: f.value, selected: true }, f.value === '' ? '-- None --' : f.display_value)));
    case 'textarea':
      return shadow(h('sn-record-input-connected', { name: spec.name }), label, h('textarea', { name: spec.name, 'aria-label': spec.label }, f.display_value));
    case 'date':
      return shadow(h('now-record-date-picker', { name: spec.name }), label, h('input', { name: spec.name, value: f.display_value, 'aria-label': spec.label }));
    default:
      return shadow(h('sn-record-input-connected', { name: spec.name }), label,
        h('input', { name: spec.name, value: f.display_value, readonly: spec.type === 'readonly', 'aria-label': spec.label }));
  }
}

function gForm(record, reload) {
  return {
    getTableName: () => record.sys_class_name.value,
    getUniqueValue: () => record.sys_id.value,
    getValue: (name) => field(record, name).value,
    getDisplayValue: (name) => (name === undefined ? record.number.display_value : field(record, name).display_value),
    reload,
  };
}

/** sn-form-data-connected for one record: header (heading + action bar) and one section. */
function buildForm(record) {
  const table = record.sys_class_name.value;
  const spec = TABLES[table];
  const bar = DATA.noActionBar ? null : h('div', { class: 'uiaction-bar-wrapper' }, spec.actions.map((label) =>
    shadow(h('now-button'), h('button', { type: 'button' }, label))));
  const form = shadow(h('sn-form-data-connected'),
    shadow(h('sn-form-internal-header-layout'), h('header', { class: 'sn-header-layout' },
      h('div', { class: 'sn-header-layout-content' },
        h('h2', { class: 'sn-form-header-title' }, `${spec.label} ${record.number.display_value}`),
        h('p', { class: 'sn-form-header-subtitle' }, record.short_description.display_value)),
      h('div', { class: 'sn-header-layout-content -last' }, bar))),
    shadow(h('now-record-form-section'), h('div', { class: 'sn-form-section' }, spec.fields.map((f) => fieldElement(f, record)))));
  form.table = table;
  form.nowRecordFormBlob = { sysId: record.sys_id.value, gForm: gForm(record, () => open(table, record.sys_id.value, false)) };
  return form;
}

// ---- Shell: persistent parts, then one screen per record tab ----------------------------------
const tablist = h('div', { role: 'tablist', 'aria-label': 'Records' });
const screensBox = h('div', { class: 'sn-canvas-screens' });
const screens = new Map(); // key → { screen, tab }
let target = null; // key of the record the URL names
let seq = 0; // answers to superseded switches are dropped

function setTab(tab, record) {
  tab.replaceChildren(record ? record.number.display_value : 'Loading…',
    h('small', null, record ? record.short_description.display_value : ''));
}

function addScreen(table, id, record) {
  const key = keyOf(table, id);
  const tab = h('button', { type: 'button', role: 'tab', 'aria-selected': 'false' });
  setTab(tab, record);
  tab.addEventListener('click', () => {
    if (key !== target) open(table, id, true);
  });
  const screen = shadow(h('sn-canvas-screen', { style: 'display: none' }), record ? shadow(h('sn-workspace-content'), buildForm(record)) : null);
  tablist.append(tab);
  screensBox.append(screen);
  const entry = { screen, tab };
  screens.set(key, entry);
  return entry;
}

function select(key, showScreen) {
  for (const [k, entry] of screens) {
    entry.tab.setAttribute('aria-selected', String(k === key));
    if (showScreen) entry.screen.style.display = k === key ? '' : 'none';
  }
}

async function fetchRecord(table, id) {
  const response = await fetch(`/api/now/table/${encodeURIComponent(table)}/${encodeURIComponent(id)}?sysparm_display_value=all`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-UserToken': String(window.g_ck) },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok || !body || !body.result) throw new Error((body && body.error && body.error.message) || `HTTP ${response.status}`);
  return body.result;
}

/** Switches to a record: URL and tab at once, content after the fetch and a re-render delay. */
async function open(table, id, push) {
  const key = keyOf(table, id);
  const mine = ++seq;
  target = key;
  if (push) {
    history.pushState({ table, id }, '', recordPath(table, id));
    dispatchEvent(new PopStateEvent('popstate', { state: { table, id } }));
  }
  const entry = screens.get(key) || addScreen(table, id, null);
  select(key, false);
  let record = null;
  let error = null;
  try {
    record = await fetchRecord(table, id);
    if (!TABLES[record.sys_class_name && record.sys_class_name.value]) throw new Error('This record type has no workspace form');
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  await delay();
  if (mine !== seq) return;
  // Tear down: the screen comes to the front with its old content dropped.
  const root = entry.screen.shadowRoot;
  root.replaceChildren(...Array.from(root.querySelectorAll('style')), h('now-loader', null, 'Loading…'));
  select(key, true);
  await delay();
  if (mine !== seq) return;
  const content = error
    ? h('div', { class: 'sn-workspace-error', role: 'alert' }, error)
    : shadow(h('sn-workspace-content'), buildForm(record));
  root.replaceChildren(...Array.from(root.querySelectorAll('style')), content);
  if (record) setTab(entry.tab, record);
  if (record) document.title = `${record.number.display_value} | Service Operations Workspace`;
}

// Back/forward (and our own popstate, which names the target already: ignored).
addEventListener('popstate', () => {
  const found = /\/record\/([a-z0-9_]+)\/([0-9a-f]{32})(?:\/|$)/.exec(location.pathname);
  if (found && keyOf(found[1], found[2]) !== target) open(found[1], found[2], false);
});

DATA.records.forEach((record) => addScreen(record.sys_class_name.value, record.sys_id.value, record));
const first = DATA.records[DATA.active];
target = keyOf(first.sys_class_name.value, first.sys_id.value);
select(target, true);

const initials = DATA.userName.split(' ').map((part) => part.charAt(0)).join('');
const header = shadow(h('sn-polaris-header'), h('header', { class: 'polaris-header' },
  h('div', { class: 'polaris-header-logo' }, 'servicenow'),
  h('div', { class: 'polaris-header-title' }, 'Service Operations Workspace'),
  h('div', { class: 'polaris-header-controls' },
    h('button', { type: 'button', 'aria-label': 'Search' }, 'Search'),
    h('button', { type: 'button', 'aria-label': `User menu: ${DATA.userName}` }, initials))));
const recent = h('nav', { class: 'sn-workspace-recent', 'aria-label': 'Recent records' }, h('h2', null, 'Recent'),
  h('ul', null, DATA.links.map((link) => {
    const a = h('a', { href: recordPath(link.table, link.sys_id) }, link.number, link.short_description ? ` ${link.short_description}` : '');
    a.addEventListener('click', (event) => {
      event.preventDefault();
      open(link.table, link.sys_id, true);
    });
    return h('li', null, a);
  })));
shadow(document.querySelector('sn-canvas-appshell-root'),
  shadow(h('sn-canvas-appshell-layout'), header, h('div', { class: 'sn-appshell-body' }, recent,
    shadow(h('sn-canvas-main'), tablist, screensBox))));
