/**
 * ServiceDesk Plus **on-prem** ticket pages from the URL alone (research/itsm-portals.md §1.1).
 * SDP Cloud (`/app/<portal>/ui/requests/<id>/details`, `ChangeDetails.cc`) is a separate issue:
 * its paths deliberately do not match here.
 *
 * Strict on purpose: a false positive puts PAM buttons on a page that is not that ticket.
 * - Paths are exact and at the root: SDP on-prem runs at `/` and its own links are absolute
 *   (`/WorkOrder.do?…`). Case matters (the servlet container's mapping is case-sensitive).
 * - Param names are exact (`woID`, `CHANGEID`; vendor code and deep links never use `woId`),
 *   present once, and numeric without leading zeros. Extra params (PORTALID, fromListView) and
 *   hash tabs (#tasks, #Conversation) are fine; the hash is never read.
 * - A `;jsessionid=` path parameter (servlet URL rewriting) is ignored.
 */
import type { PageMatch } from '../types';

const ID = /^[1-9]\d{0,18}$/;

function one(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  return values.length === 1 ? values[0]! : null;
}

export function detect(url: URL): PageMatch | null {
  const path = url.pathname.split(';')[0];
  const params = url.searchParams;
  if (path === '/WorkOrder.do') {
    // Without woMode=viewWO WorkOrder.do is a list view or the new-request form.
    const id = one(params, 'woID');
    return one(params, 'woMode') === 'viewWO' && id !== null && ID.test(id) ? { kind: 'request', id } : null;
  }
  if (path === '/ChangeDetails.do') {
    const id = one(params, 'CHANGEID');
    return id !== null && ID.test(id) ? { kind: 'change', id } : null;
  }
  return null;
}
