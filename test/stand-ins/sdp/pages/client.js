// Page script of the SDP stand-in pages. html.ts serves it inline, wrapped in
// `(function (VIEWS) { 'use strict'; … })(tables.ts)`. It imitates SDP's jQuery client:
// - late pages (SDP_STAND_IN.lateMs > 0) fetch the ticket from /api/v3 the way sdpAjax does;
// - data-spa links pushState and rebuild the details in place (old nodes are dropped, as
//   jQuery's .html() does, so anything a third party inserted there disappears);
// - tabs switch on hashchange, re-rendering the tab content and the header's .right area.
// The views mirror views.ts; API data goes in with textContent/setAttribute, never innerHTML.
const cfg = window.SDP_STAND_IN || { layout: 'current', headerRight: true, lateMs: 0 };
let current = null; // { kind, ticket } on screen
let seq = 0; // answers to superseded loads are dropped

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value != null && value !== false) el.setAttribute(name, value === true ? '' : String(value));
  }
  const add = (kid) => {
    if (Array.isArray(kid)) kid.forEach(add);
    else if (kid instanceof Node) el.appendChild(kid);
    else if (kid != null && kid !== false) el.appendChild(document.createTextNode(String(kid)));
  };
  kids.forEach(add);
  return el;
}

const dash = (value) => (value == null || value === '' ? '-' : value);
const slug = (label) => label.toLowerCase().replace(/ /g, '-');
const actions = (tab) =>
  (VIEWS.actions[tab] || []).map((label) => h('button', { type: 'button', class: 'btn', 'data-action': slug(label) }, label));

function header(kind, t, tab) {
  const display = t.display_id ?? t.id;
  if (kind === 'request' && cfg.layout === 'legacy') {
    return h('div', { class: 'details-header' },
      h('div', { class: 'details-left' },
        h('span', { class: 'label' }, 'Request ID :'),
        h('span', { id: 'reqid' }, display),
        h('h1', null, t.subject),
        h('span', { class: 'req-status' }, t.status.name)),
      h('div', { class: 'details-right' }, actions(tab)));
  }
  const isRequest = kind === 'request';
  return h('div', { id: isRequest ? 'WOHeader' : 'ChangeHeader', class: 'wo-header' },
    h('div', { class: 'left' },
      h('table', { class: 'wo-id-table' }, h('tbody', null, h('tr', null,
        h('td', { class: 'label' }, isRequest ? 'Request ID' : 'Change ID'),
        h('td', { 'data-sdplayoutid': 'display_id', class: 'wo-id' }, display)))),
      h('h1', { class: 'wo-subject', 'data-sdplayoutid': isRequest ? 'subject' : 'title' }, isRequest ? t.subject : t.title),
      h('span', { class: 'wo-status', 'data-sdplayoutid': 'status' }, t.status.name)),
    cfg.headerRight ? h('div', { class: 'right' }, actions(tab)) : null,
    h('button', { type: 'button', id: 'toggleRHS', title: 'Show or hide the right panel' }, 'Details panel'));
}

const stages = (c) =>
  h('ol', { id: 'change_stages', class: 'stage-list' }, VIEWS.stages.map(([internal, name], i) => {
    const index = c.stage.stage_index;
    const state = i + 1 < index ? 'stage done' : i + 1 === index ? 'stage current' : 'stage';
    return h('li', { class: state, 'data-stage': internal }, name);
  }));

const tabList = (kind, active) =>
  h('ul', { id: 'details_tabs', class: 'tab-list' }, VIEWS.tabs[kind].map(([id, label]) =>
    h('li', { tabid: id, class: id === active ? 'selected' : null }, h('a', { href: '#' + id }, label))));

function props(kind, t) {
  if (kind === 'change') {
    return [
      ['stage', 'Stage', t.stage.name],
      ['approval_status', 'Approval Status', t.approval_status.name],
      ['change_type', 'Change Type', dash(t.change_type?.name)],
      ['change_owner', 'Change Owner', dash(t.change_owner?.name)],
      ['scheduled_start_time', 'Scheduled Start', dash(t.scheduled_start_time?.display_value)],
      ['scheduled_end_time', 'Scheduled End', dash(t.scheduled_end_time?.display_value)],
    ];
  }
  return [
    ['request_type', 'Request Type', dash(t.request_type?.name)],
    ['approval_status', 'Approval Status', dash(t.approval_status?.name)],
    ['technician', 'Technician', dash(t.technician?.name)],
    ['group', 'Group', dash(t.group?.name)],
    ['site', 'Site', dash(t.site?.name)],
    ...Object.entries(t.udf_fields || {}).map(([key, value]) => [key, key, dash(value)]),
  ];
}

function tabContent(kind, t, tab) {
  const tabs = VIEWS.tabs[kind];
  const label = (tabs.find(([id]) => id === tab) || [tab, tab])[1];
  const layoutId = (key) => (cfg.layout === 'legacy' ? null : key);
  return h('div', { id: 'tab_content', class: 'tab-content', 'data-tab': tab }, tab === tabs[0][0]
    ? h('table', { class: 'props-table' }, h('tbody', null, props(kind, t).map(([key, text, value]) =>
        h('tr', null, h('td', { class: 'label' }, text), h('td', { 'data-sdplayoutid': layoutId(key) }, value)))))
    : h('p', { class: 'empty-msg' }, 'No ' + label.toLowerCase() + ' to show.'));
}

const section = (name, title, items, empty) =>
  h('div', { class: 'rhs-section rhs-' + name + 's' }, h('h3', null, title),
    items.length ? h('ul', { class: 'rhs-' + name + '-list' }, items) : h('p', { class: 'empty-msg' }, empty));

function rightPanel(kind, t) {
  const assets = t.assets || [];
  const person = kind === 'change' ? t.change_owner : t.technician;
  return h('div', { id: 'right-panel', class: 'right-panel' }, h('div', { id: 'right-panel-info' },
    section('asset', 'Assets', assets.map((a) =>
      h('li', { class: 'rhs-asset', 'data-asset-id': a.id }, h('a', { href: '/ui/asset?module=asset&entity_id=' + a.id }, a.name))),
      'No assets associated.'),
    kind === 'change'
      ? section('ci', 'Configuration Items', (t.configuration_items || []).map((ci) => h('li', { class: 'rhs-ci' }, ci.name)), 'No configuration items.')
      : null,
    assets.length
      ? h('div', { class: 'rhs-section rhs-remote' }, h('h3', null, 'Remote Access'),
          h('button', { type: 'button', id: 'pmp_remote_menu' }, 'Connect via PAM360'))
      : null,
    h('div', { class: 'rhs-section rhs-people' }, h('h3', null, kind === 'change' ? 'Change Owner' : 'Technician'),
      h('p', { class: 'rhs-person' }, dash(person?.name)))));
}

const defaultTab = (kind) => VIEWS.tabs[kind][0][0];
const tabFromHash = (kind) => {
  const tab = location.hash.slice(1);
  return VIEWS.tabs[kind].some(([id]) => id === tab) ? tab : defaultTab(kind);
};

/** Replaces the whole details area, as SDP's in-app switch does. */
function show(kind, t) {
  current = { kind, ticket: t };
  let view = document.getElementById('details_view');
  if (!view) { // coming from the list view: SDP swaps the main area
    view = h('div', { id: 'details_view', class: 'details-view' });
    document.getElementById('sdp-main').replaceChildren(view);
  }
  const tab = defaultTab(kind);
  view.replaceChildren(
    h('div', { id: 'details_inner_view' },
      header(kind, t, tab), kind === 'change' ? stages(t) : null, tabList(kind, tab), tabContent(kind, t, tab)),
    rightPanel(kind, t));
  if (kind === 'request') { window.woID = t.id; window.$req = { details: { request_info: t } }; }
  else { window.CHANGEID = t.id; window.$change = { details: { change_info: t } }; }
  document.title = '[#' + (t.display_id ?? t.id) + '] ' + (kind === 'request' ? t.subject : t.title);
  if (tabFromHash(kind) !== tab) switchTab();
}

function showError(message) {
  const inner = document.getElementById('details_inner_view');
  if (inner) inner.replaceChildren(h('div', { class: 'sdp-error', role: 'alert' }, message));
}

/** GET the ticket like sdpAjax: same origin, session cookie, APICLIENT + v3 Accept headers, SUBREQUEST=XMLHTTP. */
function load(kind, id) {
  const mine = ++seq;
  const path = (kind === 'request' ? '/api/v3/requests/' : '/api/v3/changes/') + encodeURIComponent(id) + '?SUBREQUEST=XMLHTTP';
  return fetch(path, {
    credentials: 'same-origin',
    headers: { APICLIENT: 'sdp_web', Accept: 'application/vnd.manageengine.sdp.v3+json' },
  })
    .then((res) => {
      if (res.status === 401) return location.reload(); // the vendor client reloads on 401
      return res.json().then((body) => {
        if (mine !== seq) return;
        const status = [].concat(body.response_status || [])[0] || {};
        if (status.status_code === 2000 && body[kind]) return show(kind, body[kind]);
        showError((status.messages && status.messages[0] && status.messages[0].message) || 'Could not load the ' + kind + '.');
      });
    })
    .catch(() => { if (mine === seq) showError('Could not load the ' + kind + '.'); });
}

function ticketOf(href) {
  const url = new URL(href, location.href);
  const p = url.searchParams;
  const numeric = (value) => /^[0-9]+$/.test(value || '');
  if (url.pathname === '/WorkOrder.do' && p.get('woMode') === 'viewWO' && numeric(p.get('woID'))) return { kind: 'request', id: p.get('woID') };
  if (url.pathname === '/ChangeDetails.do' && numeric(p.get('CHANGEID'))) return { kind: 'change', id: p.get('CHANGEID') };
  return null;
}

/** Tab switch: new tab content, selected tab, and a freshly rendered header `.right`. */
function switchTab() {
  if (!current) return;
  const tab = tabFromHash(current.kind);
  const old = document.getElementById('tab_content');
  if (old) old.replaceWith(tabContent(current.kind, current.ticket, tab));
  document.querySelectorAll('#details_tabs li[tabid]').forEach((li) => {
    if (li.getAttribute('tabid') === tab) li.className = 'selected';
    else li.removeAttribute('class');
  });
  const right = document.querySelector('#WOHeader .right, #ChangeHeader .right, .details-right');
  if (right) right.replaceChildren(...actions(tab));
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (target && target.closest('#toggleRHS')) {
    const panel = document.getElementById('right-panel');
    if (panel) panel.hidden = !panel.hidden;
    return;
  }
  const link = target && target.closest('a[data-spa="true"]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const next = ticketOf(link.href);
  if (!next) return;
  event.preventDefault();
  history.pushState(null, '', link.href);
  load(next.kind, next.id);
});

window.addEventListener('hashchange', switchTab);
window.addEventListener('popstate', () => {
  const here = ticketOf(location.href);
  if (!here) return location.reload(); // back to a list: let the server render it
  if (!current || current.kind !== here.kind || current.ticket.id !== here.id) load(here.kind, here.id);
});

const here = ticketOf(location.href);
if (here && cfg.lateMs > 0) {
  setTimeout(() => load(here.kind, here.id), cfg.lateMs);
} else if (here) {
  const info = here.kind === 'request' ? window.$req?.details?.request_info : window.$change?.details?.change_info;
  if (info) current = { kind: here.kind, ticket: info };
  // The server always renders the default tab (it never sees the hash); honour #tasks etc.
  if (info && tabFromHash(here.kind) !== defaultTab(here.kind)) switchTab();
}
