// Login and the web UI's page routes (rendered by ./pages): sign-in redirects, the classic form,
// its UI16 and Polaris frames, workspace record tabs, lists; every page carries its session's g_ck,
// which the page script then uses as X-UserToken on the Table API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POLARIS_COMPONENT } from './pages/index';
import seed from './seed.json';
import { startServiceNowStandIn, type ServiceNowStandIn } from './server';
import { CREDENTIALS, json, login, type SessionCookies } from './testing';

let s: ServiceNowStandIn;
beforeAll(async () => {
  s = await startServiceNowStandIn({ port: 0 });
});
afterAll(() => s.close());
beforeEach(() => s.reset());

const id = (number: string) => seed.records.find((r) => r.number === number)!.sys_id;
const INC = id('INC0010001');
const CHG = id('CHG0030001');
const get = (path: string, session?: SessionCookies) =>
  fetch(new URL(path, s.url), { redirect: 'manual', ...(session ? { headers: { Cookie: session.cookie } } : {}) });
const alice = () => login(s.url, CREDENTIALS.alice.user, CREDENTIALS.alice.password);
const gckOf = (html: string) => /window\["g_ck"\] = "([0-9a-f]{64})";/.exec(html)?.[1];
/** The DATA argument of the (last) inline page script. */
const pageData = (html: string) => JSON.parse(/\}\)\((\{.*\})\);\n<\/script>/s.exec(html)![1]!);

describe('sign-in', () => {
  it('pages without a session redirect to login.do with the way back; the login page keeps it', async () => {
    const path = `/incident.do?sys_id=${INC}`;
    const res = await get(path);
    expect([res.status, res.headers.get('location')]).toEqual([302, `/login.do?sysparm_goto_url=${encodeURIComponent(path)}`]);
    const page = await get(res.headers.get('location')!);
    expect(page.headers.getSetCookie()[0]).toMatch(/^glide_user_route=/);
    const html = await page.text();
    expect(html).toContain('name="sysparm_goto_url"');
    expect(html).toContain(`value="${path.replace('&', '&amp;')}"`);
  });

  it('login with sysparm_goto_url (form field or the login page as Referer) goes back there', async () => {
    const form = (extra: Record<string, string>, headers: Record<string, string> = {}) => fetch(new URL('/login.do', s.url), {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ user_name: 'alice', user_password: CREDENTIALS.alice.password, ...extra }).toString(),
    });
    expect((await form({ sysparm_goto_url: `/change_request.do?sys_id=${CHG}` })).headers.get('location')).toBe(`/change_request.do?sys_id=${CHG}`);
    const referer = `${s.url}/login.do?sysparm_goto_url=${encodeURIComponent('/nav_to.do?uri=incident_list.do')}`;
    expect((await form({}, { Referer: referer })).headers.get('location')).toBe('/nav_to.do?uri=incident_list.do');
    expect((await form({ sysparm_goto_url: 'https://evil.example/' })).headers.get('location')).toBe('/incident_list.do');
  });

  it('API credentials do not sign in pages', async () => {
    const res = await fetch(new URL(`/incident.do?sys_id=${INC}`, s.url), {
      redirect: 'manual', headers: { Authorization: `Basic ${Buffer.from('alice:Alice#2024').toString('base64')}` },
    });
    expect(res.status).toBe(302);
  });
});

describe('record pages', () => {
  it("the classic form carries the session's g_ck (global and sysparm_ck), the record and its affected CIs", async () => {
    const session = await alice();
    const html = await (await get(`/change_request.do?sys_id=${CHG}`, session)).text();
    const gck = s.state.sessions.get(session.sid)!.gck;
    expect(gckOf(html)).toBe(gck);
    expect(html).toContain(`name="sysparm_ck" id="sysparm_ck" value="${gck}"`);
    expect(html).toContain(`id="sys_uniqueValue" value="${CHG}"`);
    expect(html).toContain('CHG0030001');
    expect(html).toMatch(/Affected CIs[\s\S]*srv-web-01[\s\S]*dc01/);
    const other = await login(s.url, CREDENTIALS.bob.user, CREDENTIALS.bob.password);
    expect(gckOf(await (await get(`/change_request.do?sys_id=${CHG}`, other)).text())).not.toBe(gck);
  });

  it('?navbarRight=false leaves out the header actions', async () => {
    const session = await alice();
    expect(await (await get(`/incident.do?sys_id=${INC}`, session)).text()).toContain('<div class="navbar-right"');
    const html = await (await get(`/incident.do?sys_id=${INC}&navbarRight=false`, session)).text();
    expect(html).not.toContain('<div class="navbar-right"');
  });

  it('nav_to.do frames the form in gsft_main; the Polaris wrapper too (encoded target)', async () => {
    const session = await alice();
    const nav = await (await get(`/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${INC}`)}`, session)).text();
    expect(nav).toContain(`id="gsft_main"`);
    expect(nav).toContain(`src="/incident.do?sys_id=${INC}"`);
    const polaris = await get(`/now/nav/ui/classic/params/target/${encodeURIComponent(`incident.do?sys_id=${INC}`)}`, session);
    expect(polaris.status).toBe(200);
    expect(await polaris.text()).toContain(POLARIS_COMPONENT);
    const list = await get('/nav_to.do?uri=incident_list.do', session);
    expect([list.status, list.headers.get('location')]).toEqual([302, '/incident_list.do']);
  });

  it('unknown and ACL-hidden records show "Record not found"; unknown paths 404', async () => {
    const bob = await login(s.url, CREDENTIALS.bob.user, CREDENTIALS.bob.password);
    for (const path of [`/incident.do?sys_id=${'0'.repeat(32)}`, `/incident.do?sys_id=${id('INC0010008')}`, `/now/sow/record/incident/${id('INC0010008')}`]) {
      const res = await get(path, bob);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Record not found');
    }
    expect((await get('/no_such_page.php', bob)).status).toBe(404);
  });

  it('lists show what the reader may see', async () => {
    const bob = await login(s.url, CREDENTIALS.bob.user, CREDENTIALS.bob.password);
    const html = await (await get('/incident_list.do', bob)).text();
    expect(html).toContain('INC0010001');
    expect(html).not.toContain('INC0010008');
    expect(html).toContain('id="sys_target"');
  });
});

describe('workspace', () => {
  it('record tabs: the records opened in this session, the current one in front', async () => {
    const session = await alice();
    await get(`/now/sow/record/incident/${INC}`, session);
    const html = await (await get(`/now/sow/record/change_request/${CHG}/params/selected-tab-index/1`, session)).text();
    const data = pageData(html);
    expect(data.records.map((r: { number: { value: string } }) => r.number.value)).toEqual(['INC0010001', 'CHG0030001']);
    expect([data.active, data.workspace, data.userName]).toEqual([1, 'sow', 'Alice Moreau']);
    expect(gckOf(html)).toBe(s.state.sessions.get(session.sid)!.gck);
    // Re-opening a tab keeps its place and brings it to the front.
    const again = pageData(await (await get(`/now/sow/record/incident/${INC}?rebuildMs=0&noActionBar=1`, session)).text());
    expect([again.records.length, again.active, again.rebuildMs, again.noActionBar]).toEqual([2, 1, [0, 0], true]);
    expect(again.links.map((l: { number: string }) => l.number)).toContain('RITM0010001');
  });

  it('at most five tabs; cwf/agent works too', async () => {
    const session = await alice();
    for (const n of ['INC0010001', 'INC0010003', 'INC0010005', 'INC0010006', 'CHG0030001', 'CHG0030002']) {
      const table = seed.records.find((r) => r.number === n)!.table;
      await get(`/now/sow/record/${table}/${id(n)}`, session);
    }
    expect(s.state.sessions.get(session.sid)!.tabs.length).toBe(5);
    const data = pageData(await (await get(`/now/cwf/agent/record/problem/${id('PRB0040001')}`, session)).text());
    expect([data.workspace, data.records.length, data.records[4].number.value]).toEqual(['cwf/agent', 5, 'PRB0040001']);
  });

  it("the page's g_ck opens the Table API as X-UserToken, as the workspace script uses it", async () => {
    const session = await alice();
    const gck = gckOf(await (await get(`/now/sow/record/incident/${INC}`, session)).text());
    const res = await json(s.url, `/api/now/table/incident/${INC}?sysparm_display_value=all&sysparm_fields=number`, {
      auth: { session, userToken: gck! },
    });
    expect(res).toEqual({ status: 200, body: { result: { number: { display_value: 'INC0010001', value: 'INC0010001' } } } });
  });
});
