// POST /oauth_token.do (research §2.5 [I]): an Application Registry client (client_id +
// client_secret) with the password grant or the refresh-token grant, answering
// `{access_token, refresh_token, scope, token_type: "Bearer", expires_in}`.
// Refresh tokens rotate: a refresh answers a new access token AND a new refresh token, and the
// old refresh token is dead from then on — so two callers racing with the same refresh token
// get one success and one failure, which is the case the product must survive. (Whether an
// instance rotates depends on its OAuth settings [I]; rotation is the harder case.)
// Errors: a wrong client or user → 401 `{"error":"server_error","error_description":"access_denied"}`
// (ServiceNow does not say which, and puts the reason in the description [P: the body integrations quote]);
// [I] an unknown, used or expired refresh token → 400 `invalid_grant` (RFC 6749 §5.2); any other
// grant → 400 `unsupported_grant_type`.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { header } from '../shared/http-request';
import { sendJson } from '../shared/http-reply';
import { checkPassword } from './auth';
import type { State, Token } from './state';

export interface TokenSettings {
  /** Access-token lifetime, seconds (ServiceNow's default is 1800 [I]). */
  accessTtl: number;
  /** Refresh-token lifetime, seconds (default 100 days [I]). */
  refreshTtl: number;
  /** Hand out a new refresh token on every refresh and kill the old one. */
  rotate: boolean;
}

const token = () => randomBytes(48).toString('base64url');

function fail(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
}

/** Client credentials from the form, or from `Authorization: Basic` (RFC 6749 §2.3.1). */
function clientOf(req: IncomingMessage, form: URLSearchParams): { id: string; secret: string } {
  const auth = header(req, 'authorization') ?? '';
  if (/^basic\s/i.test(auth)) {
    const decoded = Buffer.from(auth.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
  }
  return { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
}

export function handleToken(state: State, req: IncomingMessage, res: ServerResponse, body: string, settings: TokenSettings, now = Date.now()): void {
  if ((req.method ?? 'GET') !== 'POST') return fail(res, 405, 'invalid_request', 'POST only');
  const form = new URLSearchParams(body);
  const client = clientOf(req, form);
  const known = state.oauthClients.find((c) => c.client_id === client.id);
  if (!known || known.client_secret !== client.secret) return fail(res, 401, 'server_error', 'access_denied');

  let userName: string;
  switch (form.get('grant_type')) {
    case 'password': {
      const user = checkPassword(state, form.get('username') ?? '', form.get('password') ?? '');
      if (!user) return fail(res, 401, 'server_error', 'access_denied');
      userName = user.user_name;
      break;
    }
    case 'refresh_token': {
      const old = form.get('refresh_token') ?? '';
      const entry = state.tokens.refresh.get(old);
      if (!entry || entry.client_id !== client.id || entry.expiresAt <= now) return fail(res, 400, 'invalid_grant', 'Invalid refresh token');
      userName = entry.user_name;
      if (settings.rotate) state.tokens.refresh.delete(old);
      else return issue(res, state, settings, now, userName, client.id, old);
      break;
    }
    default:
      return fail(res, 400, 'unsupported_grant_type', 'Unsupported grant type');
  }
  issue(res, state, settings, now, userName, client.id);
}

function issue(res: ServerResponse, state: State, s: TokenSettings, now: number, user_name: string, client_id: string, keepRefresh?: string): void {
  const access = token();
  const refresh = keepRefresh ?? token();
  const entry = (ttl: number): Token => ({ user_name, client_id, expiresAt: now + ttl * 1000 });
  state.tokens.access.set(access, entry(s.accessTtl));
  if (!keepRefresh) state.tokens.refresh.set(refresh, entry(s.refreshTtl));
  sendJson(res, 200, {
    access_token: access, refresh_token: refresh, scope: 'useraccount', token_type: 'Bearer', expires_in: s.accessTtl,
  }, { 'Cache-Control': 'no-store' });
}
