// Login and the web client's page routes (rendered by ./pages): signed-in pages vs login redirects.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSdpStandIn, type SdpStandIn } from './server';
import { login, type SessionCookies } from './testing';

let s: SdpStandIn;
beforeAll(async () => {
  s = await startSdpStandIn({ port: 0, lateMs: 250 });
});
afterAll(() => s.close());
beforeEach(() => s.reset());

const get = (path: string, cookie?: string) =>
  fetch(new URL(path, s.url), { redirect: 'manual', ...(cookie ? { headers: { Cookie: cookie } } : {}) });

describe('login', () => {
  it('GET / renders the login form (with the logged-out marker)', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('action="/j_security_check"');
    expect(html).toContain('__SDP__LOGIN');
  });

  it('POST /j_security_check sets JSESSIONID (HttpOnly) and a script-readable sdpcsrfcookie, then redirects', async () => {
    const res = await fetch(new URL('/j_security_check', s.url), {
      method: 'POST', redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Referer: `${s.url}/?redirectTo=${encodeURIComponent('/ChangeDetails.do?CHANGEID=2001')}` },
      body: 'j_username=Alice&j_password=Alice%232024',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/ChangeDetails.do?CHANGEID=2001');
    const [session, csrf] = res.headers.getSetCookie();
    expect(session).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/; HttpOnly$/);
    expect(csrf).toMatch(/^sdpcsrfcookie=[0-9a-f-]{36}; Path=\/$/);
    expect([...s.state.sessions.values()]).toEqual([{ login: 'alice', csrf: csrf!.split(/[=;]/)[1] }]);
  });

  it('/login with username/password works too; a wrong password shows the form again without cookies', async () => {
    expect((await login(s.url, 'bob', 'Bob#2024', '/login')).csrf).toMatch(/-/);
    const bad = await fetch(new URL('/j_security_check', s.url), {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'j_username=bob&j_password=nope',
    });
    expect([bad.status, bad.headers.getSetCookie()]).toEqual([200, []]);
    expect(await bad.text()).toContain('__SDP__LOGIN');
  });

  it('a signed-in GET / goes to the request list', async () => {
    const alice = await login(s.url, 'alice', 'Alice#2024');
    const res = await get('/', alice.cookie);
    expect([res.status, res.headers.get('location')]).toEqual([302, '/WorkOrder.do']);
  });
});

describe('pages', () => {
  let alice: SessionCookies;
  beforeEach(async () => {
    alice = await login(s.url, 'alice', 'Alice#2024');
  });

  it.each([
    '/WorkOrder.do?woMode=viewWO&woID=1001', '/WorkOrder.do', '/ChangeDetails.do?CHANGEID=2001',
    '/ui/tasks?mode=detail&taskId=501', '/ProblemDetails.cc?PROBLEMID=601', '/AssetDetails.cc?ASSETID=3001',
  ])('%s without a session → login redirect that comes back', async (path) => {
    const res = await get(path);
    expect([res.status, res.headers.get('location')]).toEqual([302, `/?redirectTo=${encodeURIComponent(path)}`]);
  });

  it('an API key does not sign in pages', async () => {
    const res = await fetch(new URL('/WorkOrder.do?woMode=viewWO&woID=1001', s.url), { redirect: 'manual', headers: { authtoken: '8F14E45F-CEEA-467A-9575-DB3FC2A8B1D2' } });
    expect(res.status).toBe(302);
  });

  it('request page: the ticket, the signed-in user, server lateMs by default', async () => {
    const html = await (await get('/WorkOrder.do?woMode=viewWO&woID=1001', alice.cookie)).text();
    expect(html).toContain('"LOGINNAME":"alice"');
    expect(html).toContain('"lateMs":250');
    expect(html).toMatch(/woID\W+1001/);
  });

  it('query switches pass through: layout=legacy, lateMs=0 (details in the HTML)', async () => {
    const html = await (await get('/WorkOrder.do?woMode=viewWO&woID=1001&layout=legacy&lateMs=0', alice.cookie)).text();
    expect(html).toContain('id="reqid"');
    expect(html).toContain('Apply IIS security update on srv-web-01');
    expect(html).toContain('"layout":"legacy"');
  });

  it('change page and list page', async () => {
    const change = await (await get('/ChangeDetails.do?CHANGEID=2001&lateMs=0', alice.cookie)).text();
    expect(change).toContain('CH-1');
    expect(change).toContain('Rotate TLS certificates on srv-web-01 and dc01');
    const list = await (await get('/WorkOrder.do', alice.cookie)).text();
    expect(list).toContain('woID=1012');
    expect(list).toContain('data-spa-page="request-details"');
  });

  it('spa=1 adds in-app links to other requests', async () => {
    const html = await (await get('/WorkOrder.do?woMode=viewWO&woID=1001&spa=1&lateMs=0', alice.cookie)).text();
    expect(html).toContain('id="other_requests"');
  });

  it('unknown ids and forbidden tickets get an SDP-style error page', async () => {
    const missing = await get('/WorkOrder.do?woMode=viewWO&woID=9999', alice.cookie);
    expect([missing.status, await missing.text()]).toEqual([200, expect.stringContaining('Request not found')]);
    expect(await (await get('/ChangeDetails.do?CHANGEID=1', alice.cookie)).text()).toContain('Change not found');
    const erin = await login(s.url, 'erin', 'Erin#2024');
    expect(await (await get('/WorkOrder.do?woMode=viewWO&woID=1001', erin.cookie)).text()).toContain('Access denied');
  });

  it.each([
    ['/ui/tasks?mode=detail&taskId=501', 'Take a VM snapshot of srv-web-01'],
    ['/ui/tasks', 'Take a VM snapshot of srv-web-01'],
    ['/ProblemDetails.cc?PROBLEMID=601', 'Recurring IIS worker process crashes'],
    ['/AssetDetails.cc?ASSETID=3003', 'db-linux-02'],
    ['/ui/asset?module=asset&entity_id=3005', 'kiosk-17'],
  ])('%s renders a non-ticket page', async (path, text) => {
    const res = await get(path, alice.cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(text);
  });

  it('unknown paths answer like Tomcat', async () => {
    const res = await get('/nope.do', alice.cookie);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('HTTP Status 404');
  });
});
