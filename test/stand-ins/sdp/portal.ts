// The web client's page routes, rendered by ./pages (someone else's renderer): request and
// change details, the request list, and task / problem / asset pages the adapter must ignore.
// Pages need the login session (API keys do not sign in pages); without it → login redirect.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escByCode } from '../shared/html-escape';
import { redirect, sendHtml } from '../shared/http-reply';
import { sessionOf } from './auth';
import {
  renderAssetPage, renderChangePage, renderListPage, renderProblemPage, renderRequestPage, renderTaskPage,
  type PageOptions, type SdpPageUser,
} from './pages/index';
import { canSee, type State, type Technician } from './state';

const PAGE_PATHS = new Set(['/WorkOrder.do', '/ChangeDetails.do', '/ui/tasks', '/ProblemDetails.cc', '/AssetDetails.cc', '/ui/asset']);

/** `window.sdp_user` of a signed-in technician (research §1.2). */
export function pageUser(t: Technician): SdpPageUser {
  return { LOGGEDIN_USERID: t.id, USERNAME: t.name, LOGINNAME: t.login, USERTYPE: 'Technician', ROLES: t.roles ?? [] };
}

/** SDP shows "not found / not allowed" inside its page frame, with HTTP 200 [I]. */
function errorPage(res: ServerResponse, title: string, text: string): void {
  sendHtml(res, 200, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>ServiceDesk Plus</title></head><body>` +
    `<div id="sdp-error" class="error-page"><h2>${escByCode(title)}</h2><p>${escByCode(text)}</p><a href="/WorkOrder.do">Back to requests</a></div></body></html>`);
}

/** Page options from the query: `layout=legacy`, `lateMs=N` (else the server's), `headerRight=false`, `spa=1`. */
function optionsFor(url: URL, t: Technician, lateMs: number): PageOptions {
  const q = url.searchParams;
  const late = q.get('lateMs');
  return {
    user: pageUser(t),
    layout: q.get('layout') === 'legacy' ? 'legacy' : 'current',
    lateMs: late !== null && /^\d+$/.test(late) ? Number(late) : lateMs,
    ...(q.get('headerRight') === 'false' ? { headerRight: false } : {}),
  };
}

/** false when the path is not a page route (the caller answers 404). */
export function handlePortal(state: State, req: IncomingMessage, res: ServerResponse, url: URL, lateMs: number): boolean {
  if (!PAGE_PATHS.has(url.pathname) || (req.method ?? 'GET') !== 'GET') return false;
  const signedIn = sessionOf(state, req);
  if (!signedIn) {
    redirect(res, `/?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    return true;
  }
  const { tech } = signedIn;
  const q = url.searchParams;
  const options = optionsFor(url, tech, lateMs);
  const visible = Object.values(state.requests).filter((r) => canSee(tech, r));
  switch (url.pathname) {
    case '/WorkOrder.do': {
      const viewing = q.get('woMode') === 'viewWO';
      const request = viewing ? state.requests[q.get('woID') ?? ''] : undefined;
      if (!viewing) sendHtml(res, 200, renderListPage(visible, options));
      else if (!request) errorPage(res, 'Request not found', 'The request you are trying to view does not exist or has been deleted.');
      else if (!canSee(tech, request)) errorPage(res, 'Access denied', 'You are not authorized to view this request.');
      else {
        // `spa=1`: a short list of other requests whose links switch tickets in-app (SPA tests).
        const others = q.get('spa') === '1'
          ? visible.filter((r) => r.id !== request.id).slice(0, 5).map(({ id, subject, display_id }) => ({ id, subject, ...(display_id ? { display_id } : {}) }))
          : [];
        sendHtml(res, 200, renderRequestPage(request, others.length ? { ...options, otherRequests: others } : options));
      }
      return true;
    }
    case '/ChangeDetails.do': {
      const change = state.changes[q.get('CHANGEID') ?? ''];
      if (!change) errorPage(res, 'Change not found', 'The change you are trying to view does not exist or has been deleted.');
      else if (!canSee(tech, change)) errorPage(res, 'Access denied', 'You are not authorized to view this change.');
      else sendHtml(res, 200, renderChangePage(change, options));
      return true;
    }
  }
  // Pages that are not tickets; without an id, the first seeded one.
  const pick = <T>(table: Record<string, T>, id: string | null): T | undefined => (id ? table[id] : Object.values(table)[0]);
  const user = { user: options.user };
  if (url.pathname === '/ui/tasks') {
    const task = pick(state.tasks, q.get('taskId'));
    if (task) sendHtml(res, 200, renderTaskPage(task, user));
    else errorPage(res, 'Task not found', 'The task does not exist.');
  } else if (url.pathname === '/ProblemDetails.cc') {
    const problem = pick(state.problems, q.get('PROBLEMID'));
    if (problem) sendHtml(res, 200, renderProblemPage(problem, user));
    else errorPage(res, 'Problem not found', 'The problem does not exist.');
  } else {
    const asset = pick(state.assets, q.get('ASSETID') ?? q.get('assetID') ?? q.get('entity_id'));
    if (asset) sendHtml(res, 200, renderAssetPage(asset, user));
    else errorPage(res, 'Asset not found', 'The asset does not exist.');
  }
  return true;
}
