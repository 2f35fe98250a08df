// ServiceDesk Plus stand-in: a real HTTP server on loopback that answers like SDP on-prem as
// research/itsm-portals.md §1 describes it — v3 API (envelopes, string ids, input_data),
// API-key and session authentication with SDP's CSRF double-submit, and the web client's
// pages (rendered by ./pages). Plus test hooks: live state, setRequest/setChange, reset.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from '../shared/http-request';
import { sendHtml } from '../shared/http-reply';
import { closeServer, listen } from '../shared/listen';
import { handleApi } from './api';
import { handleLogin } from './auth';
import { MSG, sendFailure, tomcat404 } from './http';
import { handlePortal } from './portal';
import { loadSeed, type Seed } from './seed';
import { createState, type State, type V3Change, type V3Request } from './state';

export type { Seed } from './seed';
export type { ApiCall, NoteRecord, State, V3ApprovalLevel, V3Change, V3Request } from './state';

export interface SdpStandInOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default '127.0.0.1' (e2e uses '127.0.0.2' so SDP and PAM360 are different origins). */
  host?: string;
  /** A seed object or a path to a seed JSON file (default: seed.json next to this file). */
  seed?: Seed | string;
  /** Default for the pages' `lateMs` (details fetched by page script after this delay); `?lateMs=` wins. */
  lateMs?: number;
  /** Answer 415 to API calls whose Accept is missing or a bare wildcard (seen on one Cloud server [P]). Default false. */
  strictAccept?: boolean;
}

export interface SdpStandIn {
  /** Origin, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  /** Live data; mutate freely in tests. */
  state: State;
  /** Merges into request `id` (created as a bare open request when missing); returns it. */
  setRequest(id: string, partial: Partial<V3Request>): V3Request;
  /** Merges into change `id` (created as a bare submission-stage change when missing); returns it. */
  setChange(id: string, partial: Partial<V3Change>): V3Change;
  /** Reloads the seed, with times relative to now; sessions, notes and the call log are cleared. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts the stand-in; resolves once it listens. */
export async function startSdpStandIn(options: SdpStandInOptions = {}): Promise<SdpStandIn> {
  const host = options.host ?? '127.0.0.1';
  const seed = loadSeed(options.seed);
  const state = createState(seed);
  const lateMs = options.lateMs ?? 0;
  const strictAccept = options.strictAccept ?? false;

  const server: Server = createServer((req, res) => {
    handle(state, req, res, lateMs, strictAccept).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if ((req.url ?? '').startsWith('/api/')) sendFailure(res, { ...MSG.internal, message: `Internal error: ${String(err)}` }, 500);
      else sendHtml(res, 500, `<h1>HTTP Status 500 – Internal Server Error</h1>`);
    });
  });
  const { port, origin } = await listen(server, host, options.port);

  return {
    url: origin,
    port,
    state,
    setRequest(id, partial) {
      const r = (state.requests[id] ??= { id, display_id: id, subject: '', status: { id: '2', name: 'Open' }, assets: [] });
      return Object.assign(r, partial, { id });
    },
    setChange(id, partial) {
      const c = (state.changes[id] ??= {
        id, display_id: `CH-${id}`, title: '', stage: { name: 'Submission', internal_name: 'submission', stage_index: 1 },
        status: { name: 'Requested' }, approval_status: { name: 'Pending Approval' }, assets: [], configuration_items: [],
      });
      state.approvalLevels[id] ??= [];
      return Object.assign(c, partial, { id });
    },
    reset: () => void Object.assign(state, createState(loadSeed(options.seed))),
    close: () => closeServer(server),
  };
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse, lateMs: number, strictAccept: boolean): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const body = await readBody(req);
  if (url.pathname.startsWith('/api/')) return handleApi(state, req, res, url, body, strictAccept);
  if (handleLogin(state, req, res, url, body)) return;
  if (handlePortal(state, req, res, url, lateMs)) return;
  tomcat404(res, url.pathname);
}
