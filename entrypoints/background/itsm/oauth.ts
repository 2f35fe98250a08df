/**
 * OAuth 2.0 for ServiceNow connectors (research/itsm-portals.md §2.5: `/oauth_token.do`, client
 * from the Application Registry, password and refresh-token grants). Background only.
 *
 * - On save: `signInWithPassword` runs the password grant once. The password is sent to the
 *   token endpoint and dropped; the refresh token (+ access token and its expiry) is what the
 *   caller seals in the connector's slot (credentials.ts).
 * - At call time: `accessTokenFor` uses the saved access token until ~60 s before it expires,
 *   then refreshes and STORES the rotated refresh token before the new access token is used.
 * - Refresh races are impossible by construction: per connector one token operation at a time
 *   (an in-flight promise map in the worker; concurrent callers await the same promise), so a
 *   rotated refresh token is never used twice. A refresh that comes back after the slot was
 *   changed by a save does not overwrite the new sign-in.
 * - `refreshAfterRejection` is for a 401 on an API call with a token we believed valid: one
 *   forced refresh (shared with concurrent callers); the transport retries once, never loops.
 */
import { networkErrorText } from '../network-error';
import { deadline } from '../deadline';
import * as z from 'zod';
import type { Connector } from '@/utils/config/schema';
import { readCredential, writeCredential, type OAuthCredential } from './credentials';
import { ItsmError } from './types';

/** A saved access token is used until this long before its expiry. */
export const ACCESS_MARGIN_MS = 60_000;
/** ServiceNow's default access-token lifespan, used when an answer has no expires_in. */
export const DEFAULT_EXPIRES_IN_S = 1800;
export const OAUTH_TIMEOUT_MS = 15_000;
export const TOKEN_PATH = '/oauth_token.do';

export const OAUTH_GRANT_REFUSED =
  'ServiceNow refused the saved OAuth grant; open PAM Bridge settings, edit the connector and sign in again';
export const OAUTH_CLIENT_REFUSED =
  'ServiceNow refused the OAuth client; open PAM Bridge settings, edit the connector and check the client ID and client secret';

export interface OAuthDeps {
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

/** What the API transport asks for; the tokens never leave the background. */
export interface OAuthTokenSource {
  accessToken(): Promise<string>;
  /** After a 401 with `stale`: a new token (refreshed once, or one a concurrent caller got). */
  refreshAfterRejection(stale: string): Promise<string>;
}

const tokenAnswerSchema = z.object({
  // Checked here, not only when used: a token no header can carry must not be saved at all.
  access_token: z.string().regex(/^[\x21-\x7e]{1,8192}$/),
  refresh_token: z.string().min(1).max(8192).optional(),
  expires_in: z.union([z.number(), z.string().regex(/^\d{1,9}$/).transform(Number)]).optional(),
  token_type: z.string().max(40).optional(),
});
type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

const errorAnswerSchema = z.object({
  error: z.string().max(200).optional(),
  error_description: z.string().max(500).optional(),
});

type Problem = 'client' | 'grant' | 'denied' | 'unsupported-grant' | 'not-found' | 'unreachable' | 'unexpected';
type TokenResult = { ok: true; answer: TokenAnswer } | { ok: false; problem: Problem; detail: string };

/** POSTs one grant to the token endpoint (urlencoded, cookies omitted, redirects not followed). */
async function requestToken(connector: Connector, form: Record<string, string>, deps: OAuthDeps): Promise<TokenResult> {
  const doFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = deps.timeoutMs ?? OAUTH_TIMEOUT_MS;
  const url = new URL(connector.baseUrl).origin + TOKEN_PATH;
  const limit = deadline(timeoutMs);
  let status: number;
  let body: string;
  try {
    const response = await doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      credentials: 'omit', // the client and user credentials are the only identity
      redirect: 'manual', // a redirect here is a sign-in page or proxy: never send the form on
      cache: 'no-store',
      signal: limit.signal,
    });
    if (response.type === 'opaqueredirect') return { ok: false, problem: 'unexpected', detail: 'redirected (a sign-in page or proxy?)' };
    status = response.status;
    body = await response.text();
  } catch (error) {
    const detail = limit.expired() ? `timed out after ${timeoutMs} ms` : `network error: ${networkErrorText(error)}`;
    return { ok: false, problem: 'unreachable', detail };
  } finally {
    limit.clear();
  }

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    const parsed = tokenAnswerSchema.safeParse(json);
    if (parsed.success) return { ok: true, answer: parsed.data };
    return { ok: false, problem: 'unexpected', detail: `HTTP ${status}: no access_token in the answer` };
  }
  const err = errorAnswerSchema.safeParse(json);
  const code = err.success ? (err.data.error ?? '') : '';
  const description = err.success ? (err.data.error_description ?? '') : '';
  const detail = `HTTP ${status}${code ? ` ${code}` : ''}${description ? `: ${description}` : ''}`;
  if (code === 'invalid_client' || code === 'unauthorized_client') return { ok: false, problem: 'client', detail };
  if (code === 'invalid_grant') return { ok: false, problem: 'grant', detail };
  if (code === 'unsupported_grant_type') return { ok: false, problem: 'unsupported-grant', detail };
  // ServiceNow answers a wrong client, user or refresh token alike: 401 server_error / access_denied.
  if (status === 401 || status === 400 || code === 'access_denied' || description === 'access_denied') return { ok: false, problem: 'denied', detail };
  if (status === 404) return { ok: false, problem: 'not-found', detail };
  return { ok: false, problem: 'unexpected', detail };
}

function expiresAt(answer: TokenAnswer, now: number): number {
  const seconds = answer.expires_in !== undefined && Number.isFinite(answer.expires_in) && answer.expires_in > 0 ? answer.expires_in : DEFAULT_EXPIRES_IN_S;
  return now + Math.floor(seconds * 1000);
}

// ---------------------------------------------------------------------------------------------
// Save time: the password grant

export type SignInField = 'baseUrl' | 'clientId' | 'clientSecret' | 'username' | 'password';

/** Why the sign-in on save failed; `field` is the form field to point at. Never holds a secret. */
export class OAuthSignInError extends Error {
  constructor(
    readonly field: SignInField,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'OAuthSignInError';
  }
}

/**
 * Runs the password grant once and returns the credential to seal. The password is used for this
 * one request only. Rejects with OAuthSignInError naming the problem; nothing is stored here.
 */
export async function signInWithPassword(
  connector: Connector,
  secrets: { clientSecret: string; password: string },
  deps: OAuthDeps = {},
): Promise<OAuthCredential> {
  const clientId = connector.auth.clientId ?? '';
  const username = connector.auth.username ?? '';
  const origin = new URL(connector.baseUrl).origin;
  const result = await requestToken(
    connector,
    { grant_type: 'password', client_id: clientId, client_secret: secrets.clientSecret, username, password: secrets.password },
    deps,
  );
  const now = (deps.now ?? Date.now)();
  if (result.ok) {
    const { answer } = result;
    if (!answer.refresh_token) {
      throw new OAuthSignInError(
        'clientId',
        'ServiceNow signed in but issued no refresh token for this OAuth client; check the client’s refresh token lifespan in the Application Registry.',
      );
    }
    return { clientSecret: secrets.clientSecret, refreshToken: answer.refresh_token, accessToken: answer.access_token, accessExpiresAt: expiresAt(answer, now) };
  }
  const { detail } = result;
  switch (result.problem) {
    case 'client':
      throw new OAuthSignInError('clientSecret', 'ServiceNow refused the OAuth client: check the client ID and client secret from System OAuth › Application Registry.', detail);
    case 'grant':
      throw new OAuthSignInError('password', `ServiceNow refused the username or password for ${username}.`, detail);
    case 'denied':
      throw new OAuthSignInError(
        'password',
        'ServiceNow refused the sign-in: the client ID, client secret, username or password is wrong (ServiceNow does not say which). Users who sign in only through SSO have no local password.',
        detail,
      );
    case 'unsupported-grant':
      throw new OAuthSignInError('clientId', 'ServiceNow does not allow sign-in with a password for this OAuth client.', detail);
    case 'not-found':
      throw new OAuthSignInError('baseUrl', `ServiceNow has no OAuth token endpoint at ${origin}${TOKEN_PATH}; check the portal URL and that OAuth is active on the instance.`, detail);
    case 'unreachable':
      throw new OAuthSignInError('baseUrl', `Cannot reach ${origin} to sign in.`, detail);
    default:
      throw new OAuthSignInError('baseUrl', `${origin} answered the OAuth sign-in with something unexpected; check that the portal URL is ServiceNow itself.`, detail);
  }
}

// ---------------------------------------------------------------------------------------------
// Call time: access token, refresh, rotation

/** One token operation per connector at a time; concurrent callers share it. */
const inflight = new Map<string, Promise<string>>();

function exclusive(key: string, run: () => Promise<string>): Promise<string> {
  const current = inflight.get(key);
  if (current) return current;
  const started = run().finally(() => {
    if (inflight.get(key) === started) inflight.delete(key);
  });
  inflight.set(key, started);
  return started;
}

/** For tests: whether a token operation is under way for the connector. */
export function tokenOperationPending(connectorId: string): boolean {
  return inflight.has(connectorId);
}

async function load(connector: Connector): Promise<OAuthCredential> {
  const saved = await readCredential(connector.id, 'oauth2');
  if (!saved) throw new ItsmError('bad-credentials', `No OAuth sign-in saved for ${connector.name}.`, 'no oauth2 credential in the connector slot');
  return saved;
}

const isFresh = (saved: OAuthCredential, now: number) =>
  !!saved.accessToken && saved.accessExpiresAt !== undefined && now < saved.accessExpiresAt - ACCESS_MARGIN_MS;

async function refresh(connector: Connector, saved: OAuthCredential, deps: OAuthDeps): Promise<string> {
  const origin = new URL(connector.baseUrl).origin;
  const result = await requestToken(
    connector,
    { grant_type: 'refresh_token', client_id: connector.auth.clientId ?? '', client_secret: saved.clientSecret, refresh_token: saved.refreshToken },
    deps,
  );
  if (!result.ok) {
    switch (result.problem) {
      case 'grant':
      case 'denied':
        throw new ItsmError('bad-credentials', OAUTH_GRANT_REFUSED, result.detail);
      case 'client':
        throw new ItsmError('bad-credentials', OAUTH_CLIENT_REFUSED, result.detail);
      case 'unreachable':
        throw new ItsmError('unreachable', `Cannot reach ${origin}.`, result.detail);
      case 'not-found':
        throw new ItsmError('not-found', `ServiceNow has no OAuth token endpoint at ${origin}${TOKEN_PATH}.`, result.detail);
      default:
        throw new ItsmError('unexpected', 'ServiceNow answered the token refresh with something unexpected.', result.detail);
    }
  }
  const now = (deps.now ?? Date.now)();
  const next: OAuthCredential = {
    clientSecret: saved.clientSecret,
    refreshToken: result.answer.refresh_token ?? saved.refreshToken, // rotated, or the same one kept
    accessToken: result.answer.access_token,
    accessExpiresAt: expiresAt(result.answer, now),
  };
  // Store before use. If a save replaced the sign-in meanwhile (or removed the connector), keep that.
  const current = await readCredential(connector.id, 'oauth2');
  if (current && current.refreshToken === saved.refreshToken && current.clientSecret === saved.clientSecret) {
    await writeCredential(connector.id, 'oauth2', next);
  }
  return next.accessToken!;
}

/** A usable access token: the saved one while fresh, else one refresh (shared by concurrent callers). */
export function accessTokenFor(connector: Connector, deps: OAuthDeps = {}): Promise<string> {
  return exclusive(connector.id, async () => {
    const saved = await load(connector);
    if (isFresh(saved, (deps.now ?? Date.now)())) return saved.accessToken!;
    return refresh(connector, saved, deps);
  });
}

/** After the API refused `stale`: a forced refresh, unless a concurrent caller already got a newer token. */
export async function refreshAfterRejection(connector: Connector, stale: string, deps: OAuthDeps = {}): Promise<string> {
  const pending = inflight.get(connector.id);
  if (pending) {
    const token = await pending; // its failure (e.g. invalid_grant) is ours too
    if (token !== stale) return token;
  }
  return exclusive(connector.id, async () => {
    const saved = await load(connector);
    if (saved.accessToken !== stale && isFresh(saved, (deps.now ?? Date.now)())) return saved.accessToken!;
    return refresh(connector, saved, deps);
  });
}

export function oauthTokens(connector: Connector, deps: OAuthDeps = {}): OAuthTokenSource {
  return {
    accessToken: () => accessTokenFor(connector, deps),
    refreshAfterRejection: (stale) => refreshAfterRejection(connector, stale, deps),
  };
}
