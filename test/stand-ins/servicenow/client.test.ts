// The product's ServiceNow client (entrypoints/background/itsm/servicenow) against the stand-in
// over real HTTP in all four auth modes: every seeded record normalises to the rule outcome the
// README promises, notes land as work notes, and ping names the caller.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServiceNowClient } from '@/entrypoints/background/itsm/servicenow';
import type { ItsmRequest, ItsmTransport } from '@/entrypoints/background/itsm/types';
import { connectorSchema, type Connector } from '@/utils/config/schema';
import type { Ticket } from '@/utils/tickets/types';
import pam360Seed from '../pam360/seed.json';
import seed from './seed.json';
import { startServiceNowStandIn, type ServiceNowStandIn } from './server';
import { authHeaders, CREDENTIALS, login, oauthToken, type Auth } from './testing';

let s: ServiceNowStandIn;
beforeAll(async () => {
  s = await startServiceNowStandIn({ port: 0 });
});
afterAll(() => s.close());
beforeEach(() => s.reset());

/** A minimal fetch transport adding one auth mode, as the product's transports do. */
function transport(auth: Auth): ItsmTransport {
  return async (r: ItsmRequest) => {
    const url = new URL(r.path, s.url);
    for (const [k, v] of Object.entries(r.query ?? {})) url.searchParams.set(k, v);
    const headers = { ...r.headers, ...authHeaders(auth, s.state) };
    const body = r.json === undefined ? undefined : JSON.stringify(r.json);
    const res = await fetch(url, { method: r.method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }) });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  };
}
const connector = (type: Connector['auth']['type']) =>
  connectorSchema.parse({ id: 'sn-test', kind: 'servicenow', name: 'ServiceNow stand-in', baseUrl: s.url, auth: { type } });
const basic = (who: { user: string; password: string }) => createServiceNowClient(connector('basic'), transport({ basic: who }));
const byNumber = (number: string) => seed.records.find((r) => r.number === number)!;
const KIND = { incident: 'incident', change_request: 'change', sc_req_item: 'request', sc_task: 'request', problem: 'problem' } as const;

async function ticket(number: string, client = basic(CREDENTIALS.svc)): Promise<Ticket> {
  const r = byNumber(number);
  return client.getTicket(KIND[r.table as keyof typeof KIND], r.sys_id, r.table);
}

/** What the rules read, compactly: state, approval, assignee, targets, implementation, window vs now. */
function outcome(t: Ticket) {
  const now = Date.now();
  const window = t.window ? (now < t.window.start ? 'future' : now > t.window.end ? 'past' : 'now') : undefined;
  return [t.kind, t.state, t.approval, t.assignee?.login, t.targets.join(','), t.stage?.implementation, window];
}

describe('every seeded record', () => {
  it.each([
    ['INC0010001', 'incident', 'in-progress', 'not-required', 'alice', 'srv-web-01', undefined, undefined],
    ['INC0010002', 'incident', 'closed', 'not-required', 'alice', 'srv-web-01', undefined, undefined],
    ['INC0010003', 'incident', 'resolved', 'not-required', 'alice', 'srv-web-01', undefined, undefined],
    ['INC0010004', 'incident', 'open', 'not-required', 'bob', 'srv-web-01', undefined, undefined],
    ['INC0010005', 'incident', 'in-progress', 'not-required', 'alice', 'kiosk-17', undefined, undefined],
    ['INC0010006', 'incident', 'in-progress', 'not-required', 'alice', 'app-linux-03', undefined, undefined],
    ['INC0010007', 'incident', 'cancelled', 'not-required', 'alice', 'srv-web-01', undefined, undefined],
    ['INC0010008', 'incident', 'in-progress', 'not-required', 'alice', 'db-linux-02', undefined, undefined],
    ['CHG0030001', 'change', 'in-progress', 'approved', 'alice', 'srv-web-01,dc01', true, 'now'],
    ['CHG0030002', 'change', 'in-progress', 'approved', 'alice', 'srv-web-01', true, 'now'],
    ['CHG0030003', 'change', 'open', 'pending', 'alice', 'srv-web-01', false, 'now'],
    ['CHG0030004', 'change', 'open', 'pending', 'alice', 'db-linux-02', false, 'now'],
    ['CHG0030005', 'change', 'in-progress', 'approved', 'alice', 'srv-web-01', true, 'past'],
    ['CHG0030006', 'change', 'cancelled', 'rejected', 'alice', 'srv-web-01', false, 'now'],
    ['CHG0030007', 'change', 'in-progress', 'approved', 'alice', 'srv-web-01', false, 'now'],
    ['CHG0030008', 'change', 'in-progress', 'not-required', 'alice', 'db-linux-02', true, 'now'],
    ['RITM0010001', 'request', 'open', 'approved', 'alice', 'db-linux-02', undefined, undefined],
    ['RITM0010002', 'request', 'open', 'pending', 'alice', 'srv-web-01', undefined, undefined],
    ['SCTASK0010001', 'request', 'open', 'not-required', 'alice', '', undefined, undefined],
    ['PRB0040001', 'problem', 'open', 'not-required', 'alice', 'app-linux-03', undefined, undefined],
  ])('%s → %s %s, approval %s, %s, [%s], implementation %s, window %s', async (number, ...expected) => {
    expect(outcome(await ticket(number))).toEqual(expected);
  });

  it('an exact ticket: number, title, label, table, URL, levels, assignee with login and email', async () => {
    const t = await ticket('CHG0030004');
    const r = byNumber('CHG0030004');
    expect(t).toEqual({
      portal: 'servicenow', connectorId: 'sn-test', kind: 'change', id: r.sys_id, table: 'change_request', displayId: 'CHG0030004',
      title: 'Patch db-linux-02 kernel', state: 'open', rawState: 'Authorize', approval: 'pending',
      approvalLevels: [
        { name: 'Carl Brandt', status: 'approved', rawStatus: 'Approved' },
        { name: 'Dana Fischer', status: 'pending', rawStatus: 'Requested' },
      ],
      stage: { name: 'Authorize', implementation: false },
      assignee: { name: 'Alice Moreau', id: seed.users[0]!.sys_id, login: 'alice', email: 'alice.moreau@corp.example.com' },
      window: { start: expect.any(Number), end: expect.any(Number) },
      targets: ['db-linux-02'], url: `${s.url}/change_request.do?sys_id=${r.sys_id}`,
    });
    expect(t.window!.end - t.window!.start).toBe(4 * 3_600_000);
  });

  it('every CI the seed names is a PAM360 stand-in resource, except kiosk-17', () => {
    const resources = new Set(pam360Seed.resources.map((r) => r.name));
    const cis = seed.cis.map((c) => c.name).filter((n) => !resources.has(n));
    expect(cis).toEqual(['kiosk-17']);
  });
});

describe('auth modes through the client', () => {
  it('Basic, API key, OAuth bearer and the session all read the same ticket and ping as their user', async () => {
    const session = await login(s.url, CREDENTIALS.alice.user, CREDENTIALS.alice.password);
    const { body } = await oauthToken(s.url, {
      grant_type: 'password', client_id: CREDENTIALS.oauth.clientId, client_secret: CREDENTIALS.oauth.clientSecret,
      username: CREDENTIALS.bob.user, password: CREDENTIALS.bob.password,
    });
    const clients = [
      [createServiceNowClient(connector('basic'), transport({ basic: CREDENTIALS.svc })), 'PAM Bridge Integration'],
      [createServiceNowClient(connector('api-key'), transport({ apiKey: CREDENTIALS.apiKey })), 'PAM Bridge Integration'],
      [createServiceNowClient(connector('oauth2'), transport({ bearer: body.access_token })), 'Bob Keller'],
      [createServiceNowClient(connector('session'), transport({ session })), 'Alice Moreau'],
    ] as const;
    for (const [client, name] of clients) {
      expect((await ticket('INC0010001', client)).displayId).toBe('INC0010001');
      expect((await client.ping()).message).toBe(`Signed in to ServiceNow as ${name}`);
    }
    expect(new Set(s.state.apiCalls.map((c) => c.auth))).toEqual(new Set(['basic', 'api-key', 'bearer', 'session']));
  });

  it('failures: session without X-UserToken → signed-out; expired token → bad-credentials; hidden → not-found', async () => {
    const session = await login(s.url, CREDENTIALS.alice.user, CREDENTIALS.alice.password);
    const noToken = createServiceNowClient(connector('session'), transport({ session, userToken: false }));
    await expect(ticket('INC0010001', noToken)).rejects.toMatchObject({ kind: 'signed-out' });
    const { body } = await oauthToken(s.url, {
      grant_type: 'password', client_id: CREDENTIALS.oauth.clientId, client_secret: CREDENTIALS.oauth.clientSecret,
      username: CREDENTIALS.alice.user, password: CREDENTIALS.alice.password,
    });
    s.expireTokens();
    const expired = createServiceNowClient(connector('oauth2'), transport({ bearer: body.access_token }));
    await expect(expired.ping()).rejects.toMatchObject({ kind: 'bad-credentials' });
    await expect(ticket('INC0010008', basic(CREDENTIALS.bob))).rejects.toMatchObject({
      kind: 'not-found', message: `ServiceNow has no incident ${byNumber('INC0010008').sys_id}, or does not let you see it.`,
    });
  });
});

describe('work notes', () => {
  it('addNote writes a work note (never a comment) as the caller; an inactive record refuses', async () => {
    const client = basic(CREDENTIALS.alice);
    await client.addNote('change', byNumber('CHG0030001').sys_id, 'PAM session opened by Alice Moreau on dc01');
    expect(s.state.workNotes).toEqual([{
      table: 'change_request', sys_id: byNumber('CHG0030001').sys_id, text: 'PAM session opened by Alice Moreau on dc01', by: 'alice', at: expect.any(String),
    }]);
    expect(s.state.comments).toEqual([]);
    await expect(client.addNote('incident', byNumber('INC0010002').sys_id, 'x')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
