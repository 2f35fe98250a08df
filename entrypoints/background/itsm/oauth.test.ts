/**
 * OAuth 2.0 for ServiceNow against a fake token endpoint (a fetch stub that answers like
 * /oauth_token.do: urlencoded grants in, JSON out, 401 server_error/access_denied for wrong
 * credentials). Secrets are sealed for real (fake IndexedDB + fake storage).
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connector } from '@/utils/config/schema';
import { readCredential, writeCredential, type OAuthCredential } from './credentials';
import {
  accessTokenFor,
  OAUTH_CLIENT_REFUSED,
  OAUTH_GRANT_REFUSED,
  OAuthSignInError,
  oauthTokens,
  refreshAfterRejection,
  signInWithPassword,
  tokenOperationPending,
} from './oauth';
import { createApiTransport } from './transport';
import { ItsmError } from './types';

const ORIGIN = 'https://acme.service-now.com';
const T0 = 1_800_000_000_000;

const sn = (extra: Partial<Connector['auth']> = {}): Connector => ({
  id: 'acme',
  kind: 'servicenow',
  name: 'Acme ServiceNow',
  baseUrl: ORIGIN,
  auth: { type: 'oauth2', clientId: 'client-1', username: 'svc.pam', ...extra },
  writeNote: false,
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json;charset=UTF-8' } });

interface Server {
  fetch: ReturnType<typeof vi.fn<(url: RequestInfo | URL, init?: RequestInit) => Promise<Response>>>;
  /** Bodies of the token requests, in order. */
  grants: URLSearchParams[];
  /** API requests (anything not /oauth_token.do) with their Authorization header. */
  api: string[];
}

/**
 * A token endpoint that issues access-N / refresh-N and rotates the refresh token on every
 * refresh; a refresh token that was already used is invalid_grant. `apiStatus` answers API calls.
 */
function server(options: { password?: string; clientSecret?: string; rotate?: boolean; apiStatus?: (auth: string, n: number) => number; delayMs?: number } = {}): Server {
  const grants: URLSearchParams[] = [];
  const api: string[] = [];
  let issued = 0;
  const valid = new Set<string>(['refresh-0']);
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const href = String(url);
    if (href !== `${ORIGIN}/oauth_token.do`) {
      const auth = new Headers(init?.headers).get('Authorization') ?? '';
      api.push(auth);
      const status = options.apiStatus?.(auth, api.length) ?? 200;
      return json(status, status === 200 ? { result: { ok: true } } : { error: { message: 'User Not Authenticated' } });
    }
    const body = new URLSearchParams(String(init?.body));
    grants.push(body);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (body.get('client_id') !== 'client-1' || body.get('client_secret') !== (options.clientSecret ?? 'sekret-client-0001')) {
      return json(401, { error_description: 'access_denied', error: 'server_error' });
    }
    if (body.get('grant_type') === 'password') {
      if (body.get('username') !== 'svc.pam' || body.get('password') !== (options.password ?? 'Pa ss-word!')) {
        return json(401, { error_description: 'access_denied', error: 'server_error' });
      }
    } else if (body.get('grant_type') === 'refresh_token') {
      const token = body.get('refresh_token')!;
      if (!valid.has(token)) return json(400, { error: 'invalid_grant', error_description: 'refresh token is invalid' });
      if (options.rotate !== false) valid.delete(token);
    } else {
      return json(400, { error: 'unsupported_grant_type' });
    }
    issued++;
    const refresh = options.rotate === false && body.get('grant_type') === 'refresh_token' ? undefined : `refresh-${issued}`;
    if (refresh) valid.add(refresh);
    return json(200, { access_token: `access-${issued}`, ...(refresh ? { refresh_token: refresh } : {}), scope: 'useraccount', token_type: 'Bearer', expires_in: 1799 });
  });
  return { fetch, grants, api };
}

async function saved(extra: Partial<OAuthCredential> = {}) {
  await writeCredential('acme', 'oauth2', {
    clientSecret: 'sekret-client-0001',
    refreshToken: 'refresh-0',
    accessToken: 'access-0',
    accessExpiresAt: T0 + 30 * 60_000,
    ...extra,
  });
}

async function rejection(promise: Promise<unknown>): Promise<ItsmError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ItsmError);
  return error as ItsmError;
}

describe('signInWithPassword (on save)', () => {
  it('runs the password grant once, urlencoded with cookies omitted, and returns what to seal', async () => {
    const { fetch, grants } = server();
    const credential = await signInWithPassword(sn(), { clientSecret: 'sekret-client-0001', password: 'Pa ss-word!' }, { fetch, now: () => T0 });
    expect(credential).toEqual({ clientSecret: 'sekret-client-0001', refreshToken: 'refresh-1', accessToken: 'access-1', accessExpiresAt: T0 + 1_799_000 });
    expect(credential).not.toHaveProperty('password');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${ORIGIN}/oauth_token.do`);
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'manual', cache: 'no-store' });
    expect((init!.headers as Record<string, string>)['Content-Type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(Object.fromEntries(grants[0]!)).toEqual({
      grant_type: 'password',
      client_id: 'client-1',
      client_secret: 'sekret-client-0001',
      username: 'svc.pam',
      password: 'Pa ss-word!',
    });
  });

  it.each([
    ['wrong password (ServiceNow: 401 access_denied)', () => json(401, { error_description: 'access_denied', error: 'server_error' }), 'password', 'ServiceNow refused the sign-in: the client ID, client secret, username or password is wrong'],
    ['invalid_client', () => json(401, { error: 'invalid_client' }), 'clientSecret', 'ServiceNow refused the OAuth client'],
    ['invalid_grant', () => json(400, { error: 'invalid_grant' }), 'password', 'ServiceNow refused the username or password for svc.pam.'],
    ['password grant off', () => json(400, { error: 'unsupported_grant_type' }), 'clientId', 'does not allow sign-in with a password'],
    ['no OAuth endpoint', () => new Response('<html>not found</html>', { status: 404 }), 'baseUrl', `ServiceNow has no OAuth token endpoint at ${ORIGIN}/oauth_token.do`],
    ['no refresh token', () => json(200, { access_token: 'a', expires_in: 1799 }), 'clientId', 'issued no refresh token'],
    ['a sign-in page', () => new Response('<html>login</html>', { status: 200 }), 'baseUrl', 'answered the OAuth sign-in with something unexpected'],
    ['an access token no header can carry', () => json(200, { access_token: 'a b', refresh_token: 'r', expires_in: 1799 }), 'baseUrl', 'answered the OAuth sign-in with something unexpected'],
  ] as const)('names the problem: %s', async (_, answer, field, message) => {
    const error = await signInWithPassword(sn(), { clientSecret: 'sekret-client-0001', password: 'pw' }, { fetch: vi.fn(async () => answer()) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthSignInError);
    expect((error as OAuthSignInError).field).toBe(field);
    expect((error as OAuthSignInError).message).toContain(message);
    expect(JSON.stringify(error)).not.toContain('sekret');
  });

  it('says the portal cannot be reached on a network error', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = (await signInWithPassword(sn(), { clientSecret: 'x', password: 'y' }, { fetch }).catch((e: unknown) => e)) as OAuthSignInError;
    expect(error).toMatchObject({ field: 'baseUrl', message: `Cannot reach ${ORIGIN} to sign in.` });
    expect(error.detail).toContain('Failed to fetch');
  });
});

describe('accessTokenFor (call time)', () => {
  it('uses the saved access token until 60 s before it expires, then refreshes', async () => {
    await saved();
    const { fetch, grants } = server();
    const expiry = T0 + 30 * 60_000;
    expect(await accessTokenFor(sn(), { fetch, now: () => expiry - 61_000 })).toBe('access-0');
    expect(fetch).not.toHaveBeenCalled();
    expect(await accessTokenFor(sn(), { fetch, now: () => expiry - 59_000 })).toBe('access-1');
    expect(Object.fromEntries(grants[0]!)).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client-1',
      client_secret: 'sekret-client-0001',
      refresh_token: 'refresh-0',
    });
  });

  it('stores the rotated refresh token (and the new access token with its expiry)', async () => {
    await saved({ accessExpiresAt: T0 });
    const { fetch } = server();
    expect(await accessTokenFor(sn(), { fetch, now: () => T0 })).toBe('access-1');
    expect(await readCredential('acme', 'oauth2')).toEqual({
      clientSecret: 'sekret-client-0001',
      refreshToken: 'refresh-1',
      accessToken: 'access-1',
      accessExpiresAt: T0 + 1_799_000,
    });
    // The next expiry uses the rotated token (the old one is invalid now).
    expect(await accessTokenFor(sn(), { fetch, now: () => T0 + 1_799_000 })).toBe('access-2');
    expect((await readCredential('acme', 'oauth2'))!.refreshToken).toBe('refresh-2');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toMatch(/refresh-\d|access-\d|sekret/);
  });

  it('keeps the refresh token when ServiceNow does not rotate it', async () => {
    await saved({ accessExpiresAt: T0 });
    const { fetch } = server({ rotate: false });
    expect(await accessTokenFor(sn(), { fetch, now: () => T0 })).toBe('access-1');
    expect((await readCredential('acme', 'oauth2'))!.refreshToken).toBe('refresh-0');
  });

  it('5 concurrent callers with an expired token cause exactly 1 refresh', async () => {
    await saved({ accessExpiresAt: T0 });
    const { fetch, grants } = server({ delayMs: 5 });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => accessTokenFor(sn(), { fetch, now: () => T0 })));
    expect(tokens).toEqual(Array(5).fill('access-1'));
    expect(grants).toHaveLength(1);
    expect(tokenOperationPending('acme')).toBe(false);
    // …and later callers read the stored result instead of refreshing with the used token.
    expect(await accessTokenFor(sn(), { fetch, now: () => T0 + 1000 })).toBe('access-1');
    expect(grants).toHaveLength(1);
  });

  it('a refused refresh (invalid_grant) says to sign in again', async () => {
    await saved({ accessExpiresAt: T0, refreshToken: 'revoked' });
    const { fetch } = server();
    const error = await rejection(accessTokenFor(sn(), { fetch, now: () => T0 }));
    expect(error.kind).toBe('bad-credentials');
    expect(error.message).toBe(OAUTH_GRANT_REFUSED);
    expect(error.message).toBe('ServiceNow refused the saved OAuth grant; open PAM Bridge settings, edit the connector and sign in again');
    expect(error.detail).toContain('invalid_grant');
  });

  it('a refused client on refresh names the client; a network error is unreachable', async () => {
    await saved({ accessExpiresAt: T0 });
    const client = await rejection(accessTokenFor(sn(), { fetch: vi.fn(async () => json(401, { error: 'invalid_client' })), now: () => T0 }));
    expect(client).toMatchObject({ kind: 'bad-credentials', message: OAUTH_CLIENT_REFUSED });
    const down = await rejection(
      accessTokenFor(sn(), {
        fetch: vi.fn(async () => {
          throw new TypeError('Failed to fetch');
        }),
        now: () => T0,
      }),
    );
    expect(down).toMatchObject({ kind: 'unreachable', message: `Cannot reach ${ORIGIN}.` });
  });

  it('does not overwrite a sign-in that a save replaced while the refresh was under way', async () => {
    await saved({ accessExpiresAt: T0 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fetch = vi.fn(async () => {
      await gate;
      return json(200, { access_token: 'access-old', refresh_token: 'refresh-old', expires_in: 1799 });
    });
    const pending = accessTokenFor(sn(), { fetch, now: () => T0 });
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    await writeCredential('acme', 'oauth2', { clientSecret: 'new-secret-000001', refreshToken: 'refresh-new' });
    release();
    expect(await pending).toBe('access-old');
    expect(await readCredential('acme', 'oauth2')).toEqual({ clientSecret: 'new-secret-000001', refreshToken: 'refresh-new' });
  });

  it('says so when no OAuth sign-in is saved', async () => {
    const error = await rejection(accessTokenFor(sn(), { fetch: vi.fn(), now: () => T0 }));
    expect(error).toMatchObject({ kind: 'bad-credentials', message: 'No OAuth sign-in saved for Acme ServiceNow.' });
  });
});

describe('refreshAfterRejection', () => {
  it('forces one refresh for a token we believed valid', async () => {
    await saved();
    const { fetch, grants } = server();
    expect(await refreshAfterRejection(sn(), 'access-0', { fetch, now: () => T0 })).toBe('access-1');
    expect(grants).toHaveLength(1);
  });

  it('does not refresh again when another caller already replaced the refused token', async () => {
    await saved({ accessToken: 'access-9' });
    const { fetch } = server();
    expect(await refreshAfterRejection(sn(), 'access-0', { fetch, now: () => T0 })).toBe('access-9');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('API transport with OAuth', () => {
  const transport = (srv: Server, now = () => T0) => createApiTransport(sn(), oauthTokens(sn(), { fetch: srv.fetch, now }), { fetch: srv.fetch });

  it('sends Authorization: Bearer <access token> with cookies omitted', async () => {
    await saved();
    const srv = server();
    const response = await transport(srv)({ method: 'PATCH', path: '/api/now/table/incident/abc', json: { work_notes: 'x' } });
    expect(response.status).toBe(200);
    const [url, init] = srv.fetch.mock.calls[0]!;
    expect(url).toBe(`${ORIGIN}/api/now/table/incident/abc`);
    expect(init).toMatchObject({ method: 'PATCH', credentials: 'omit', body: '{"work_notes":"x"}' });
    const headers = init!.headers as Headers;
    expect(headers.get('Authorization')).toBe('Bearer access-0');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('Accept')).toBe('application/json');
  });

  it('stores the rotated refresh token before the new access token is used', async () => {
    await saved({ accessExpiresAt: T0 });
    const storedAtUse: (string | undefined)[] = [];
    const srv = server();
    const inner = srv.fetch.getMockImplementation()!;
    srv.fetch.mockImplementation(async (url, init) => {
      if (!String(url).endsWith('/oauth_token.do')) storedAtUse.push((await readCredential('acme', 'oauth2'))?.refreshToken);
      return inner(url, init);
    });
    await transport(srv)({ method: 'GET', path: '/api/now/table/sys_user' });
    expect(srv.api).toEqual(['Bearer access-1']);
    expect(storedAtUse).toEqual(['refresh-1']);
  });

  it('a 401 with a token we believed valid → one forced refresh and one retry', async () => {
    await saved();
    const srv = server({ apiStatus: (auth) => (auth === 'Bearer access-0' ? 401 : 200) });
    const response = await transport(srv)({ method: 'GET', path: '/api/now/table/sys_user' });
    expect(response.status).toBe(200);
    expect(srv.api).toEqual(['Bearer access-0', 'Bearer access-1']);
    expect(srv.grants.map((g) => g.get('grant_type'))).toEqual(['refresh_token']);
  });

  it('never loops: a second 401 is returned to the client as it is', async () => {
    await saved();
    const srv = server({ apiStatus: () => 401 });
    const response = await transport(srv)({ method: 'GET', path: '/api/now/table/sys_user' });
    expect(response.status).toBe(401);
    expect(srv.api).toHaveLength(2);
    expect(srv.grants).toHaveLength(1);
  });

  it('concurrent 401s share one refresh', async () => {
    await saved();
    const srv = server({ apiStatus: (auth) => (auth === 'Bearer access-0' ? 401 : 200), delayMs: 5 });
    const send = transport(srv);
    const responses = await Promise.all(Array.from({ length: 5 }, () => send({ method: 'GET', path: '/api/now/table/sys_user' })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(srv.grants).toHaveLength(1);
  });

  it('a refused refresh surfaces as bad-credentials with the sign-in-again sentence', async () => {
    await saved({ accessExpiresAt: T0, refreshToken: 'revoked' });
    const srv = server();
    const error = await rejection(transport(srv)({ method: 'GET', path: '/api/now/table/sys_user' }));
    expect(error).toMatchObject({ kind: 'bad-credentials', message: OAUTH_GRANT_REFUSED });
    expect(srv.api).toEqual([]);
  });
});
