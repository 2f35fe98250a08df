// ServiceNow stand-in: a real HTTP server on loopback that answers like a ServiceNow instance as
// research/itsm-portals.md §2 describes it — the Table API (`{result}` envelopes, display values,
// dot-walking, encoded queries, error envelopes), all four ways of signing in (session + X-UserToken,
// Basic, OAuth from /oauth_token.do, x-sn-apikey), and the web UI's pages (rendered by ./pages).
// Plus test hooks: live state, setRecord, expireTokens, reset.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { escByCode } from '../shared/html-escape';
import { readBody } from '../shared/http-request';
import { sendHtml } from '../shared/http-reply';
import { closeServer, listen } from '../shared/listen';
import { handleApi } from './api';
import { handleLogin } from './auth';
import { ERR, sendError } from './http';
import { handleToken, type TokenSettings } from './oauth';
import { handlePortal } from './portal';
import { loadSeed, TASK_TABLES, type Seed, type TaskTable } from './seed';
import { createState, newTaskRow, type Row, type State } from './state';

export type { Seed } from './seed';
export type { ApiCall, JournalEntry, Row, Session, State, Token } from './state';

export interface ServiceNowStandInOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** A seed object or a path to a seed JSON file (default: seed.json next to this file). */
  seed?: Seed | string;
  /** OAuth access-token lifetime in seconds (default 1800). */
  tokenTtlSeconds?: number;
  /** OAuth refresh-token lifetime in seconds (default 100 days). */
  refreshTtlSeconds?: number;
  /** Rotate refresh tokens on every refresh (default true; see oauth.ts). */
  rotateRefreshTokens?: boolean;
}

export interface ServiceNowStandIn {
  /** Origin, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  /** Live data; mutate freely in tests. */
  state: State;
  /**
   * Merges raw values into `table`/`sys_id` (numbers and booleans become strings, as the database
   * holds them) and returns the row. A missing task record is created as a bare new record with
   * the next number; rows of other tables (task_ci, sysapproval_approver, cmdb_ci…) are created as given.
   */
  setRecord(table: string, sysId: string, partial: Record<string, string | number | boolean>): Row;
  /** Ends every OAuth access token now (refresh tokens too with `{refresh: true}`). */
  expireTokens(options?: { refresh?: boolean }): void;
  /** Reloads the seed with times relative to now; sessions, tokens, journals and the call log are cleared. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts the stand-in; resolves once it listens. */
export async function startServiceNowStandIn(options: ServiceNowStandInOptions = {}): Promise<ServiceNowStandIn> {
  const host = options.host ?? '127.0.0.1';
  const state = createState(loadSeed(options.seed));
  const tokens: TokenSettings = {
    accessTtl: options.tokenTtlSeconds ?? 1800,
    refreshTtl: options.refreshTtlSeconds ?? 8_640_000,
    rotate: options.rotateRefreshTokens ?? true,
  };
  let origin = '';

  const server: Server = createServer((req, res) => {
    handle(state, req, res, origin, tokens).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if ((req.url ?? '').startsWith('/api/')) sendError(res, 500, { message: 'Internal error', detail: String(err) });
      else sendHtml(res, 500, '<h1>Internal error</h1>');
    });
  });
  const listening = await listen(server, host, options.port);
  origin = listening.origin;

  return {
    url: origin,
    port: listening.port,
    state,
    setRecord(table, sysId, partial) {
      const rows = (state.records[table] ??= {});
      const row = (rows[sysId] ??= (TASK_TABLES as readonly string[]).includes(table)
        ? newTaskRow(state, table as TaskTable, sysId)
        : { sys_id: sysId, sys_class_name: table });
      for (const [k, v] of Object.entries(partial)) row[k] = String(v);
      row['sys_id'] = sysId;
      return row;
    },
    expireTokens(o = {}) {
      for (const t of state.tokens.access.values()) t.expiresAt = 0;
      if (o.refresh) for (const t of state.tokens.refresh.values()) t.expiresAt = 0;
    },
    reset: () => void Object.assign(state, createState(loadSeed(options.seed))),
    close: () => closeServer(server),
  };
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse, origin: string, tokens: TokenSettings): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const body = await readBody(req);
  if (url.pathname.startsWith('/api/')) return handleApi(state, req, res, url, body, origin);
  if (url.pathname === '/oauth_token.do') return handleToken(state, req, res, body, tokens);
  if (handleLogin(state, req, res, url, body)) return;
  if (handlePortal(state, req, res, url, origin)) return;
  if (url.pathname.startsWith('/api')) return sendError(res, 400, ERR.noResource);
  sendHtml(res, 404, `<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Page not found</h1><p>${escByCode(url.pathname)}</p></body></html>`);
}
