// Who is calling, in the four ways ServiceNow allows (research §2.5):
// - Basic `Authorization: Basic user:password` (an integration user, or a technician);
// - OAuth `Authorization: Bearer <access token>` from /oauth_token.do (oauth.ts);
// - inbound REST API key `x-sn-apikey: <key>`, acting as the key's user;
// - the web session from login.do (JSESSIONID cookie) — for API calls only together with
//   `X-UserToken: <g_ck>`, the session's CSRF token (KB0565021); without it → 401.
// An Authorization header or API key, when sent, decides alone (a wrong one is refused even if
// a session cookie rides along).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { header, parseCookies } from '../shared/http-request';
import { redirect, sendHtml } from '../shared/http-reply';
import { returnPath } from '../shared/return-path';
import { renderLogin } from './pages/index';
import type { SeedUser } from './seed';
import { userByName, type AuthKind, type Session, type State } from './state';

export type Caller =
  | { auth: Exclude<AuthKind, 'none'>; user: SeedUser }
  | { auth: 'none'; why: 'no-auth' | 'bad-basic' | 'bad-token' | 'bad-key' | 'no-user-token' };

export interface SignedIn {
  sid: string;
  session: Session;
  user: SeedUser;
}

/** The live session behind the JSESSIONID cookie. */
export function sessionOf(state: State, req: IncomingMessage): SignedIn | undefined {
  const sid = parseCookies(req.headers.cookie)['JSESSIONID'];
  const session = sid ? state.sessions.get(sid) : undefined;
  const user = session ? userByName(state, session.user_name) : undefined;
  return sid && session && user ? { sid, session, user } : undefined;
}

/** Basic credentials → the user, when the password is right. */
export function checkPassword(state: State, userName: string, password: string): SeedUser | undefined {
  const user = userByName(state, userName);
  return user?.password !== undefined && user.password === password ? user : undefined;
}

/** Identifies an API caller. */
export function apiCaller(state: State, req: IncomingMessage, now = Date.now()): Caller {
  const authorization = header(req, 'authorization')?.trim();
  if (authorization) {
    const [scheme = '', value = ''] = authorization.split(/\s+/, 2);
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      const user = i > 0 ? checkPassword(state, decoded.slice(0, i), decoded.slice(i + 1)) : undefined;
      return user ? { auth: 'basic', user } : { auth: 'none', why: 'bad-basic' };
    }
    if (scheme.toLowerCase() === 'bearer') {
      const token = state.tokens.access.get(value);
      const user = token && token.expiresAt > now ? userByName(state, token.user_name) : undefined;
      return user ? { auth: 'bearer', user } : { auth: 'none', why: 'bad-token' };
    }
    return { auth: 'none', why: 'no-auth' };
  }
  const key = header(req, 'x-sn-apikey');
  if (key !== undefined) {
    const entry = state.apiKeys.find((k) => k.key === key.trim());
    const user = entry ? userByName(state, entry.user) : undefined;
    return user ? { auth: 'api-key', user } : { auth: 'none', why: 'bad-key' };
  }
  const signedIn = sessionOf(state, req);
  if (signedIn) {
    return header(req, 'x-usertoken') === signedIn.session.gck ? { auth: 'session', user: signedIn.user } : { auth: 'none', why: 'no-user-token' };
  }
  return { auth: 'none', why: 'no-auth' };
}

/**
 * `glide_user_route` pins the browser to one application node; SN Utils detects an instance by it
 * [C]. Set with the login page and the session.
 */
function routeCookie(): string {
  return `glide_user_route=glide.${randomBytes(16).toString('hex')}; Path=/; HttpOnly`;
}

/** login.do / logout.do; false when the path is neither. */
export function handleLogin(state: State, req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean {
  const method = req.method ?? 'GET';
  if (url.pathname === '/login.do' && method === 'GET') {
    const goto = url.searchParams.get('sysparm_goto_url');
    sendHtml(res, 200, renderLogin(goto ? { goto } : {}), { 'Set-Cookie': [routeCookie()] });
    return true;
  }
  if (url.pathname === '/login.do' && method === 'POST') {
    const form = new URLSearchParams(body);
    const user = checkPassword(state, form.get('user_name') ?? '', form.get('user_password') ?? '');
    if (!user || user.webServiceOnly) {
      // Wrong password, or a web-service-only user: the login page again, no session [I: text].
      const goto = form.get('sysparm_goto_url');
      sendHtml(res, 200, renderLogin({ error: 'User name or password invalid', ...(goto ? { goto } : {}) }));
      return true;
    }
    const sid = randomBytes(16).toString('hex').toUpperCase();
    state.sessions.set(sid, { user_name: user.user_name, gck: randomBytes(32).toString('hex'), tabs: [] });
    // After login: form or login-page query `sysparm_goto_url` [I], else the incident list.
    redirect(res, returnPath(req, form, 'sysparm_goto_url', '/incident_list.do'), { 'Set-Cookie': [`JSESSIONID=${sid}; Path=/; HttpOnly`, routeCookie()] });
    return true;
  }
  if (url.pathname === '/logout.do' && method === 'GET') {
    const signedIn = sessionOf(state, req);
    if (signedIn) state.sessions.delete(signedIn.sid);
    redirect(res, '/login.do', { 'Set-Cookie': ['JSESSIONID=; Path=/; HttpOnly; Max-Age=0'] });
    return true;
  }
  return false;
}
