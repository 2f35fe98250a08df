/**
 * SDP pages that are not request/change details: the request list (whose rows switch to a
 * request in-app), login, and task / asset / problem details (pages the adapter must ignore).
 * Written by us to imitate research/itsm-portals.md §1.1–1.3; not vendor HTML.
 */
import { h, type Html } from '../../shared/html-builder';
import { defaultBuild, shell, standInConfig } from './html';
import type { PageOptions, SdpAsset, SdpPageUser, SdpProblem, SdpRequest, SdpTask } from './types';

/** The request list view (`/WorkOrder.do?viewName=…`); rows carry SDP's SPA link attributes. */
export function renderListPage(requests: SdpRequest[], options: PageOptions): string {
  const rows = requests.map((r) => h('tr', { class: 'tc-row', 'data-id': r.id },
    h('td', null, r.display_id ?? r.id),
    h('td', null, h('a', {
      href: `/WorkOrder.do?woMode=viewWO&woID=${r.id}`,
      'data-spa': 'true',
      'data-spa-page': 'request-details',
      'data-spa-module': 'requests',
    }, r.subject)),
    h('td', null, r.status.name),
    h('td', null, r.technician?.name ?? '-'),
  ));
  return shell({
    title: 'Requests',
    module: 'requests',
    build: defaultBuild(options),
    user: options.user,
    globals: { SDP_STAND_IN: standInConfig(options) },
    main: h('div', { id: 'requests_list_view', class: 'list-view' },
      h('h2', null, 'All Requests'),
      h('table', { id: 'RequestsView_TABLE', class: 'list-table' },
        h('thead', null, h('tr', null, ['ID', 'Subject', 'Status', 'Technician'].map((c) => h('th', null, c)))),
        h('tbody', null, rows),
      )),
    script: true,
  });
}

/**
 * The on-prem login form (posts j_username / j_password to /j_security_check). Carries SDP's
 * logged-out marker. `error`: shown above the form; `redirectTo`: sent back as a hidden field.
 */
export function renderLoginPage(options: { error?: string; redirectTo?: string } = {}): string {
  return shell({
    title: 'ManageEngine ServiceDesk Plus',
    module: 'home',
    build: defaultBuild({}),
    main: [
      // The vendor client treats a `__SDP__LOGIN` body as "logged out" (research §1.5).
      h('div', { id: 'login-page', class: 'login-page', 'data-marker': '__SDP__LOGIN' },
        h('h1', null, 'ServiceDesk Plus'),
        options.error ? h('p', { class: 'login-error', role: 'alert' }, options.error) : null,
        h('form', { name: 'login', method: 'post', action: '/j_security_check' },
          options.redirectTo ? h('input', { type: 'hidden', name: 'redirectTo', value: options.redirectTo }) : null,
          h('label', { for: 'username' }, 'Username'), h('input', { id: 'username', name: 'j_username', autocomplete: 'username' }),
          h('label', { for: 'password' }, 'Password'), h('input', { id: 'password', name: 'j_password', type: 'password', autocomplete: 'current-password' }),
          h('button', { type: 'submit', id: 'loginSDPage' }, 'Log in'),
        )),
    ],
  });
}

/** A details page with the same header pieces as tickets, so only the URL tells them apart. */
function detailPage(title: string, module: 'requests' | 'problems' | 'assets', user: SdpPageUser, header: Html, body: Html): string {
  return shell({ title, module, build: defaultBuild({}), user, main: h('div', { id: 'details_view', class: 'details-view' }, header, body) });
}

function idHeader(id: string, label: string, title: string, status?: string): Html {
  return h('div', { class: 'wo-header' },
    h('div', { class: 'left' },
      h('table', { class: 'wo-id-table' }, h('tbody', null, h('tr', null,
        h('td', { class: 'label' }, label), h('td', { 'data-sdplayoutid': 'display_id' }, id)))),
      h('h1', { 'data-sdplayoutid': 'title' }, title),
      status ? h('span', { 'data-sdplayoutid': 'status' }, status) : null),
    h('div', { class: 'right' }, h('button', { type: 'button', class: 'btn' }, 'Edit')));
}

/** `/ui/tasks?mode=detail&taskId=…` */
export function renderTaskPage(task: SdpTask, options: Pick<PageOptions, 'user'>): string {
  const parent = task.request
    ? h('p', { class: 'task-parent' }, 'Request: ', h('a', { href: `/WorkOrder.do?woMode=viewWO&woID=${task.request.id}` }, task.request.display_id ?? task.request.id))
    : h('p', { class: 'task-parent' }, 'Standalone task');
  return detailPage(task.title, 'requests', options.user, idHeader(task.id, 'Task ID', task.title, task.status.name), parent);
}

/** `/ui/asset?module=workstation&entity_id=…` */
export function renderAssetPage(asset: SdpAsset, options: Pick<PageOptions, 'user'>): string {
  const facts: [string, string | undefined][] = [
    ['Product Type', asset.product_type?.name], ['State', asset.state?.name], ['IP Address', asset.ip_address],
  ];
  return detailPage(asset.name, 'assets', options.user, idHeader(asset.id, 'Asset ID', asset.name),
    h('table', { class: 'props-table' }, h('tbody', null, facts.map(([label, value]) =>
      h('tr', null, h('td', { class: 'label' }, label), h('td', null, value ?? '-'))))));
}

/** `/ProblemDetails.cc?PROBLEMID=…` */
export function renderProblemPage(problem: SdpProblem, options: Pick<PageOptions, 'user'>): string {
  return detailPage(problem.title, 'problems', options.user, idHeader(problem.id, 'Problem ID', problem.title, problem.status.name),
    h('div', { id: 'tab_content', class: 'tab-content' }, h('p', { class: 'empty-msg' }, 'No analysis yet.')));
}
