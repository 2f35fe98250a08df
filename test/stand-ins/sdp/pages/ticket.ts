/**
 * SDP on-prem request (`/WorkOrder.do?woMode=viewWO&woID=`) and change (`/ChangeDetails.do?CHANGEID=`)
 * detail pages, as research/itsm-portals.md §1.2–1.3 describes them. Written by us; not vendor HTML.
 */
import { h, type Html } from '../../shared/html-builder';
import { defaultBuild, shell, standInConfig } from './html';
import type { PageOptions, SdpChange, SdpRequest } from './types';
import { detailsView, skeletonView, type TicketView } from './views';

/** `[#3314] Subject` — the client script sets the same after an in-app switch. */
export function pageTitle(display: string, title: string): string {
  return `[#${display}] ${title}`;
}

function otherRequests(options: PageOptions): Html | null {
  const others = options.otherRequests ?? [];
  if (!others.length) return null;
  return h('aside', { id: 'other_requests', class: 'other-requests' },
    h('h3', null, 'Other requests'),
    h('ul', null, others.map((r) => h('li', null, h('a', {
      href: `/WorkOrder.do?woMode=viewWO&woID=${r.id}`,
      'data-spa': 'true',
      'data-spa-page': 'request-details',
      'data-spa-module': 'requests',
    }, `${r.display_id ?? r.id} - ${r.subject}`)))),
  );
}

function ticketPage(view: TicketView, options: PageOptions): string {
  const cfg = standInConfig(options);
  const late = cfg.lateMs > 0;
  const { ticket } = view;
  const isRequest = view.kind === 'request';
  // SDP keeps the whole v3 object in $req.details.request_info (§1.2); the change-page
  // equivalent ($change) is our guess. Late pages get them only after the fetch.
  const info = late ? {} : isRequest ? { $req: { details: { request_info: ticket } } } : { $change: { details: { change_info: ticket } } };
  return shell({
    title: late ? 'ServiceDesk Plus' : pageTitle(ticket.display_id ?? ticket.id, isRequest ? view.ticket.subject : view.ticket.title),
    module: isRequest ? 'requests' : 'changes',
    build: defaultBuild(options),
    user: options.user,
    globals: { ...(isRequest ? { woID: ticket.id } : { CHANGEID: ticket.id }), ...info, SDP_STAND_IN: cfg },
    main: [
      h('div', { id: 'details_view', class: 'details-view' }, late ? skeletonView(view.kind) : detailsView(view, cfg)),
      isRequest ? otherRequests(options) : null,
    ],
    script: true,
  });
}

export function renderRequestPage(request: SdpRequest, options: PageOptions): string {
  return ticketPage({ kind: 'request', ticket: request }, options);
}

/** Change pages have one layout; `layout: 'legacy'` is ignored here. */
export function renderChangePage(change: SdpChange, options: PageOptions): string {
  return ticketPage({ kind: 'change', ticket: change }, { ...options, layout: 'current' });
}
