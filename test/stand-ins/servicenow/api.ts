// The Table API routes of the stand-in (research §2.4, §2.6): GET one record, GET a list with an
// encoded query, PATCH/PUT a record (work_notes and comments become journal entries). Optional
// version segment (/api/now/v2/table/…). Row ACLs: a hidden record answers 404 "No Record found"
// (as ServiceNow does for ACL-hidden rows [P]) and is left out of lists; writing an inactive
// task, or a non-task table, answers 403 "ACL Exception Update Failed" [I].
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../shared/http-reply';
import { apiCaller } from './auth';
import { glideTime, INACTIVE_STATES, type Row } from './glide';
import { ERR, sendError } from './http';
import { parseQuery, runQuery } from './query';
import { rowsOf, showRow, type DisplayMode, type ShowOptions } from './records';
import { TASK_TABLES, type SeedUser, type TaskTable } from './seed';
import { canRead, type State } from './state';

const TABLE_ROUTE = /^\/api\/now\/(?:v\d+\/)?table\/([^/]+)(?:\/([^/]+))?\/?$/;

interface Ctx {
  state: State;
  res: ServerResponse;
  user: SeedUser;
  show: ShowOptions;
  params: URLSearchParams;
}

/** One /api/ call: record → auth → route. */
export function handleApi(state: State, req: IncomingMessage, res: ServerResponse, url: URL, body: string, origin: string): void {
  const method = req.method ?? 'GET';
  const caller = apiCaller(state, req);
  const query = Object.fromEntries(url.searchParams);
  state.apiCalls.push({
    method, path: url.pathname, auth: caller.auth,
    ...(caller.auth === 'none' ? {} : { user: caller.user.user_name }),
    ...(Object.keys(query).length ? { query } : {}),
  });
  if (caller.auth === 'none') return sendError(res, 401, ERR.notAuthenticated);
  const match = TABLE_ROUTE.exec(url.pathname);
  if (!match) return sendError(res, 400, ERR.noResource);
  const table = decodeURIComponent(match[1]!);
  const sysId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
  if (table !== 'task' && !state.records[table]) return sendError(res, 400, ERR.invalidTable(table));
  const p = url.searchParams;
  const display = (p.get('sysparm_display_value') ?? 'false').toLowerCase();
  const fields = p.get('sysparm_fields')?.split(',').map((f) => f.trim()).filter(Boolean);
  const ctx: Ctx = {
    state, res, user: caller.user, params: p,
    show: {
      ...(fields?.length ? { fields } : {}),
      display: (['true', 'false', 'all'].includes(display) ? display : 'false') as DisplayMode,
      excludeLink: p.get('sysparm_exclude_reference_link') === 'true',
      origin, viewer: caller.user,
    },
  };
  if (method === 'GET' && sysId === undefined) return list(ctx, table);
  if (method === 'GET') return getOne(ctx, table, sysId!);
  if ((method === 'PATCH' || method === 'PUT') && sysId !== undefined) return update(ctx, table, sysId, body);
  sendError(res, 405, ERR.methodNotSupported(method));
}

/** The row, when it exists and the caller may read it. */
function readable(ctx: Ctx, table: string, sysId: string): { table: string; row: Row } | undefined {
  const row = rowsOf(ctx.state, table).find((r) => r['sys_id'] === sysId);
  if (!row || !canRead(ctx.state, ctx.user.user_name, row)) return undefined;
  return { table: table === 'task' ? row['sys_class_name']! : table, row };
}

function getOne(ctx: Ctx, table: string, sysId: string): void {
  const hit = readable(ctx, table, sysId);
  if (!hit) return sendError(ctx.res, 404, ERR.noRecord);
  sendJson(ctx.res, 200, { result: showRow(ctx.state, table, hit.row, ctx.show) });
}

function list(ctx: Ctx, table: string): void {
  const { state, params } = ctx;
  const visible = rowsOf(state, table).filter((row) => canRead(state, ctx.user.user_name, row));
  const text = params.get('sysparm_query') ?? '';
  const parsed = parseQuery(text, ctx.user);
  const rows = (parsed && runQuery(state, table, visible, parsed)) ?? [];
  const count = (name: string, dflt: number) => {
    const v = params.get(name);
    return v !== null && /^\d+$/.test(v) ? Number(v) : dflt;
  };
  const offset = count('sysparm_offset', 0);
  const page = rows.slice(offset, offset + count('sysparm_limit', 10000));
  sendJson(ctx.res, 200, { result: page.map((row) => showRow(state, table, row, ctx.show)) }, { 'X-Total-Count': String(rows.length) });
}

const READ_ONLY = new Set(['sys_id', 'number', 'sys_class_name', 'sys_created_on', 'sys_created_by', 'sys_updated_on', 'sys_updated_by']);

function update(ctx: Ctx, table: string, sysId: string, body: string): void {
  const { state, res, user } = ctx;
  const hit = readable(ctx, table, sysId);
  if (!hit) return sendError(res, 404, ERR.noRecord);
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return sendError(res, 400, ERR.badJson);
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) return sendError(res, 400, ERR.badJson);
  // [I] technicians write task records while they are active; nothing else.
  if (!(TASK_TABLES as readonly string[]).includes(hit.table) || hit.row['active'] === 'false') return sendError(res, 403, ERR.aclUpdate);
  const at = new Date().toISOString();
  for (const [field, raw] of Object.entries(input as Record<string, unknown>)) {
    const text = raw == null ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
    if (field === 'work_notes' || field === 'comments') {
      // An empty journal entry is ignored, as on the platform.
      if (text.trim()) (field === 'work_notes' ? state.workNotes : state.comments).push({ table: hit.table, sys_id: sysId, text, by: user.user_name, at });
    } else if (field in hit.row && !READ_ONLY.has(field)) {
      hit.row[field] = text; // unknown fields are ignored silently, as the Table API does
      // The platform's business rules: a closing state makes the record inactive [I].
      if (field === 'state') hit.row['active'] = String(!INACTIVE_STATES[hit.table as TaskTable].includes(text));
    }
  }
  hit.row['sys_updated_on'] = glideTime(Date.parse(at));
  hit.row['sys_updated_by'] = user.user_name;
  sendJson(res, 200, { result: showRow(state, table, hit.row, ctx.show) });
}
