// The REST pipeline in front of every /restapi/json/v1 route: route lookup (unknown → servlet 404),
// AUTHTOKEN + registered-host + lock checks, orgName tenant selection, INPUT_DATA parsing.
import type { IncomingMessage } from 'node:http';
import { failed, type Envelope } from './envelope';
import { routes, type ApiContext } from './routes/index';
import { findOrg, homeOrg, type RecordedRequest, type State, type User } from './state';
import * as T from './texts';

export const API_PREFIX = '/restapi/json/v1/';

export type ApiOutcome = { kind: 'json'; body: Envelope } | { kind: 'status'; status: 404 | 405 };

/** INPUT_DATA from the body (POST/PUT/DELETE, urlencoded whatever the Content-Type) or the query. */
export function rawInputData(method: string, url: URL, body: string): string | null {
  if (method !== 'GET' && body) {
    const fromBody = new URLSearchParams(body).get('INPUT_DATA');
    if (fromBody !== null) return fromBody;
  }
  return url.searchParams.get('INPUT_DATA');
}

/** Strict JSON first; then the lenient single-quote form some clients send (research §1). */
export function parseInputData(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    if (raw.includes('"')) throw new Error('malformed');
    return JSON.parse(raw.replaceAll("'", '"'));
  }
}

export function remoteAddress(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

export function recordRequest(state: State, req: IncomingMessage, url: URL, body: string): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers[k] = k === 'authtoken' ? '<redacted>' : Array.isArray(v) ? v.join(', ') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== 'AUTHTOKEN' && k !== 'INPUT_DATA') query[k] = v;
  const raw = rawInputData(req.method ?? 'GET', url, body);
  let inputData: unknown;
  if (raw !== null) {
    try {
      inputData = parseInputData(raw);
    } catch {
      inputData = raw;
    }
  }
  const entry: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query,
    headers,
    inputData,
    remoteAddress: remoteAddress(req),
    at: new Date().toISOString(),
  };
  state.requests.push(entry);
}

function hostAllowed(user: User, remote: string): boolean {
  if (!user.allowedHosts) return true;
  const loopback = remote === '127.0.0.1' || remote === '::1';
  return user.allowedHosts.some((h) => h === remote || (h.toLowerCase() === 'localhost' && loopback));
}

export function handleApi(state: State, req: IncomingMessage, url: URL, body: string): ApiOutcome {
  const method = req.method ?? 'GET';
  const sub = url.pathname.slice(API_PREFIX.length);
  const candidates = url.pathname.startsWith(API_PREFIX) ? routes.filter((r) => r.pattern.test(sub)) : [];
  if (candidates.length === 0) return { kind: 'status', status: 404 };
  const route = candidates.find((r) => r.method === method);
  if (!route) return { kind: 'status', status: 405 };
  const json = (env: Envelope): ApiOutcome => ({ kind: 'json', body: env });

  const headerToken = req.headers['authtoken'];
  const token = (Array.isArray(headerToken) ? headerToken[0] : headerToken) ?? url.searchParams.get('AUTHTOKEN') ?? '';
  const user = token ? state.users.find((u) => u.token === token.trim()) : undefined;
  if (!user) return json(failed('Authentication', T.BAD_TOKEN));
  if (!hostAllowed(user, remoteAddress(req))) return json(failed('Authentication', T.HOST_NOT_ALLOWED));
  if (user.locked) return json(failed('Authentication', T.LOGIN_DISABLED));

  // orgName: display name or URL name, case-insensitive; absent = the user's own org.
  const orgHeader = req.headers['orgname'];
  const orgName = (Array.isArray(orgHeader) ? orgHeader[0] : orgHeader)?.trim();
  const org = orgName ? findOrg(state, orgName) : homeOrg(state, user);
  if (!org) return json(failed(route.name, T.unknownOrg(orgName ?? '')));
  if (!user.orgs.includes(org.urlName)) return json(failed(route.name, T.notInOrg(orgName ?? org.name)));

  let input: Record<string, unknown> = {};
  const raw = rawInputData(method, url, body);
  if (raw !== null && raw.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = parseInputData(raw);
    } catch {
      return json(failed(route.name, T.BAD_INPUT_DATA));
    }
    const details = (parsed as { operation?: { Details?: unknown } } | null)?.operation?.Details;
    if (details && typeof details === 'object' && !Array.isArray(details)) input = details as Record<string, unknown>;
  }

  const match = route.pattern.exec(sub);
  const params = (match?.slice(1) ?? []).map((p) => decodeURIComponent(p ?? ''));
  const ctx: ApiContext = { state, user, org, input, query: url.searchParams, params, method };
  return json(route.handler(ctx));
}
