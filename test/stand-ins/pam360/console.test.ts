// Web console: login → JSESSIONID + pmpcc cookies → launch form POST accepted only with pmpcp == pmpcc.
import { request } from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPam360StandIn, type Pam360StandIn } from './server';
import { cookieHeader } from './testing';

let s: Pam360StandIn;
beforeAll(async () => {
  s = await startPam360StandIn();
});
afterAll(() => s.close());
beforeEach(() => s.reset());

const form = (data: Record<string, string>) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(data).toString(),
});

async function login(username = 'alice', password = 'Alice#2024'): Promise<{ cookies: string; pmpcc: string }> {
  const res = await fetch(`${s.url}/login`, form({ username, password }));
  expect(res.status).toBe(302);
  const cookies = cookieHeader(res);
  return { cookies, pmpcc: /pmpcc=([^;]+)/.exec(cookies)?.[1] ?? '' };
}

function launch(page: string, query: string, pmpcp: string, cookies: string) {
  const init = form({ pmpcp });
  return fetch(`${s.url}/${page}?${query}`, { ...init, headers: { ...init.headers, Cookie: cookies } });
}

describe('web console', () => {
  it('serves a labelled login page titled PAM360', async () => {
    const html = await (await fetch(`${s.url}/`)).text();
    expect(html).toContain('<title>PAM360</title>');
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
  });

  it('refuses a wrong password without cookies', async () => {
    const res = await fetch(`${s.url}/login`, form({ username: 'alice', password: 'nope' }));
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.text()).toContain('Invalid username or password.');
  });

  it('sets JSESSIONID (HttpOnly) and pmpcc (no SameSite) and shows who is signed in', async () => {
    const res = await fetch(`${s.url}/login`, form({ username: 'alice', password: 'Alice#2024' }));
    expect(res.headers.get('location')).toBe('/home');
    const [session, csrf] = res.headers.getSetCookie();
    expect(session).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/; HttpOnly$/);
    expect(csrf).toMatch(/^pmpcc=[0-9a-f-]{36}; Path=\/$/);
    const home = await fetch(`${s.url}/home`, { headers: { Cookie: cookieHeader(res) } });
    expect(await home.text()).toContain('Signed in as <b>Alice Moreau</b> (alice)');
  });

  it('launches RDP only with pmpcp matching the pmpcc cookie, and records it', async () => {
    const { cookies, pmpcc } = await login();
    const q = 'PROTOCOL=RDP&resourceId=301&accountId=3011&console=on';
    expect((await launch('rdp.ma', q, 'wrong', cookies)).status).toBe(403);
    expect((await launch('rdp.ma', q, pmpcc, cookies.replace(/pmpcc=[^;]+/, 'pmpcc=other'))).status).toBe(403);
    expect(s.state.launches).toEqual([]);
    const ok = await launch('rdp.ma', q, pmpcc, cookies);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<h1>Remote session (RDP) to srv-web-01 as Administrator</h1>');
    expect(s.state.launches).toEqual([{
      protocol: 'RDP', page: 'rdp.ma', resourceId: '301', accountId: '3011', resourceName: 'srv-web-01',
      accountName: 'Administrator', user: 'alice', console: true, ticketId: '', reason: '', at: expect.any(String),
    }]);
    expect(s.state.audit.at(-1)).toMatchObject({ 'Operation Type': 'Remote Session Launched', 'User Name': 'alice', 'Resource Name': 'srv-web-01' });
  });

  it('redirects to the login page without a session, and after logout', async () => {
    const res = await launch('ssh.ma', 'PROTOCOL=SSH&resourceId=303&accountId=3032', 'x', '');
    expect([res.status, res.headers.get('location')]).toEqual([302, '/']);
    const { cookies, pmpcc } = await login();
    const out = await fetch(`${s.url}/logout`, { redirect: 'manual', headers: { Cookie: cookies } });
    expect(out.headers.getSetCookie()[0]).toContain('Max-Age=0');
    const after = await launch('ssh.ma', 'PROTOCOL=SSH&resourceId=303&accountId=3032', pmpcc, cookies);
    expect(after.status).toBe(302);
  });

  it('allows auto-logon on #### accounts, refuses hidden/restricted ones, escapes names', async () => {
    const bob = await login('bob', 'Bob#2024');
    expect((await launch('VirtualTerminalMenu.ma', 'PROTOCOL=Telnet&resourceId=303&accountId=3032', bob.pmpcc, bob.cookies)).status).toBe(200);
    expect((await launch('ssh.ma', 'PROTOCOL=SSH&resourceId=303&accountId=3033', bob.pmpcc, bob.cookies)).status).toBe(404);
    expect((await launch('rdp.ma', 'PROTOCOL=RDP&resourceId=302&accountId=3021', bob.pmpcc, bob.cookies)).status).toBe(404);
    const alice = await login();
    expect((await launch('rdp.ma', 'PROTOCOL=RDP&resourceId=305&accountId=3051', alice.pmpcc, alice.cookies)).status).toBe(403);
    const r = s.state.resources.find((x) => x.id === '301');
    if (r) r.name = 'srv-<b>01';
    const html = await (await launch('rdp.ma', 'PROTOCOL=RDP&resourceId=301&accountId=3011', alice.pmpcc, alice.cookies)).text();
    expect(html).toContain('to srv-&lt;b&gt;01 as');
  });

  it('needs a validated ticket for ticket-mandatory accounts and carries it into the launch', async () => {
    const { cookies, pmpcc } = await login();
    const q = 'PROTOCOL=RDP&resourceId=301&accountId=3012';
    expect((await launch('rdp.ma', q, pmpcc, cookies)).status).toBe(403);
    const input = JSON.stringify({ operation: { Details: { REASON: 'deploy', TICKETID: '1042' } } });
    await fetch(`${s.url}/restapi/json/v1/accounts/3012/validateHelpDeskID?INPUT_DATA=${encodeURIComponent(input)}`, { headers: { AUTHTOKEN: s.tokenOf('alice') } });
    expect((await launch('rdp.ma', q, pmpcc, cookies)).status).toBe(200);
    expect(s.state.launches.at(-1)).toMatchObject({ accountName: 'svc_deploy', ticketId: '1042', reason: 'deploy' });
  });
});

describe('https', () => {
  it('serves the API over TLS with a self-signed cert for 127.0.0.1', async () => {
    const tls = await startPam360StandIn({ https: true });
    try {
      expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(`${tls.url}/restapi/json/v1/resources`, { ca: tls.certPem, headers: { AUTHTOKEN: tls.tokenOf('bob') } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      });
      expect(JSON.parse(body).operation.totalRows).toBe(4);
    } finally {
      await tls.close();
    }
  });
});
