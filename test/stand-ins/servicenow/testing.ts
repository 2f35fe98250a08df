// Helpers for the stand-in's own tests (and e2e): the seeded credentials, and calls made the way
// ServiceNow clients make them — Basic, Bearer, x-sn-apikey, or the login session + X-UserToken.
import type { State } from './state';

/** Seeded credentials (test data; printing them is the point). */
export const CREDENTIALS = {
  alice: { user: 'alice', password: 'Alice#2024' },
  bob: { user: 'bob', password: 'Bob#2024' },
  /** Integration user: API only (web-service access only), cannot use login.do. */
  svc: { user: 'svc_pambridge', password: 'PamBridge#2024' },
  oauth: { clientId: '25f67258303bbfd97419a7c630be666e', clientSecret: 'PamBridge-OAuth-Secret-2024' },
  /** Acts as svc_pambridge. */
  apiKey: 'now_8f75ca642e0ba950f808ce655017f6c0b86258526383',
} as const;

export type Auth =
  | { basic: { user: string; password: string } }
  | { bearer: string }
  | { apiKey: string }
  | { session: SessionCookies; userToken?: string | false };

export interface SessionCookies {
  /** Ready for a Cookie header. */
  cookie: string;
  sid: string;
}

export interface CallOptions {
  method?: 'GET' | 'PATCH' | 'PUT' | 'POST' | 'DELETE';
  auth?: Auth;
  json?: unknown;
  /** Raw body text (overrides json). */
  body?: string;
  headers?: Record<string, string>;
  /** The session's g_ck, to send as X-UserToken with `session` auth (tests read it from state). */
  state?: State;
}

/** Headers for one auth mode. With a session, X-UserToken is the session's g_ck unless told otherwise. */
export function authHeaders(auth: Auth | undefined, state?: State): Record<string, string> {
  if (!auth) return {};
  if ('basic' in auth) return { Authorization: `Basic ${Buffer.from(`${auth.basic.user}:${auth.basic.password}`).toString('base64')}` };
  if ('bearer' in auth) return { Authorization: `Bearer ${auth.bearer}` };
  if ('apiKey' in auth) return { 'x-sn-apikey': auth.apiKey };
  const headers: Record<string, string> = { Cookie: auth.session.cookie };
  const token = auth.userToken ?? (state ? state.sessions.get(auth.session.sid)?.gck : undefined);
  if (token) headers['X-UserToken'] = token;
  return headers;
}

export async function call(base: string, path: string, o: CallOptions = {}): Promise<Response> {
  const method = o.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(o.auth, o.state), ...o.headers };
  const body = o.body ?? (o.json === undefined ? undefined : JSON.stringify(o.json));
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(new URL(path, base), { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }) });
}

/** Status + parsed JSON body. */
export async function json(base: string, path: string, o: CallOptions = {}): Promise<{ status: number; body: any }> {
  const res = await call(base, path, o);
  return { status: res.status, body: await res.json() };
}

/** Signs in through login.do; throws when no session was made. */
export async function login(base: string, user: string, password: string): Promise<SessionCookies> {
  const res = await fetch(new URL('/login.do', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_name: user, user_password: password, sys_action: 'sysverb_login' }).toString(),
    redirect: 'manual',
  });
  const sid = res.headers.getSetCookie().map((c) => /^JSESSIONID=([^;]+)/.exec(c)?.[1]).find(Boolean);
  if (!sid) throw new Error(`login as ${user} failed (HTTP ${res.status})`);
  return { cookie: `JSESSIONID=${sid}`, sid };
}

/** POST /oauth_token.do with a urlencoded form. */
export async function oauthToken(base: string, form: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await fetch(new URL('/oauth_token.do', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: await res.json() };
}
