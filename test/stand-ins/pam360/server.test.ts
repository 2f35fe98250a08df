// The stand-in's REST behaviour, checked against research/pam360-api.md §2–§3 with exact values.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPam360StandIn, type Pam360StandIn } from './server';
import * as T from './texts';
import { call, env } from './testing';

let s: Pam360StandIn;
let ALICE: string, BOB: string, ADMIN: string;
beforeAll(async () => {
  s = await startPam360StandIn({ port: 0 });
});
afterAll(() => s.close());
beforeEach(() => {
  s.reset();
  s.resetFaults();
  [ALICE, BOB, ADMIN] = [s.tokenOf('alice'), s.tokenOf('bob'), s.tokenOf('admin')];
});
const names = (d: unknown) => (d as { 'RESOURCE NAME': string }[]).map((r) => r['RESOURCE NAME']);

describe('envelope and auth', () => {
  it('lists shared resources with string fields and totalRows', async () => {
    const op = await env(s.url, 'resources', { token: ALICE });
    expect(op.name).toBe('GET RESOURCES');
    expect(op.result).toEqual({ status: 'Success', message: 'Resources fetched successfully' });
    expect(op.totalRows).toBe(6);
    expect((op.Details as unknown[])[0]).toEqual({
      'RESOURCE ID': '304', 'RESOURCE NAME': 'app-linux-03', 'RESOURCE TYPE': 'Linux',
      'RESOURCE DESCRIPTION': 'Batch application host', NOOFACCOUNTS: '1',
    });
  });

  it('omits Details when there are zero rows', async () => {
    const op = await env(s.url, 'resources', { token: ALICE, details: { SEARCHVALUE: 'no-such-host' } });
    expect(op.totalRows).toBe(0);
    expect('Details' in op).toBe(false);
  });

  it('rejects bad and missing tokens with the exact text, HTTP 200', async () => {
    const expected = { name: 'Authentication', result: { status: 'Failed', message: T.BAD_TOKEN } };
    const res = await call(s.url, 'resources', { token: '00000000-0000-0000-0000-000000000000' });
    expect(res.status).toBe(200);
    expect((await res.json()).operation).toEqual(expected);
    expect(await env(s.url, 'resources')).toEqual(expected);
  });

  it('accepts the legacy ?AUTHTOKEN= query', async () => {
    const op = await env(s.url, 'resources', { query: { AUTHTOKEN: BOB } });
    expect(op.totalRows).toBe(4);
  });

  it('applies the registered-host check and the lock', async () => {
    expect((await env(s.url, 'resources', { token: s.tokenOf('svc-sync') })).result.message).toBe(T.HOST_NOT_ALLOWED);
    expect((await env(s.url, 'resources', { token: s.tokenOf('dave') })).result.message).toBe(T.LOGIN_DISABLED);
  });

  it('switches tenant by orgName (display or URL name, any case)', async () => {
    expect(names((await env(s.url, 'resources', { token: ADMIN })).Details)).toContain('dc01');
    for (const org of ['Acme Industries', 'ACMEINDUSTRIES']) {
      expect(names((await env(s.url, 'resources', { token: ADMIN, org })).Details)).toEqual(['acme-fs-01', 'acme-web-01']);
    }
    const unknown = await env(s.url, 'resources', { token: ADMIN, org: 'Globex' });
    expect(unknown).toEqual({ name: 'GET RESOURCES', result: { status: 'Failed', message: T.unknownOrg('Globex') } });
    expect((await env(s.url, 'resources', { token: ALICE, org: 'acmeindustries' })).result.message).toBe(T.notInOrg('acmeindustries'));
  });

  it('answers unknown routes like a servlet container', async () => {
    const res = await call(s.url, 'resources/nope/x/y', { token: ALICE });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('HTTP Status 404');
    expect((await call(s.url, 'accounts/3011/requestpassword', { token: ALICE })).status).toBe(405);
  });

  it('rejects harmful input with HTTP 599 and malformed INPUT_DATA with Failed', async () => {
    const harmful = await call(s.url, 'resources', { token: ALICE, details: { SEARCHVALUE: '<script>alert(1)</script>' } });
    expect(harmful.status).toBe(599);
    const bad = await env(s.url, 'resources', { token: ALICE, rawInput: '{"operation":{"Details":' });
    expect(bad).toEqual({ name: 'GET RESOURCES', result: { status: 'Failed', message: T.BAD_INPUT_DATA } });
    const lenient = await env(s.url, 'resources', { token: ALICE, rawInput: "{'operation':{'Details':{'SEARCHVALUE':'dc01'}}}" });
    expect(names(lenient.Details)).toEqual(['dc01']);
  });

  it('records requests without the token value', async () => {
    await call(s.url, 'resources', { token: ALICE, details: { LIMIT: '1' }, query: { AUTHTOKEN: ALICE } });
    const r = s.state.requests.at(-1);
    expect(r?.path).toBe('/restapi/json/v1/resources');
    expect(r?.headers['authtoken']).toBe('<redacted>');
    expect(r?.inputData).toEqual({ operation: { Details: { LIMIT: '1' } } });
    expect(JSON.stringify(s.state.requests)).not.toContain(ALICE);
  });
});

describe('resources', () => {
  it('pages 0-based and searches case-insensitively by column', async () => {
    const page = await env(s.url, 'resources', { token: ALICE, details: { STARTINDEX: '2', LIMIT: '2' } });
    expect([page.totalRows, names(page.Details)]).toEqual([6, ['dc01', 'intranet-portal']]);
    const search = async (SEARCHCOLUMN: string, SEARCHVALUE: string, SEARCHTYPE = 'RESOURCE') =>
      names((await env(s.url, 'resources', { token: ALICE, details: { SEARCHTYPE, SEARCHCOLUMN, SEARCHVALUE } })).Details ?? []);
    expect(await search('IPADDRESS', '10.0.2.')).toEqual(['app-linux-03', 'db-linux-02']);
    expect(await search('ALL', 'DB-LINUX-02.CORP')).toEqual(['db-linux-02']);
    expect(await search('RESOURCENAME', 'SRV-')).toEqual(['srv-legacy-04', 'srv-web-01']);
    expect(await search('RESOURCEDESC', 'domain controller')).toEqual(['dc01']);
    expect(await search('ALL', 'postgres', 'ACCOUNT')).toEqual(['db-linux-02']);
  });

  it('resolves names to IDs, Failed without Details when unknown or not shared', async () => {
    const ids = await env(s.url, 'resources/getResourceIdAccountId', { token: ALICE, query: { RESOURCENAME: 'srv-web-01', ACCOUNTNAME: 'Administrator' } });
    expect(ids.Details).toEqual({ RESOURCEID: '301', ACCOUNTID: '3011' });
    const hidden = await env(s.url, 'resources/getResourceIdAccountId', { token: BOB, query: { RESOURCENAME: 'db-linux-02', ACCOUNTNAME: 'oracle' } });
    expect(hidden).toEqual({ name: 'GET RESOURCEACCOUNTID', result: { status: 'Failed', message: T.accountNotFound('oracle') } });
    expect((await env(s.url, 'resources/resourcename/dc01', { token: ALICE })).Details).toEqual({ RESOURCEID: '302' });
    expect((await env(s.url, 'resources/resourcename/dc01', { token: BOB })).result.status).toBe('Failed');
  });

  it('lists accounts with string flags and PASSWORD STATUS per user', async () => {
    const alice = (await env(s.url, 'resources/303/accounts', { token: ALICE })).Details as Record<string, unknown>;
    expect(alice['NEWSSHTERMINAL']).toBe('true');
    expect(alice['DNS NAME']).toBe('db-linux-02.corp.example.com');
    const list = alice['ACCOUNT LIST'] as Record<string, unknown>[];
    expect(list.map((a) => [a['ACCOUNT NAME'], a['PASSWORD STATUS']])).toEqual([['root', '[Request]'], ['postgres', '****'], ['oracle', '****']]);
    expect(list[0]).toMatchObject({
      'ACCOUNT ID': '3031', PASSWDID: '5031', AUTOLOGONLIST: ['SSH', 'Telnet'], AUTOLOGONSTATUS: 'ALLOWED',
      ISREASONREQUIRED: 'true', IS_TICKETID_REQD: 'true', IS_TICKETID_REQD_MANDATORY: 'true', IS_TICKETID_REQD_ACW: 'true',
    });
    const bob = (await env(s.url, 'resources/303/accounts', { token: BOB })).Details as Record<string, unknown>;
    expect((bob['ACCOUNT LIST'] as Record<string, unknown>[]).map((a) => [a['ACCOUNT NAME'], a['PASSWORD STATUS']]))
      .toEqual([['root', '[Request]'], ['postgres', '####']]);
    const details = await env(s.url, 'resources/301/accounts/3011', { token: ALICE });
    expect(details.Details).toMatchObject({ PASSWDID: '5011', 'PASSWORD STATUS': '****', DESCRIPTION: 'Local admin' });
  });

  it('lists resource types of the org', async () => {
    const op = await env(s.url, 'resources/resourcetypes', { token: ADMIN, org: 'acmeindustries' });
    expect(op.Details).toEqual([{ 'RESOURCE TYPE ID': '1', 'RESOURCE TYPE': 'Linux' }, { 'RESOURCE TYPE ID': '2', 'RESOURCE TYPE': 'Windows' }]);
  });
});
