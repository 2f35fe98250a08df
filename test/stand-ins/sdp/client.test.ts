// The product's SDP client (entrypoints/background/itsm/sdp) against the stand-in, over real
// HTTP in both auth modes: every seeded ticket normalises to the rule outcome README promises.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSdpClient } from '@/entrypoints/background/itsm/sdp';
import type { ItsmRequest, ItsmTransport } from '@/entrypoints/background/itsm/types';
import { connectorSchema } from '@/utils/config/schema';
import type { Ticket } from '@/utils/tickets/types';
import pam360Seed from '../pam360/seed.json';
import { startSdpStandIn, type SdpStandIn } from './server';
import { KEYS, login, type SessionCookies } from './testing';

let s: SdpStandIn;
beforeAll(async () => {
  s = await startSdpStandIn({ port: 0 });
});
afterAll(() => s.close());
beforeEach(() => s.reset());

/** A minimal fetch transport: API key header, or the session cookie + APICLIENT + CSRF as SDP's pages send them. */
function transport(auth: { key: string } | { session: SessionCookies }): ItsmTransport {
  return async (r: ItsmRequest) => {
    const url = new URL(r.path, s.url);
    for (const [k, v] of Object.entries(r.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...r.headers };
    const form = new URLSearchParams(r.form);
    if ('key' in auth) headers['authtoken'] = auth.key;
    else {
      headers['Cookie'] = auth.session.cookie;
      headers['APICLIENT'] = 'sdp_web';
      if (r.method !== 'GET') form.set('sdpcsrfparam', auth.session.csrf);
    }
    if (r.method !== 'GET') headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method: r.method, headers, ...(r.method === 'GET' ? {} : { body: form.toString() }) });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  };
}
const connector = (type: 'api-key' | 'session') =>
  connectorSchema.parse({ id: 'sdp-test', kind: 'sdp', name: 'SDP stand-in', baseUrl: s.url, auth: { type } });
const aliceByKey = () => createSdpClient(connector('api-key'), transport({ key: KEYS.alice }));

/** What the rules read, compactly: state, approval, assignee login-ish name, targets, stage, window vs now. */
function outcome(t: Ticket) {
  const now = Date.now();
  const window = t.window ? (now < t.window.start ? 'future' : now > t.window.end ? 'past' : 'now') : undefined;
  return [t.kind, t.state, t.approval, t.assignee?.name.split(' ')[0], t.targets.join(','), t.stage?.implementation, window];
}

describe('every seeded ticket', () => {
  it.each([
    ['1001', 'request', 'open', 'approved', 'Alice', 'srv-web-01'],
    ['1002', 'request', 'closed', 'not-required', 'Alice', 'srv-web-01'],
    ['1003', 'request', 'open', 'not-required', 'Bob', 'srv-web-01'],
    ['1004', 'incident', 'open', 'not-required', 'Alice', 'db-linux-02'],
    ['1005', 'incident', 'open', 'not-required', 'Alice', 'kiosk-17'],
    ['1006', 'request', 'resolved', 'not-required', 'Alice', 'srv-web-01'],
    ['1007', 'request', 'cancelled', 'not-required', 'Alice', 'srv-web-01'],
    ['1008', 'incident', 'open', 'not-required', 'Alice', ''],
    ['1009', 'request', 'in-progress', 'not-required', 'Alice', 'app-linux-03'],
    ['1010', 'request', 'open', 'pending', 'Alice', 'srv-web-01'],
    ['1011', 'request', 'open', 'not-required', 'Alice', 'srv-web-01'],
    ['1012', 'request', 'open', 'rejected', 'Alice', 'srv-web-01'],
  ])('request %s → %s, %s, %s, %s, [%s]', async (id, kind, state, approval, who, targets) => {
    const t = await aliceByKey().getTicket('request', id);
    expect(outcome(t)).toEqual([kind, state, approval, who, targets, undefined, undefined]);
    expect([t.displayId, t.url]).toEqual([id, `${s.url}/WorkOrder.do?woMode=viewWO&woID=${id}`]);
  });

  it.each([
    ['2001', 'CH-1', 'in-progress', 'approved', 'srv-web-01,dc01', true, 'now'],
    ['2002', 'CH-2', 'in-progress', 'pending', 'srv-web-01', true, 'now'],
    ['2003', 'CH-3', 'in-progress', 'approved', 'srv-web-01', true, 'past'],
    ['2004', 'CH-4', 'open', 'approved', 'srv-web-01', false, 'now'],
    ['2005', 'CH-5', 'cancelled', 'rejected', 'db-linux-02', false, 'now'],
    ['2006', 'CH-6', 'in-progress', 'approved', 'db-linux-02', true, 'now'],
    ['2007', 'CH-7', 'closed', 'approved', 'srv-web-01', false, 'past'],
  ])('change %s (%s) → %s, %s, [%s], implementation %s, window %s', async (id, display, state, approval, targets, impl, window) => {
    const t = await aliceByKey().getTicket('change', id);
    expect(outcome(t)).toEqual(['change', state, approval, 'Alice', targets, impl, window]);
    expect(t.displayId).toBe(display);
  });

  it('change 2002 shows its two levels; 1011 keeps its custom status name', async () => {
    const client = aliceByKey();
    expect((await client.getTicket('change', '2002')).approvalLevels).toEqual([
      { name: 'Change Manager', status: 'approved', rawStatus: 'Approved' },
      { name: 'CAB', status: 'pending', rawStatus: 'Pending Approval' },
    ]);
    expect((await client.getTicket('request', '1011')).rawState).toBe('Awaiting Vendor');
  });

  it('asset names are PAM360 stand-in resources, except kiosk-17', () => {
    const pam = new Set(pam360Seed.resources.map((r) => r.name));
    const names = new Set(Object.values(s.state.requests).flatMap((r) => (r.assets ?? []).map((a) => a.name)));
    for (const c of Object.values(s.state.changes)) for (const a of [...(c.assets ?? []), ...(c.configuration_items ?? [])]) names.add(a.name);
    expect([...names].filter((n) => !pam.has(n))).toEqual(['kiosk-17']);
  });
});

describe('errors and notes over HTTP', () => {
  it('ping, and the error kinds of both modes', async () => {
    expect(await aliceByKey().ping()).toEqual({ message: 'Connected to ServiceDesk Plus' });
    const badKey = createSdpClient(connector('api-key'), transport({ key: 'nope' }));
    await expect(badKey.ping()).rejects.toMatchObject({ kind: 'bad-credentials' });
    await expect(aliceByKey().getTicket('request', '9999')).rejects.toMatchObject({ kind: 'not-found', message: 'ServiceDesk Plus has no request 9999.' });
    const erin = createSdpClient(connector('api-key'), transport({ key: KEYS.erin }));
    await expect(erin.getTicket('change', '2001')).rejects.toMatchObject({ kind: 'forbidden' });
    const session = await login(s.url, 'alice', 'Alice#2024');
    const bySession = createSdpClient(connector('session'), transport({ session }));
    expect((await bySession.getTicket('request', '1001')).state).toBe('open');
    await fetch(new URL('/logout', s.url), { headers: { Cookie: session.cookie }, redirect: 'manual' });
    await expect(bySession.getTicket('request', '1001')).rejects.toMatchObject({ kind: 'signed-out' });
  });

  it('notes land on the ticket in both modes (session with CSRF), change notes without show_to_requester', async () => {
    await aliceByKey().addNote('incident', '1004', 'PAM360 session to db-linux-02 <root>');
    const session = await login(s.url, 'bob', 'Bob#2024');
    await createSdpClient(connector('session'), transport({ session })).addNote('change', '2006', 'Session opened');
    expect(s.state.notes.map(({ kind, id, description, by }) => [kind, id, description, by])).toEqual([
      ['request', '1004', '<p>PAM360 session to db-linux-02 &lt;root&gt;</p>', 'alice'],
      ['change', '2006', '<p>Session opened</p>', 'bob'],
    ]);
  });
});
