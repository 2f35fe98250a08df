/**
 * Server-side views of the request / change details area (`#details_view`). client.js builds
 * exactly the same trees with DOM APIs when it loads a ticket late or switches tickets in-app;
 * test/stand-ins/sdp/pages/client.test.ts checks that both agree.
 */
import { h, type Html } from '../../shared/html-builder';
import { VIEWS } from './tables';
import type { SdpChange, SdpRequest, StandInConfig } from './types';

export type TicketView = { kind: 'request'; ticket: SdpRequest } | { kind: 'change'; ticket: SdpChange };

const dash = (value: string | undefined | null): string => (value == null || value === '' ? '-' : value);
const slug = (label: string): string => label.toLowerCase().replace(/ /g, '-');

export function actions(tab: string): Html[] {
  const labels: readonly string[] = (VIEWS.actions as Record<string, readonly string[]>)[tab] ?? [];
  return labels.map((label) => h('button', { type: 'button', class: 'btn', 'data-action': slug(label) }, label));
}

function idTable(label: string, display: string): Html {
  return h('table', { class: 'wo-id-table' }, h('tbody', null, h('tr', null,
    h('td', { class: 'label' }, label),
    h('td', { 'data-sdplayoutid': 'display_id', class: 'wo-id' }, display),
  )));
}

function header(view: TicketView, cfg: StandInConfig, tab: string): Html {
  const { ticket } = view;
  const display = ticket.display_id ?? ticket.id;
  if (view.kind === 'request' && cfg.layout === 'legacy') {
    // Older builds: no #WOHeader, no data-sdplayoutid (research §1.2).
    return h('div', { class: 'details-header' },
      h('div', { class: 'details-left' },
        h('span', { class: 'label' }, 'Request ID :'),
        h('span', { id: 'reqid' }, display),
        h('h1', null, view.ticket.subject),
        h('span', { class: 'req-status' }, view.ticket.status.name),
      ),
      h('div', { class: 'details-right' }, actions(tab)),
    );
  }
  const isRequest = view.kind === 'request';
  return h('div', { id: isRequest ? 'WOHeader' : 'ChangeHeader', class: 'wo-header' },
    h('div', { class: 'left' },
      idTable(isRequest ? 'Request ID' : 'Change ID', display),
      isRequest
        ? h('h1', { class: 'wo-subject', 'data-sdplayoutid': 'subject' }, view.ticket.subject)
        : h('h1', { class: 'wo-subject', 'data-sdplayoutid': 'title' }, view.ticket.title),
      h('span', { class: 'wo-status', 'data-sdplayoutid': 'status' }, ticket.status.name),
    ),
    cfg.headerRight ? h('div', { class: 'right' }, actions(tab)) : null,
    h('button', { type: 'button', id: 'toggleRHS', title: 'Show or hide the right panel' }, 'Details panel'),
  );
}

function stages(change: SdpChange): Html {
  return h('ol', { id: 'change_stages', class: 'stage-list' }, VIEWS.stages.map(([internal, name], i) => {
    const state = i + 1 < change.stage.stage_index ? 'stage done' : i + 1 === change.stage.stage_index ? 'stage current' : 'stage';
    return h('li', { class: state, 'data-stage': internal }, name);
  }));
}

export function tabList(kind: TicketView['kind'], active: string): Html {
  return h('ul', { id: 'details_tabs', class: 'tab-list' }, VIEWS.tabs[kind].map(([id, label]) =>
    h('li', { tabid: id, class: id === active ? 'selected' : null }, h('a', { href: `#${id}` }, label)),
  ));
}

function props(view: TicketView): [string, string, string][] {
  if (view.kind === 'change') {
    const c = view.ticket;
    return [
      ['stage', 'Stage', c.stage.name],
      ['approval_status', 'Approval Status', c.approval_status.name],
      ['change_type', 'Change Type', dash(c.change_type?.name)],
      ['change_owner', 'Change Owner', dash(c.change_owner?.name)],
      ['scheduled_start_time', 'Scheduled Start', dash(c.scheduled_start_time?.display_value)],
      ['scheduled_end_time', 'Scheduled End', dash(c.scheduled_end_time?.display_value)],
    ];
  }
  const r = view.ticket;
  return [
    ['request_type', 'Request Type', dash(r.request_type?.name)],
    ['approval_status', 'Approval Status', dash(r.approval_status?.name)],
    ['technician', 'Technician', dash(r.technician?.name)],
    ['group', 'Group', dash(r.group?.name)],
    ['site', 'Site', dash(r.site?.name)],
    ...Object.entries(r.udf_fields ?? {}).map(([key, value]): [string, string, string] => [key, key, dash(value)]),
  ];
}

export function tabContent(view: TicketView, cfg: StandInConfig, tab: string): Html {
  const tabs: readonly (readonly [string, string])[] = VIEWS.tabs[view.kind];
  const isDefault = tab === tabs[0]![0];
  const label = tabs.find(([id]) => id === tab)?.[1] ?? tab;
  const layoutId = (key: string) => (cfg.layout === 'legacy' ? null : key);
  return h('div', { id: 'tab_content', class: 'tab-content', 'data-tab': tab }, isDefault
    ? h('table', { class: 'props-table' }, h('tbody', null, props(view).map(([key, text, value]) =>
        h('tr', null, h('td', { class: 'label' }, text), h('td', { 'data-sdplayoutid': layoutId(key) }, value)),
      )))
    : h('p', { class: 'empty-msg' }, `No ${label.toLowerCase()} to show.`));
}

function section(name: string, title: string, items: Html[], empty: string): Html {
  return h('div', { class: `rhs-section rhs-${name}s` }, h('h3', null, title),
    items.length ? h('ul', { class: `rhs-${name}-list` }, items) : h('p', { class: 'empty-msg' }, empty));
}

function rightPanel(view: TicketView): Html {
  const assets = view.ticket.assets ?? [];
  const person = view.kind === 'change' ? view.ticket.change_owner : view.ticket.technician;
  return h('div', { id: 'right-panel', class: 'right-panel' }, h('div', { id: 'right-panel-info' },
    section('asset', 'Assets', assets.map((a) =>
      h('li', { class: 'rhs-asset', 'data-asset-id': a.id }, h('a', { href: `/ui/asset?module=asset&entity_id=${a.id}` }, a.name)),
    ), 'No assets associated.'),
    view.kind === 'change'
      ? section('ci', 'Configuration Items', (view.ticket.configuration_items ?? []).map((ci) =>
          h('li', { class: 'rhs-ci' }, ci.name)), 'No configuration items.')
      : null,
    // SDP's own PAM360 remote-access menu sits here when assets exist (research §0.3).
    assets.length
      ? h('div', { class: 'rhs-section rhs-remote' }, h('h3', null, 'Remote Access'),
          h('button', { type: 'button', id: 'pmp_remote_menu' }, 'Connect via PAM360'))
      : null,
    h('div', { class: 'rhs-section rhs-people' }, h('h3', null, view.kind === 'change' ? 'Change Owner' : 'Technician'),
      h('p', { class: 'rhs-person' }, dash(person?.name))),
  ));
}

/** The children of `#details_view` for a loaded ticket (default tab). */
export function detailsView(view: TicketView, cfg: StandInConfig): Html[] {
  const tab = VIEWS.tabs[view.kind][0][0];
  return [
    h('div', { id: 'details_inner_view' },
      header(view, cfg, tab),
      view.kind === 'change' ? stages(view.ticket) : null,
      tabList(view.kind, tab),
      tabContent(view, cfg, tab),
    ),
    rightPanel(view),
  ];
}

/** The children of `#details_view` while the ticket is still being fetched (lateMs > 0). */
export function skeletonView(kind: TicketView['kind']): Html[] {
  return [
    h('div', { id: 'details_inner_view' },
      h('div', { id: 'details_loading', class: 'sdp-loading' }, `Loading ${kind} details...`)),
    h('div', { id: 'right-panel', class: 'right-panel' }),
  ];
}
