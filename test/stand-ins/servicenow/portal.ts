// The web UI's page routes, rendered by ./pages (someone else's renderer): the classic form
// `/<table>.do?sys_id=`, its UI16 frame `/nav_to.do?uri=`, the Next Experience wrapper
// `/now/nav/ui/classic/params/target/<encoded>`, workspace records `/now/<ws>/record/<table>/<sys_id>`,
// lists `/<table>_list.do`. All need the login session (API credentials do not sign in pages);
// without one → 302 to /login.do?sysparm_goto_url=<path>. Every page gets the session's g_ck.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escByCode } from '../shared/html-escape';
import { redirect, sendHtml } from '../shared/http-reply';
import { sessionOf, type SignedIn } from './auth';
import { CLASS_LABELS } from './glide';
import {
  renderClassicForm, renderList, renderNavTo, renderPolarisClassic, renderWorkspace,
} from './pages/index';
import type { SnPageUser, SnRecord, SnRecordLink } from './pages/types';
import { showRow } from './records';
import { TASK_TABLES, type SeedUser, type TaskTable } from './seed';
import { canRead, type State } from './state';

/** Workspace record tabs kept per session (the oldest falls off). */
const MAX_TABS = 5;
const isTask = (t: string): t is TaskTable => (TASK_TABLES as readonly string[]).includes(t);

/** `g_user` / `NOW.user` of a signed-in user. */
export function pageUser(u: SeedUser): SnPageUser {
  const [firstName = '', ...rest] = u.name.split(' ');
  return { userName: u.user_name, userID: u.sys_id, firstName, lastName: rest.join(' '), roles: u.roles };
}

/** A record as the renderer wants it: the Table API's display_value=all JSON, in the reader's zone. */
export function pageRecord(state: State, table: TaskTable, sysId: string, viewer: SeedUser, origin: string): SnRecord | undefined {
  const row = state.records[table]?.[sysId];
  if (!row || !canRead(state, viewer.user_name, row)) return undefined;
  return showRow(state, table, row, { display: 'all', excludeLink: false, origin, viewer }) as unknown as SnRecord;
}

/** ServiceNow shows a form-shaped "Record not found" for unknown and ACL-hidden records alike [I]. */
function notFound(res: ServerResponse, table: string): void {
  sendHtml(res, 200, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>ServiceNow</title></head><body class="sn-classic">` +
    `<div class="outputmsg_container"><div class="outputmsg outputmsg_error">Record not found</div></div>` +
    `<p>${escByCode(table)}</p></body></html>`);
}

/** `<table>.do?sys_id=…` (with or without a leading slash, maybe URL-encoded) → the record it names. */
function formTarget(uri: string): { table: string; sysId: string } | undefined {
  let u: URL;
  try {
    u = new URL(uri.startsWith('/') ? uri : `/${uri}`, 'http://x');
  } catch {
    return undefined;
  }
  const m = /^\/([a-z_]+)\.do$/.exec(u.pathname);
  const sysId = u.searchParams.get('sys_id');
  return m && sysId && isTask(m[1]!) ? { table: m[1]!, sysId } : undefined;
}

const WORKSPACE_ROUTE = /^\/now\/(sow|cwf\/agent)\/record\/([a-z_]+)\/([0-9a-f]{32})(?:\/.*)?$/;
const POLARIS_PREFIX = '/now/nav/ui/classic/params/target/';

function isPagePath(path: string): boolean {
  return path === '/' || path === '/nav_to.do' || /^\/[a-z_]+(_list)?\.do$/.test(path) || path.startsWith(POLARIS_PREFIX) || WORKSPACE_ROUTE.test(path);
}

/** false when the path is not a page route (the caller answers 404). */
export function handlePortal(state: State, req: IncomingMessage, res: ServerResponse, url: URL, origin: string): boolean {
  const path = url.pathname;
  if ((req.method ?? 'GET') !== 'GET' || !isPagePath(path)) return false;
  const signedIn = sessionOf(state, req);
  if (!signedIn) {
    redirect(res, `/login.do?sysparm_goto_url=${encodeURIComponent(path + url.search)}`);
    return true;
  }
  const { user, session } = signedIn;
  const q = url.searchParams;
  const session_ = { user: pageUser(user), token: session.gck };
  const record = (table: string, sysId: string) => (isTask(table) ? pageRecord(state, table, sysId, user, origin) : undefined);

  if (path === '/') {
    redirect(res, '/incident_list.do');
    return true;
  }

  const list = /^\/([a-z_]+)_list\.do$/.exec(path);
  if (list) {
    const table = list[1]!;
    if (!isTask(table)) return false;
    const rows = Object.values(state.records[table] ?? {}).filter((r) => canRead(state, user.user_name, r));
    sendHtml(res, 200, renderList(rows.map((r) => record(table, r['sys_id']!)!), { ...session_, table }));
    return true;
  }

  if (path === '/nav_to.do' || path.startsWith(POLARIS_PREFIX)) {
    const uri = path === '/nav_to.do' ? (q.get('uri') ?? '') : safeDecode(path.slice(POLARIS_PREFIX.length));
    const target = formTarget(uri);
    if (!target) {
      // Lists and other pages: go there directly (the stand-in frames records only).
      const direct = uri.startsWith('/') ? uri : `/${uri}`;
      redirect(res, /^\/[a-z_]+(_list)?\.do(\?|$)/.test(direct) ? direct : '/incident_list.do');
      return true;
    }
    const r = record(target.table, target.sysId);
    if (!r) notFound(res, target.table);
    else if (path === '/nav_to.do') sendHtml(res, 200, renderNavTo(r, session_));
    else sendHtml(res, 200, renderPolarisClassic(r, session_));
    return true;
  }

  const ws = WORKSPACE_ROUTE.exec(path);
  if (ws) {
    workspace(state, res, signedIn, ws[1]!, ws[2]!, ws[3]!, q, origin);
    return true;
  }

  const form = /^\/([a-z_]+)\.do$/.exec(path);
  if (form && isTask(form[1]!)) {
    const r = record(form[1]!, q.get('sys_id') ?? '');
    if (!r) notFound(res, form[1]!);
    else {
      const cis = Object.values(state.records['task_ci'] ?? {}).filter((ci) => ci['task'] === r.sys_id.value);
      sendHtml(res, 200, renderClassicForm(r, {
        ...session_,
        ...(q.get('navbarRight') === 'false' ? { navbarRight: false } : {}),
        affectedCis: cis.map((ci) => {
          const item = state.records['cmdb_ci']?.[ci['ci_item'] ?? ''];
          return { sys_id: ci['ci_item'] ?? '', name: item?.['name'] ?? '', ...(item ? { className: CLASS_LABELS[item['sys_class_name'] ?? ''] ?? 'Configuration Item' } : {}) };
        }),
      }));
    }
    return true;
  }
  return false;
}

/**
 * A workspace record page. Its tabs are the records this session opened in the workspace (oldest
 * first, at most MAX_TABS) with the current one in front; the sidebar links the caller's other
 * open tasks. Query switches: `noActionBar=1`, `rebuildMs=N`.
 */
function workspace(state: State, res: ServerResponse, s: SignedIn, ws: string, table: string, sysId: string, q: URLSearchParams, origin: string): void {
  const current = isTask(table) ? pageRecord(state, table, sysId, s.user, origin) : undefined;
  if (!current || !isTask(table)) return notFound(res, table);
  const tabs = s.session.tabs.filter((t) => !(t.table === table && t.sys_id === sysId));
  tabs.push({ table, sys_id: sysId });
  s.session.tabs = tabs.slice(-MAX_TABS);
  const records = s.session.tabs
    .map((t) => (isTask(t.table) ? pageRecord(state, t.table, t.sys_id, s.user, origin) : undefined))
    .filter((r): r is SnRecord => r !== undefined);
  const active = records.findIndex((r) => r.sys_id.value === sysId);
  const links: SnRecordLink[] = TASK_TABLES.flatMap((t) =>
    Object.values(state.records[t] ?? {})
      .filter((r) => r['assigned_to'] === s.user.sys_id && r['active'] === 'true' && canRead(state, s.user.user_name, r))
      .map((r) => ({ table: t, sys_id: r['sys_id']!, number: r['number']!, short_description: r['short_description'] ?? '' })),
  );
  const rebuild = q.get('rebuildMs');
  sendHtml(res, 200, renderWorkspace(records, active, {
    user: pageUser(s.user), token: s.session.gck, workspace: ws, links,
    ...(q.get('noActionBar') === '1' ? { noActionBar: true } : {}),
    ...(rebuild !== null && /^\d+$/.test(rebuild) ? { rebuildMs: Number(rebuild) } : {}),
  }));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
