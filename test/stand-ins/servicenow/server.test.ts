// Authentication in all four modes, with exact answers: Basic, x-sn-apikey, the login session
// with its X-UserToken (g_ck) challenge, and OAuth (password grant, refresh with rotation, expiry).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServiceNowStandIn, type ServiceNowStandIn } from './server';
import { call, CREDENTIALS, json, login, oauthToken } from './testing';

let s: ServiceNowStandIn;
beforeAll(async () => {
  s = await startServiceNowStandIn({ port: 0 });
});
afterAll(() => s.close());
beforeEach(() => s.reset());

const INC = '0d16139b97e2e2a49391f06fc11f2583';
const ONE = `/api/now/table/incident/${INC}?sysparm_fields=number`;
const NOT_AUTHENTICATED = { error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' };
const ok = { status: 200, body: { result: { number: 'INC0010001' } } };
const denied = { status: 401, body: NOT_AUTHENTICATED };
const { alice, bob, svc, oauth, apiKey } = CREDENTIALS;
const lastCall = () => s.state.apiCalls.at(-1);

describe('Basic', () => {
  it('the integration user and technicians; each call is logged with its mode and user', async () => {
    expect(await json(s.url, ONE, { auth: { basic: svc } })).toEqual(ok);
    expect(await json(s.url, ONE, { auth: { basic: { user: 'ALICE', password: alice.password } } })).toEqual(ok);
    expect(s.state.apiCalls).toEqual([
      { method: 'GET', path: `/api/now/table/incident/${INC}`, auth: 'basic', user: 'svc_pambridge', query: { sysparm_fields: 'number' } },
      { method: 'GET', path: `/api/now/table/incident/${INC}`, auth: 'basic', user: 'alice', query: { sysparm_fields: 'number' } },
    ]);
  });

  it('wrong password, unknown user, a person without a password, no auth → 401 envelope', async () => {
    for (const basic of [{ user: 'alice', password: 'nope' }, { user: 'mallory', password: 'x' }, { user: 'carl', password: '' }]) {
      expect(await json(s.url, ONE, { auth: { basic } })).toEqual(denied);
    }
    expect(await json(s.url, ONE)).toEqual(denied);
    expect(s.state.apiCalls.map((c) => [c.auth, c.user])).toEqual(Array(4).fill(['none', undefined]));
  });
});

describe('API key (x-sn-apikey)', () => {
  it('acts as the key user; a wrong key is refused even with a valid session cookie', async () => {
    expect(await json(s.url, ONE, { auth: { apiKey } })).toEqual(ok);
    expect(lastCall()).toMatchObject({ auth: 'api-key', user: 'svc_pambridge' });
    const session = await login(s.url, alice.user, alice.password);
    const headers = { Cookie: session.cookie, 'X-UserToken': s.state.sessions.get(session.sid)!.gck };
    expect(await json(s.url, ONE, { auth: { apiKey: 'now_wrong' }, headers })).toEqual(denied);
  });
});

describe('session + X-UserToken', () => {
  it('login.do sets JSESSIONID (HttpOnly) and glide_user_route, then redirects', async () => {
    const res = await fetch(new URL('/login.do', s.url), {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'user_name=alice&user_password=Alice%232024&sys_action=sysverb_login',
    });
    expect([res.status, res.headers.get('location')]).toEqual([302, '/incident_list.do']);
    const [sid, route] = res.headers.getSetCookie();
    expect(sid).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/; HttpOnly$/);
    expect(route).toMatch(/^glide_user_route=glide\.[0-9a-f]{32}; Path=\/; HttpOnly$/);
    const id = /JSESSIONID=([0-9A-F]+)/.exec(sid!)![1]!;
    expect(s.state.sessions.get(id)).toEqual({ user_name: 'alice', gck: expect.stringMatching(/^[0-9a-f]{64}$/), tabs: [] });
  });

  it('the cookie alone is challenged (401), a wrong token too; cookie + X-UserToken = g_ck passes', async () => {
    const session = await login(s.url, alice.user, alice.password);
    expect(await json(s.url, ONE, { auth: { session } })).toEqual(denied);
    expect(await json(s.url, ONE, { auth: { session, userToken: 'f'.repeat(64) } })).toEqual(denied);
    expect(await json(s.url, ONE, { auth: { session }, state: s.state })).toEqual(ok);
    expect(s.state.apiCalls.map((c) => [c.auth, c.user])).toEqual([['none', undefined], ['none', undefined], ['session', 'alice']]);
  });

  it("one session's token does not open another's; logout ends the session", async () => {
    const a = await login(s.url, alice.user, alice.password);
    const b = await login(s.url, bob.user, bob.password);
    expect(await json(s.url, ONE, { auth: { session: a, userToken: s.state.sessions.get(b.sid)!.gck } })).toEqual(denied);
    const out = await fetch(new URL('/logout.do', s.url), { headers: { Cookie: a.cookie }, redirect: 'manual' });
    expect([out.status, out.headers.get('location')]).toEqual([302, '/login.do']);
    expect(s.state.sessions.has(a.sid)).toBe(false);
  });

  it('wrong password or a web-service-only user: the login page again with an error, no session', async () => {
    for (const [user, password] of [['alice', 'x'], [svc.user, svc.password]] as const) {
      const res = await fetch(new URL('/login.do', s.url), {
        method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user_name: user, user_password: password }).toString(),
      });
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(await res.text()).toContain('User name or password invalid');
    }
    expect(s.state.sessions.size).toBe(0);
    await expect(login(s.url, svc.user, svc.password)).rejects.toThrow('login as svc_pambridge failed');
  });
});

describe('OAuth (/oauth_token.do)', () => {
  const password = (user = alice) => ({
    grant_type: 'password', client_id: oauth.clientId, client_secret: oauth.clientSecret, username: user.user, password: user.password,
  });
  const refresh = (token: string) => ({ grant_type: 'refresh_token', client_id: oauth.clientId, client_secret: oauth.clientSecret, refresh_token: token });

  it('password grant → Bearer token pair; the access token signs API calls as that user', async () => {
    const { status, body } = await oauthToken(s.url, password());
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[\w-]{64}$/), refresh_token: expect.stringMatching(/^[\w-]{64}$/),
      scope: 'useraccount', token_type: 'Bearer', expires_in: 1800,
    });
    expect(await json(s.url, ONE, { auth: { bearer: body.access_token } })).toEqual(ok);
    expect(lastCall()).toMatchObject({ auth: 'bearer', user: 'alice' });
    const entry = s.state.tokens.access.get(body.access_token)!;
    expect(entry).toMatchObject({ user_name: 'alice', client_id: oauth.clientId });
    expect(Math.abs(entry.expiresAt - (Date.now() + 1_800_000))).toBeLessThan(5_000);
  });

  it('refresh rotates: new access AND refresh token; the old refresh token is dead, the new one works', async () => {
    const first = (await oauthToken(s.url, password())).body;
    const second = await oauthToken(s.url, refresh(first.refresh_token));
    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(await oauthToken(s.url, refresh(first.refresh_token))).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } });
    expect((await oauthToken(s.url, refresh(second.body.refresh_token))).status).toBe(200);
    expect(await json(s.url, ONE, { auth: { bearer: second.body.access_token } })).toEqual(ok);
  });

  it('two refreshes racing with one refresh token: exactly one wins', async () => {
    const first = (await oauthToken(s.url, password())).body;
    const results = await Promise.all([oauthToken(s.url, refresh(first.refresh_token)), oauthToken(s.url, refresh(first.refresh_token))]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('expiry: expireTokens() → API 401; the refresh token still works; {refresh: true} ends it too', async () => {
    const first = (await oauthToken(s.url, password())).body;
    s.expireTokens();
    expect(await json(s.url, ONE, { auth: { bearer: first.access_token } })).toEqual(denied);
    expect(lastCall()).toMatchObject({ auth: 'none' });
    const renewed = (await oauthToken(s.url, refresh(first.refresh_token))).body;
    expect(await json(s.url, ONE, { auth: { bearer: renewed.access_token } })).toEqual(ok);
    s.expireTokens({ refresh: true });
    expect((await oauthToken(s.url, refresh(renewed.refresh_token))).status).toBe(400);
  });

  it('wrong client, wrong secret, wrong user → 401 server_error / access_denied; other grants → 400', async () => {
    // ServiceNow's body for all three alike [P]: the RFC code is server_error, the reason only in the description.
    const accessDenied = { status: 401, body: { error: 'server_error', error_description: 'access_denied' } };
    expect(await oauthToken(s.url, { ...password(), client_secret: 'nope' })).toEqual(accessDenied);
    expect(await oauthToken(s.url, { ...password(), client_id: 'f'.repeat(32) })).toEqual(accessDenied);
    expect(await oauthToken(s.url, { ...password(), password: 'nope' })).toEqual(accessDenied);
    expect(await oauthToken(s.url, { ...password(), grant_type: 'client_credentials' })).toEqual({
      status: 400, body: { error: 'unsupported_grant_type', error_description: 'Unsupported grant type' },
    });
    expect(await json(s.url, ONE, { auth: { bearer: 'not-a-token' } })).toEqual(denied);
  });

  it('client credentials may come as HTTP Basic instead of form fields', async () => {
    const res = await fetch(new URL('/oauth_token.do', s.url), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'password', username: bob.user, password: bob.password }).toString(),
    });
    expect(res.status).toBe(200);
  });
});

describe('token settings', () => {
  it('tokenTtlSeconds sets expires_in; rotateRefreshTokens:false keeps the refresh token', async () => {
    const t = await startServiceNowStandIn({ port: 0, tokenTtlSeconds: 60, rotateRefreshTokens: false });
    try {
      const form = { client_id: oauth.clientId, client_secret: oauth.clientSecret };
      const first = (await oauthToken(t.url, { ...form, grant_type: 'password', username: 'alice', password: alice.password })).body;
      expect(first.expires_in).toBe(60);
      const again = (await oauthToken(t.url, { ...form, grant_type: 'refresh_token', refresh_token: first.refresh_token })).body;
      expect(again.refresh_token).toBe(first.refresh_token);
      expect((await call(t.url, ONE, { auth: { bearer: again.access_token } })).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
