// Who is calling, in both ways the product allows (research §1.5): a personal API key in the
// `authtoken` header (legacy `TECHNICIAN_KEY` header or query), or the web session that the
// login form creates (JSESSIONID, HttpOnly) used by SDP's own page code: `APICLIENT: sdp_web`,
// and on non-GET the double-submit CSRF value `sdpcsrfparam` = cookie `sdpcsrfcookie`.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeOrKeep, header, parseCookies } from '../shared/http-request';
import { redirect, sendHtml } from '../shared/http-reply';
import { returnPath } from '../shared/return-path';
import { renderLoginPage } from './pages/index';
import { technicianByKey, technicianByLogin, type Session, type State, type Technician } from './state';

export type Caller =
  | { auth: 'api-key'; tech: Technician }
  | { auth: 'session'; tech: Technician; session: Session }
  | { auth: 'none'; why: 'no-auth' | 'bad-key' };

export interface SignedIn {
  sid: string;
  session: Session;
  tech: Technician;
}

/** The session behind the JSESSIONID cookie, if it is live. */
export function sessionOf(state: State, req: IncomingMessage): SignedIn | undefined {
  const sid = cookiesOf(req)['JSESSIONID'];
  const session = sid ? state.sessions.get(sid) : undefined;
  const tech = session ? technicianByLogin(state, session.login) : undefined;
  return sid && session && tech ? { sid, session, tech } : undefined;
}

/** Cookie values URI-decoded where they can be, else as sent. */
function cookiesOf(req: IncomingMessage): Record<string, string> {
  return parseCookies(req.headers.cookie, decodeOrKeep);
}

/**
 * An API caller. A key, when sent, decides alone (a wrong key is refused even with a session).
 * A session counts only with `APICLIENT: sdp_web`, as SDP's API accepts it from its own pages.
 */
export function apiCaller(state: State, req: IncomingMessage, url: URL): Caller {
  const key = header(req, 'authtoken') ?? header(req, 'technician_key') ?? url.searchParams.get('TECHNICIAN_KEY') ?? undefined;
  if (key !== undefined) {
    const tech = technicianByKey(state, key);
    return tech ? { auth: 'api-key', tech } : { auth: 'none', why: 'bad-key' };
  }
  const signedIn = sessionOf(state, req);
  if (signedIn && header(req, 'apiclient')?.toLowerCase() === 'sdp_web') {
    return { auth: 'session', tech: signedIn.tech, session: signedIn.session };
  }
  return { auth: 'none', why: 'no-auth' };
}

/** Double-submit check for session writes: form field or query `sdpcsrfparam` = cookie = session's. */
export function csrfOk(req: IncomingMessage, url: URL, form: URLSearchParams, session: Session): boolean {
  const sent = form.get('sdpcsrfparam') ?? url.searchParams.get('sdpcsrfparam');
  const cookie = cookiesOf(req)['sdpcsrfcookie'];
  return Boolean(sent) && sent === cookie && sent === session.csrf;
}

/** Login / logout routes; false when the path is not one of them. */
export function handleLogin(state: State, req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  if (path === '/' && method === 'GET') {
    if (sessionOf(state, req)) redirect(res, '/WorkOrder.do');
    else sendHtml(res, 200, renderLoginPage());
    return true;
  }
  if ((path === '/j_security_check' || path === '/login') && method === 'POST') {
    const form = new URLSearchParams(body);
    const tech = technicianByLogin(state, form.get('j_username') ?? form.get('username') ?? '');
    const password = form.get('j_password') ?? form.get('password') ?? '';
    if (!tech || tech.password !== password) {
      // SDP shows the login form again; no cookie is set.
      sendHtml(res, 200, renderLoginPage());
      return true;
    }
    const sid = randomBytes(16).toString('hex').toUpperCase();
    const csrf = randomUUID();
    state.sessions.set(sid, { login: tech.login, csrf });
    // sdpcsrfcookie is readable by page script on purpose: SDP's own JS copies it into sdpcsrfparam.
    // After login: form `redirectTo`, else the login page's own `?redirectTo=`.
    redirect(res, returnPath(req, form, 'redirectTo', '/WorkOrder.do'), {
      'Set-Cookie': [`JSESSIONID=${sid}; Path=/; HttpOnly`, `sdpcsrfcookie=${csrf}; Path=/`],
    });
    return true;
  }
  if ((path === '/logout' || path === '/logout.do') && method === 'GET') {
    const signedIn = sessionOf(state, req);
    if (signedIn) state.sessions.delete(signedIn.sid);
    redirect(res, '/', { 'Set-Cookie': ['JSESSIONID=; Path=/; HttpOnly; Max-Age=0', 'sdpcsrfcookie=; Path=/; Max-Age=0'] });
    return true;
  }
  return false;
}
