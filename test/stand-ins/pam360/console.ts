// The PAM360 web console, just enough for session-launch tests: login page, session cookie
// (JSESSIONID) + CSRF cookie (pmpcc), and the launch pages the vendor extension form-POSTs to
// (rdp.ma / ssh.ma / VirtualTerminalMenu.ma with pmpcp = pmpcc; research §2.9).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { esc as e } from '../shared/html-escape';
import { parseCookies } from '../shared/http-request';
import { redirect, sendHtml } from '../shared/http-reply';
import { page, servletError } from './envelope';
import {
  accountAccess, addAudit, canSeeResource, findUser, myRequest, passwordStatus, randomHex, resourceOf,
  type ConsoleSession, type State, type User,
} from './state';
import * as T from './texts';

const LAUNCH_PAGES: Record<string, string[]> = {
  '/rdp.ma': ['RDP'],
  '/ssh.ma': ['SSH'],
  '/VirtualTerminalMenu.ma': ['SSH', 'Telnet'],
};
/** A launch may use a validateHelpDeskID verdict this recent. */
const VALIDATION_WINDOW_MS = 10 * 60_000;

function loginPage(error = ''): string {
  return page(
    'PAM360',
    `<h1>PAM360</h1>${error ? `<p role="alert">${e(error)}</p>` : ''}` +
      '<form method="post" action="/login">' +
      '<label for="username">Username</label> <input id="username" name="username" autocomplete="username"> ' +
      '<label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password"> ' +
      '<button type="submit">Sign in</button></form>',
  );
}

function errorPage(res: ServerResponse, status: number, message: string): void {
  sendHtml(res, status, page('PAM360 - Error', `<h1>PAM360</h1><p role="alert">${e(message)}</p>`));
}

/** Cookie values URI-decoded; a malformed one throws (the server answers 500), as it always has here. */
function cookiesOf(req: IncomingMessage): Record<string, string> {
  return parseCookies(req.headers.cookie, decodeURIComponent);
}

function sessionOf(state: State, req: IncomingMessage): { session: ConsoleSession; user: User; cookies: Record<string, string> } | null {
  const cookies = cookiesOf(req);
  const session = cookies['JSESSIONID'] ? state.sessions.get(cookies['JSESSIONID']) : undefined;
  const user = session ? findUser(state, session.username) : undefined;
  return session && user && !user.locked ? { session, user, cookies } : null;
}

/** Returns false when the path is not a console path (caller answers 404). */
export function handleConsole(state: State, req: IncomingMessage, res: ServerResponse, url: URL, body: string, secure: boolean): boolean {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const signedIn = sessionOf(state, req);
  const flags = `Path=/${secure ? '; Secure' : ''}`;

  if (path === '/' && method === 'GET') {
    if (signedIn) redirect(res, '/home');
    else sendHtml(res, 200, loginPage());
    return true;
  }
  if (path === '/login' && method === 'POST') {
    const form = new URLSearchParams(body);
    const user = findUser(state, form.get('username') ?? '');
    if (!user || user.password !== (form.get('password') ?? '')) {
      sendHtml(res, 200, loginPage('Invalid username or password.'));
    } else if (user.locked) {
      sendHtml(res, 200, loginPage(T.LOGIN_DISABLED));
    } else {
      const sid = randomHex(16);
      const csrf = randomUUID();
      state.sessions.set(sid, { username: user.username, csrf });
      // pmpcc deliberately has no SameSite attribute (as the real console's CSRF cookie).
      redirect(res, '/home', { 'Set-Cookie': [`JSESSIONID=${sid}; ${flags}; HttpOnly`, `pmpcc=${csrf}; ${flags}`] });
    }
    return true;
  }
  if (path === '/home' && method === 'GET') {
    if (!signedIn) redirect(res, '/');
    else sendHtml(res, 200, page('PAM360 - Home', `<h1>PAM360</h1><p>Signed in as <b>${e(signedIn.user.fullName)}</b> (${e(signedIn.user.username)})</p><a href="/logout">Sign out</a>`));
    return true;
  }
  if (path === '/logout' && method === 'GET') {
    const sid = cookiesOf(req)['JSESSIONID'];
    if (sid) state.sessions.delete(sid);
    redirect(res, '/', { 'Set-Cookie': [`JSESSIONID=; ${flags}; HttpOnly; Max-Age=0`, `pmpcc=; ${flags}; Max-Age=0`] });
    return true;
  }
  const protocols = LAUNCH_PAGES[path];
  if (!protocols) return false;
  if (method !== 'POST') servletError(res, 405, path);
  else if (!signedIn) redirect(res, '/');
  else launch(state, res, url, new URLSearchParams(body), signedIn, path, protocols);
  return true;
}

function launch(
  state: State, res: ServerResponse, url: URL, form: URLSearchParams,
  { session, user, cookies }: { session: ConsoleSession; user: User; cookies: Record<string, string> },
  pagePath: string, protocols: string[],
): void {
  const pmpcp = form.get('pmpcp') ?? '';
  if (!pmpcp || pmpcp !== cookies['pmpcc'] || pmpcp !== session.csrf) {
    return errorPage(res, 403, 'Invalid request: the security token (pmpcp) does not match your session.');
  }
  const protocol = url.searchParams.get('PROTOCOL') ?? '';
  const consoleOn = url.searchParams.get('console') === 'on';
  if (!protocols.includes(protocol)) return errorPage(res, 400, `Protocol '${protocol}' is not supported by this page.`);
  const a = state.accounts.find((x) => x.id === url.searchParams.get('accountId') && x.resourceId === url.searchParams.get('resourceId'));
  const r = a ? resourceOf(state, a) : undefined;
  if (!a || !r || !canSeeResource(user, r) || !user.orgs.includes(r.org) || accountAccess(state, user, a) === 'none') {
    return errorPage(res, 404, 'The resource or account does not exist or is not shared with you.');
  }
  const needed = protocol === 'RDP' ? (consoleOn ? 'RDP Console Session' : 'Windows Remote Desktop') : protocol;
  const restricted = protocol === 'RDP' ? r.rdpRestricted : r.sshRestricted;
  if (!r.dnsName || restricted || r.localAccountsAutologonRestricted || !a.autologon.includes(needed)) {
    return errorPage(res, 403, `Remote connection (${protocol}) is not allowed for ${r.name}.`);
  }
  const status = passwordStatus(state, user, a);
  if (a.accessControl && status !== '[Check Out]' && status !== '****[Check In]') {
    return errorPage(res, 403, `${T.UNDER_ACCESS_CONTROL} (status: ${status})`);
  }
  const v = [...state.validations].reverse().find((x) => x.username === user.username && x.accountId === a.id && Date.now() - x.at < VALIDATION_WINDOW_MS);
  if (a.ticketRequired && a.ticketMandatory && !v?.ticketId) {
    return errorPage(res, 403, 'A valid ticket ID is required to launch this session. Validate the ticket first.');
  }
  const mine = myRequest(state, user, a);
  if (mine?.status === 'approved') mine.status = 'checkedOut';
  const record = {
    protocol, page: pagePath.slice(1), resourceId: r.id, accountId: a.id, resourceName: r.name, accountName: a.name,
    user: user.username, console: consoleOn, ticketId: v?.ticketId ?? '', reason: v?.reason ?? '', at: new Date().toISOString(),
  };
  state.launches.push(record);
  addAudit(state, 'Remote Session Launched', user.username, {
    'Resource Name': r.name, 'Account Name': a.name, 'Ticket ID': record.ticketId, Reason: record.reason, 'Client Type': `Web (${protocol})`,
  });
  sendHtml(res, 200, page(
    `PAM360 - ${protocol} session`,
    `<h1>Remote session (${e(protocol)}) to ${e(r.name)} as ${e(a.name)}</h1>` +
      `<dl><dt>Host</dt><dd>${e(r.dnsName)}</dd><dt>User</dt><dd>${e(user.username)}</dd>` +
      `<dt>Console</dt><dd>${consoleOn ? 'yes' : 'no'}</dd><dt>Ticket</dt><dd>${e(record.ticketId || '-')}</dd></dl>`,
  ));
}
