// The v3 API routes of the SDP stand-in (research §1.4, §1.7): request list and details,
// change details, approval levels and approvals, notes on requests and changes. `input_data`
// is JSON in the query (GET) or in a urlencoded form field (POST; the query also works).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiCaller, csrfOk, type Caller } from './auth';
import { MSG, sendFailure, sendSuccess, type SdpMessage } from './http';
import { canSee, userRef, v3Time, type State, type V3Change, type V3Request } from './state';

type Authed = Exclude<Caller, { auth: 'none' }>;
type Input = Record<string, unknown> | undefined;
interface Ctx {
  state: State;
  res: ServerResponse;
  caller: Authed;
  input: Input;
}
type Route = [method: string, pattern: RegExp, handler: (ctx: Ctx, ...ids: string[]) => void];

const ROUTES: Route[] = [
  ['GET', /^\/api\/v3\/requests\/?$/, listRequests],
  ['GET', /^\/api\/v3\/requests\/([^/]+)$/, (c, id) => withTicket(c, 'request', id!, (r) => sendSuccess(c.res, { request: r }))],
  ['POST', /^\/api\/v3\/requests\/([^/]+)\/notes$/, (c, id) => withTicket(c, 'request', id!, (r) => addNote(c, 'request', r))],
  ['GET', /^\/api\/v3\/changes\/([^/]+)$/, (c, id) => withTicket(c, 'change', id!, (ch) => sendSuccess(c.res, { change: ch }))],
  ['GET', /^\/api\/v3\/changes\/([^/]+)\/approval_levels$/, (c, id) => withTicket(c, 'change', id!, () => approvalLevels(c, id!))],
  ['GET', /^\/api\/v3\/changes\/([^/]+)\/approval_levels\/([^/]+)\/approvals$/, (c, id, lid) => withTicket(c, 'change', id!, () => approvals(c, id!, lid!))],
  ['POST', /^\/api\/v3\/changes\/([^/]+)\/notes$/, (c, id) => withTicket(c, 'change', id!, (ch) => addNote(c, 'change', ch))],
];

/** One /api/v3 call: record → Accept (strict mode) → auth → CSRF → input_data → route. */
export function handleApi(state: State, req: IncomingMessage, res: ServerResponse, url: URL, body: string, strictAccept: boolean): void {
  const method = req.method ?? 'GET';
  const caller = apiCaller(state, req, url);
  state.apiCalls.push({ method, path: url.pathname, auth: caller.auth, ...(caller.auth === 'none' ? {} : { user: caller.tech.login }) });
  const accept = req.headers.accept?.trim() ?? '';
  // [P] one Cloud integration got 415 for `Accept: */*`; off unless the server is started strict.
  if (strictAccept && (accept === '' || accept === '*/*')) {
    res.writeHead(415, { 'Content-Length': '0' });
    return void res.end();
  }
  if (caller.auth === 'none') return sendFailure(res, MSG.invalidKey, 401);
  const form = method === 'GET' ? new URLSearchParams() : new URLSearchParams(body);
  if (caller.auth === 'session' && method !== 'GET' && !csrfOk(req, url, form, caller.session)) return sendFailure(res, MSG.csrf, 403);
  const raw = form.get('input_data') ?? url.searchParams.get('input_data');
  let input: Input;
  if (raw !== null) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      input = parsed as Record<string, unknown>;
    } catch {
      return sendFailure(res, MSG.badJson);
    }
  }
  for (const [m, pattern, handler] of ROUTES) {
    const match = method === m ? pattern.exec(url.pathname) : null;
    if (match) return handler({ state, res, caller, input }, ...match.slice(1).map(decodeURIComponent));
  }
  sendFailure(res, MSG.invalidUrl);
}

function withTicket<K extends 'request' | 'change'>(
  c: Ctx, kind: K, id: string, then: (t: K extends 'request' ? V3Request : V3Change) => void,
): void {
  const ticket = (kind === 'request' ? c.state.requests : c.state.changes)[id];
  if (!ticket) return sendFailure(c.res, MSG.invalidId(kind));
  if (!canSee(c.caller.tech, ticket)) return sendFailure(c.res, MSG.forbidden(kind));
  then(ticket as K extends 'request' ? V3Request : V3Change);
}

const count = (v: unknown, dflt: number) => (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)) ? Number(v) : dflt);

/** Case-insensitive "contains" on a (dotted) field; `{name}` objects compare by name. */
function matches(r: V3Request, fields: Record<string, unknown>): boolean {
  return Object.entries(fields).every(([key, wanted]) => {
    let v: unknown = r;
    for (const part of key.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    if (v && typeof v === 'object' && 'name' in v) v = (v as { name: unknown }).name;
    return v != null && String(v).toLowerCase().includes(String(wanted).toLowerCase());
  });
}

function listRequests(c: Ctx): void {
  const info = (c.input?.['list_info'] ?? {}) as Record<string, unknown>;
  const rowCount = Math.min(Math.max(count(info['row_count'], 10), 1), 100);
  const start = Math.max(count(info['start_index'], 1), 1);
  const search = (info['search_fields'] && typeof info['search_fields'] === 'object' ? info['search_fields'] : {}) as Record<string, unknown>;
  const visible = Object.values(c.state.requests).filter((r) => canSee(c.caller.tech, r) && matches(r, search));
  const page = visible.slice(start - 1, start - 1 + rowCount);
  // List rows are compact, as in the product; GET /requests/{id} has the whole object.
  const rows = page.map(({ id, display_id, subject, status, technician, requester, request_type, created_time, has_notes }) =>
    ({ id, display_id, subject, status, technician: technician ?? null, requester, request_type, created_time, has_notes }));
  const listInfo: Record<string, unknown> = { has_more_rows: start - 1 + rowCount < visible.length, start_index: start, row_count: page.length };
  if (Object.keys(search).length) listInfo['search_fields'] = search;
  if (info['get_total_count'] === true) listInfo['total_count'] = visible.length;
  sendSuccess(c.res, { list_info: listInfo, requests: rows }, true);
}

function approvalLevels(c: Ctx, changeId: string): void {
  const levels = (c.state.approvalLevels[changeId] ?? []).map(({ approvals: _, ...level }) => level);
  sendSuccess(c.res, { list_info: { has_more_rows: false, row_count: levels.length }, approval_levels: levels });
}

function approvals(c: Ctx, changeId: string, levelId: string): void {
  const level = (c.state.approvalLevels[changeId] ?? []).find((l) => l.id === levelId);
  if (!level) return sendFailure(c.res, MSG.invalidId('approval level'));
  // [C] research §1.4: this endpoint answers response_status as an array.
  sendSuccess(c.res, { approvals: level.approvals }, true);
}

const REQUEST_NOTE_KEYS = ['description', 'show_to_requester', 'notify_technician', 'mark_first_response', 'add_to_linked_requests'];

/** Request notes: `request_note` (§1.7). Change notes: `note` with `description` only [P]. */
function addNote(c: Ctx, kind: 'request' | 'change', ticket: V3Request | V3Change): void {
  const wrapper = kind === 'request' ? 'request_note' : 'note';
  const allowed = kind === 'request' ? REQUEST_NOTE_KEYS : ['description'];
  const fail = (m: SdpMessage) => sendFailure(c.res, m);
  const extra = Object.keys(c.input ?? {}).find((k) => k !== wrapper);
  if (extra) return fail(MSG.extraKey(extra));
  const note = c.input?.[wrapper];
  if (!note || typeof note !== 'object' || Array.isArray(note)) return fail(MSG.mandatory(wrapper));
  const fields = note as Record<string, unknown>;
  const unknown = Object.keys(fields).find((k) => !allowed.includes(k));
  if (unknown) return fail(MSG.extraKey(unknown));
  const flag = Object.keys(fields).find((k) => k !== 'description' && typeof fields[k] !== 'boolean');
  if (flag) return fail(MSG.typeMismatch(flag));
  const description = fields['description'];
  if (typeof description !== 'string' || !description.trim()) return fail(MSG.mandatory('description'));
  const at = Date.now();
  c.state.notes.push({ kind, id: ticket.id, description, by: c.caller.tech.login, at: new Date(at).toISOString() });
  if (kind === 'request') (ticket as V3Request).has_notes = true;
  const flags = kind === 'request'
    ? { show_to_requester: false, notify_technician: false, mark_first_response: false, add_to_linked_requests: false, ...fields }
    : {};
  sendSuccess(c.res, {
    [wrapper]: { ...flags, id: String(7000 + c.state.notes.length), description, added_time: v3Time(at), added_by: userRef(c.caller.tech) },
  });
}
