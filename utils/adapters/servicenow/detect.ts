/**
 * ServiceNow ticket pages from the URL alone (research/itsm-portals.md §2.1). Strict on purpose:
 * a false positive puts PAM buttons on a page that is not that ticket.
 *
 * - Classic (UI16) form: `/<table>.do?sys_id=<32 hex>` at the root, exactly one `sys_id`. `-1`
 *   is the new-record form (no ticket yet). Export processors (`?XML`, `?CSV`, …) are not forms.
 * - Workspaces: `/now/<workspace…>/record/<table>/<sys_id>[/…]`, SOW (`/now/sow/…`) and any other
 *   workspace path. Like SN Utils, a `/sub/record/<table>/<sys_id>` part (a sub-record shown in
 *   the same screen) wins over the main record. `-1_uid_N` is a new record → null.
 * - Frame hosts (`/nav_to.do?uri=…`, `/now/nav/ui/classic/params/target/…`) → null: the form is in
 *   iframe#gsft_main and the content script running in that frame handles it.
 *   Code that sees only a tab's top URL (the popup's "This tab") reads the framed record with
 *   detectTopLevel() in frame-target.ts.
 * - sys_ids are hex; ServiceNow writes them lowercase, links sometimes uppercase: we lowercase.
 * - Only the five ticket tables below. Other tables (sys_user, task, cmdb_ci…) are not tickets.
 *   Instances with extended or custom ticket tables (u_incident, sn_si_incident…): extend TABLES
 *   per instance later (connector config), not here.
 */
import type { TicketKind } from '../../tickets/types';
import type { PageMatch } from '../types';

/** Ticket tables and their kind. A Map, so `constructor.do` or `__proto__.do` never match. */
export const TABLES: ReadonlyMap<string, TicketKind> = new Map([
  ['incident', 'incident'],
  ['change_request', 'change'],
  ['sc_req_item', 'request'],
  ['sc_task', 'request'],
  ['problem', 'problem'],
]);

const SYS_ID = /^[0-9a-f]{32}$/i;
const CLASSIC_PATH = /^\/([a-z0-9_]+)\.do$/;
/** Processor parameters that turn `<table>.do` into an export instead of a form. */
const EXPORTS = ['XML', 'JSON', 'JSONv2', 'CSV', 'EXCEL', 'XLS', 'XLSX', 'PDF', 'RSS', 'WSDL'];

function match(table: string | undefined, sysId: string | undefined | null): PageMatch | null {
  if (!table || !sysId || !SYS_ID.test(sysId)) return null;
  const kind = TABLES.get(table);
  return kind ? { kind, id: sysId.toLowerCase(), table } : null;
}

function classic(url: URL): PageMatch | null {
  const path = CLASSIC_PATH.exec(url.pathname);
  if (!path) return null;
  const params = url.searchParams;
  if (EXPORTS.some((name) => params.has(name))) return null;
  const ids = params.getAll('sys_id');
  return ids.length === 1 ? match(path[1], ids[0]) : null;
}

function workspace(url: URL): PageMatch | null {
  const segments = url.pathname.split('/');
  // ['', 'now', <workspace>, …]; 'nav' is the Next Experience shell (classic wrapper, home).
  if (segments[1] !== 'now' || !segments[2] || segments[2] === 'nav' || segments[2] === 'record') return null;
  const paramsAt = segments.indexOf('params');
  const route = paramsAt === -1 ? segments : segments.slice(0, paramsAt);
  const start = Math.max(3, route.lastIndexOf('sub') + 1);
  const at = route.indexOf('record', start);
  return at === -1 ? null : match(route[at + 1], route[at + 2]);
}

export function detect(url: URL): PageMatch | null {
  return url.pathname.startsWith('/now/') ? workspace(url) : classic(url);
}

/** Pages whose document only frames the classic UI in iframe#gsft_main. */
export function isFrameHostUrl(url: URL): boolean {
  return url.pathname === '/nav_to.do' || url.pathname === '/navpage.do' || url.pathname.startsWith('/now/nav/ui/');
}
