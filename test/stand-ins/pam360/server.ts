// PAM360 stand-in: a real HTTP(S) server on loopback that answers like PAM360 as
// research/pam360-api.md documents it (envelopes, error texts, string IDs, missing Details),
// plus the web console pages used for session launches, plus test-only hooks and fault switches.
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBody } from '../shared/http-request';
import { sendHtml } from '../shared/http-reply';
import { closeServer, listen } from '../shared/listen';
import { handleApi, recordRequest } from './api';
import { handleConsole } from './console';
import { isHarmful, page, sendEnvelope, sendHarmful, servletError } from './envelope';
import { mergeFaults, noFaults, SSO_LOGIN_PAGE, take, takeLatency, type Faults } from './faults';
import { loadSeed, type Seed } from './seed';
import { addAudit, createState, findUser, resourceOf, type State, type Ticket } from './state';
import { makeSelfSignedCert } from './tls';

export type { Faults, FaultScope, FaultSwitch } from './faults';
export type { Seed } from './seed';
export type { AccessRequest, AuditEntry, LaunchRecord, RecordedRequest, State } from './state';

export interface Pam360StandInOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  host?: string;
  https?: boolean;
  /** A seed object or a path to a seed JSON file (default: seed.json next to this file). */
  seed?: Seed | string;
}

export interface Pam360StandIn {
  /** Origin, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  /** PEM of the self-signed certificate when https is on (trust it in clients that can). */
  certPem?: string;
  /** Live data; mutate freely in tests. */
  state: State;
  faults: Faults;
  setFaults(partial: Partial<Faults>): void;
  resetFaults(): void;
  /** Approves waiting requests for the account (only `user`'s if given); returns how many. */
  approve(accountId: string, opts?: { by?: string; user?: string }): number;
  /** Rejects waiting/approved requests for the account; returns how many. */
  reject(accountId: string, opts?: { by?: string; user?: string }): number;
  /** Checks a checked-out account back in (status returns to [Request]); returns how many. */
  checkIn(accountId: string, opts?: { user?: string }): number;
  /** Updates or creates a ticket in the registry. */
  setTicket(id: string, partial: Partial<Omit<Ticket, 'id'>>): Ticket;
  setTicketingDown(down: boolean): void;
  /** Current API token of a user (changes after regenerateAuthtoken). */
  tokenOf(username: string): string;
  /** Reloads the seed (data only; faults are kept — use resetFaults). */
  reset(): void;
  close(): Promise<void>;
}

export async function startPam360StandIn(options: Pam360StandInOptions = {}): Promise<Pam360StandIn> {
  const host = options.host ?? '127.0.0.1';
  const state = createState(loadSeed(options.seed));
  const faults = noFaults();
  const tls = options.https ? makeSelfSignedCert() : undefined;
  const secure = Boolean(tls);

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(state, faults, secure, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendHtml(res, 500, page('HTTP Status 500', `<h1>HTTP Status 500 – Internal Server Error</h1><p>${String(err)}</p>`));
      else res.destroy();
    });
  };
  const server: Server = tls ? createHttps({ key: tls.key, cert: tls.cert }, onRequest) : createHttp(onRequest);
  const { port, origin } = await listen(server, host, options.port, secure ? 'https' : 'http');

  const requestsFor = (accountId: string, user: string | undefined, statuses: string[]) =>
    state.accessRequests.filter((q) => q.accountId === accountId && statuses.includes(q.status) && (!user || q.username === user));
  const auditFor = (accountId: string, op: string, by: string) => {
    const a = state.accounts.find((x) => x.id === accountId);
    if (!a) throw new Error(`PAM360 stand-in: no account ${accountId}`);
    addAudit(state, op, by, { 'Resource Name': resourceOf(state, a).name, 'Account Name': a.name, 'Client Type': 'Web' });
  };

  return {
    url: origin,
    port,
    ...(tls ? { certPem: tls.cert } : {}),
    state,
    faults,
    setFaults: (partial) => mergeFaults(faults, partial),
    resetFaults: () => mergeFaults(faults, noFaults()),
    approve(accountId, opts = {}) {
      const list = requestsFor(accountId, opts.user, ['waiting']);
      for (const q of list) {
        q.status = 'approved';
        q.approvedBy = opts.by ?? 'admin';
        auditFor(accountId, 'Password Request Approved', q.approvedBy);
      }
      return list.length;
    },
    reject(accountId, opts = {}) {
      const list = requestsFor(accountId, opts.user, ['waiting', 'approved']);
      state.accessRequests = state.accessRequests.filter((q) => !list.includes(q));
      list.forEach(() => auditFor(accountId, 'Password Request Rejected', opts.by ?? 'admin'));
      return list.length;
    },
    checkIn(accountId, opts = {}) {
      const list = requestsFor(accountId, opts.user, ['approved', 'checkedOut']);
      state.accessRequests = state.accessRequests.filter((q) => !list.includes(q));
      for (const q of list) auditFor(accountId, 'Password Checked In', q.username);
      return list.length;
    },
    setTicket(id, partial) {
      let t = state.tickets.find((x) => x.id === id);
      if (!t) state.tickets.push((t = { id, state: 'open', requester: '' }));
      Object.assign(t, partial);
      return t;
    },
    setTicketingDown: (down) => void (state.ticketingDown = down),
    tokenOf(username) {
      const u = findUser(state, username);
      if (!u) throw new Error(`PAM360 stand-in: no user ${username}`);
      return u.token;
    },
    reset: () => void Object.assign(state, createState(loadSeed(options.seed))),
    close: () => closeServer(server),
  };
}

/** One request: record → proxy-level faults → input sanitiser → API or console. */
async function handle(state: State, faults: Faults, secure: boolean, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const path = url.pathname;
  const body = await readBody(req);
  const isApi = path.startsWith('/restapi/');
  if (isApi) recordRequest(state, req, url, body);

  const delay = takeLatency(faults, path);
  if (delay > 0) await sleep(delay);
  if (take(faults, 'drop', path)) return void req.socket.destroy();
  if (take(faults, 'status5xx', path)) return servletError(res, 503, path);
  if (take(faults, 'htmlLogin', path)) return sendHtml(res, 200, SSO_LOGIN_PAGE);
  const malformed = take(faults, 'malformed', path);

  const values = [...url.searchParams.values(), ...new URLSearchParams(body).values()];
  if (isHarmful(...values, body)) return sendHarmful(res);

  if (isApi) {
    const out = handleApi(state, req, url, body);
    if (out.kind === 'status') return servletError(res, out.status, path);
    return sendEnvelope(res, out.body, malformed);
  }
  if (!handleConsole(state, req, res, url, body, secure)) servletError(res, 404, path);
}
