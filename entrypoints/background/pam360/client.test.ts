import { describe, expect, it } from 'vitest';
import accountDetails from './fixtures/account-details.json';
import authFailed from './fixtures/auth-failed.json';
import hostNotAllowed from './fixtures/host-not-allowed.json';
import regenerate from './fixtures/regenerate-token.json';
import requestNotRaised from './fixtures/request-password-not-raised.json';
import requestOk from './fixtures/request-password-ok.json';
import resolveIds from './fixtures/resolve-ids.json';
import resolveNotFound from './fixtures/resolve-not-found.json';
import accountList from './fixtures/resource-accountlist.json';
import resourceByName from './fixtures/resource-by-name.json';
import resourceTypes from './fixtures/resource-types.json';
import resourcesEmpty from './fixtures/resources-empty.json';
import resourcesList from './fixtures/resources-list.json';
import validateOk from './fixtures/validate-helpdesk-ok.json';
import validateReason from './fixtures/validate-helpdesk-reason.json';
import validateRejected from './fixtures/validate-helpdesk-rejected.json';
import { createPam360Client } from './client';
import { Pam360Error } from './errors';
import { fakePam, recordingSleep, reply, SERVER, TOKEN, type Respond } from './fake-fetch.test-helper';

function setup(respond: Respond, orgName?: string) {
  const fake = fakePam(respond, orgName ? { orgName } : {});
  const client = createPam360Client({
    serverUrl: SERVER,
    ...(orgName ? { orgName } : {}),
    getToken: async () => TOKEN,
    fetch: fake.fetch,
    sleep: recordingSleep().sleep,
  });
  return { client, calls: fake.calls };
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Pam360Error) return error.kind;
    throw error;
  }
  return 'no error';
}

describe('ping and counts', () => {
  it('ping: GET resources/resourcetypes without INPUT_DATA, sends orgName when configured', async () => {
    const { client, calls } = setup(() => reply(resourceTypes), 'Acme');
    expect(await client.ping()).toEqual({ resourceTypes: ['Windows', 'Linux', 'MS SQL server'] });
    expect(calls.map((c) => [c.method, c.path, c.details])).toEqual([['GET', 'resources/resourcetypes', undefined]]);
  });

  it('ping accepts a "true" + statusCode 20000 envelope', async () => {
    const { client } = setup(() => reply(regenerate));
    expect(await client.ping()).toEqual({ resourceTypes: [] });
  });

  it.each([
    [authFailed, 'bad-token'],
    [hostNotAllowed, 'host-not-allowed'],
    [{ operation: { result: { status: 'true', statusCode: 40001, message: 'Nope' } } }, 'failed'],
  ])('ping maps %# to %s', async (fixture, kind) => {
    const { client } = setup(() => reply(fixture));
    expect(await kindOf(client.ping())).toBe(kind);
  });

  it.each([
    ['refused for the role', () => reply({ operation: { result: { status: 'Failed', message: 'You are not authorized to perform this operation.' } } })],
    ['missing on this build (404)', () => reply('<html>Not Found</html>', 404, 'text/html')],
  ])('ping falls back to GET resources (LIMIT 1) when resourcetypes is %s', async (_name, refused) => {
    const { client, calls } = setup((request) => (request.path === 'resources/resourcetypes' ? refused() : reply(resourcesList)));
    expect(await client.ping()).toEqual({ resourceTypes: [] });
    expect(calls.map((c) => [c.path, c.details])).toEqual([
      ['resources/resourcetypes', undefined],
      ['resources', { STARTINDEX: '0', LIMIT: '1' }],
    ]);
  });

  it('ping does not fall back on authentication failures, and reports the fallback failure', async () => {
    const auth = setup(() => reply(authFailed));
    expect(await kindOf(auth.client.ping())).toBe('bad-token');
    expect(auth.calls).toHaveLength(1);
    const notAuthorised = { operation: { result: { status: 'Failed', message: 'Invalid organization name.' } } };
    const both = setup(() => reply(notAuthorised));
    await expect(both.client.ping()).rejects.toMatchObject({ kind: 'failed', pamMessage: 'Invalid organization name.' });
    expect(both.calls.map((c) => c.path)).toEqual(['resources/resourcetypes', 'resources']);
  });

  it('countResources sends STARTINDEX 0, LIMIT 1 and returns totalRows', async () => {
    const { client, calls } = setup(() => reply(resourcesList));
    expect(await client.countResources()).toBe(3);
    expect(calls[0]?.details).toEqual({ STARTINDEX: '0', LIMIT: '1' });
    expect(calls[0]?.path).toBe('resources');
  });

  it('countResources is 0 when Details is absent', async () => {
    const { client } = setup(() => reply({ operation: { ...resourcesEmpty.operation, totalRows: 9 } }));
    expect(await client.countResources()).toBe(0);
  });
});

describe('searchResources', () => {
  it('sends the documented search fields and maps rows', async () => {
    const { client, calls } = setup(() => reply(resourcesList));
    const page = await client.searchResources({ value: ' srv-01 ', column: 'RESOURCENAME', startIndex: 50, limit: 50 });
    expect(calls[0]?.details).toEqual({ STARTINDEX: '50', LIMIT: '50', SEARCHTYPE: 'RESOURCE', SEARCHCOLUMN: 'RESOURCENAME', SEARCHVALUE: 'srv-01' });
    expect(page.total).toBe(3);
    expect(page.resources[0]).toEqual({ id: '301', name: 'srv-01', type: 'Windows', description: 'File server', accountCount: 3 });
  });

  it('defaults: column ALL, startIndex 0, limit 50; no Details → empty', async () => {
    const { client, calls } = setup(() => reply(resourcesEmpty));
    expect(await client.searchResources({ value: 'x' })).toEqual({ total: 0, resources: [] });
    expect(calls[0]?.details).toEqual({ STARTINDEX: '0', LIMIT: '50', SEARCHTYPE: 'RESOURCE', SEARCHCOLUMN: 'ALL', SEARCHVALUE: 'x' });
  });

  it('a row without RESOURCE ID → unexpected naming the path', async () => {
    const { client } = setup(() => reply({ operation: { result: { status: 'Success' }, totalRows: 1, Details: [{ 'RESOURCE NAME': 'a' }] } }));
    await expect(client.searchResources({ value: 'a' })).rejects.toMatchObject({
      kind: 'unexpected',
      detail: expect.stringMatching(/^GET RESOURCES: Details\.0\.RESOURCE ID: /),
    });
  });
});

describe('name → ID lookups', () => {
  it('resolveIds sends RESOURCENAME/ACCOUNTNAME as plain query params', async () => {
    const { client, calls } = setup(() => reply(resolveIds));
    expect(await client.resolveIds('srv 01', 'Administrator')).toEqual({ resourceId: '301', accountId: '4001' });
    expect(calls[0]?.path).toBe('resources/getResourceIdAccountId');
    expect(calls[0]?.url.searchParams.get('RESOURCENAME')).toBe('srv 01');
    expect(calls[0]?.url.searchParams.get('ACCOUNTNAME')).toBe('Administrator');
    expect(calls[0]?.details).toBeUndefined();
  });

  it('resolveIds: a "does not exist" Failed → not-found; other Failed → failed', async () => {
    expect(await kindOf(setup(() => reply(resolveNotFound)).client.resolveIds('nosuch', 'a'))).toBe('not-found');
    const other = { operation: { result: { status: 'Failed', message: 'You are not authorized to perform this operation.' } } };
    expect(await kindOf(setup(() => reply(other)).client.resolveIds('x', 'a'))).toBe('failed');
  });

  it('resourceIdByName URL-encodes the name and converts a numeric ID to a string', async () => {
    const { client, calls } = setup(() => reply(resourceByName));
    expect(await client.resourceIdByName('web/01 #2')).toBe('301');
    expect(calls[0]?.url.pathname).toBe('/restapi/json/v1/resources/resourcename/web%2F01%20%232');
  });

  it('resourceIdByName refuses "." and ".." without a request', async () => {
    const { client, calls } = setup(() => reply(resourceByName));
    expect(await kindOf(client.resourceIdByName('..'))).toBe('not-found');
    expect(calls).toHaveLength(0);
  });
});

describe('resource and account details', () => {
  it('resourceWithAccounts: GET resources/{rid}/accounts, normalised', async () => {
    const { client, calls } = setup(() => reply(accountList));
    const result = await client.resourceWithAccounts('301');
    expect(calls[0]?.path).toBe('resources/301/accounts');
    expect(result.resource.dnsName).toBe('srv-01.corp.example');
    expect(result.accounts.map((a) => a.access)).toEqual(['viewable', 'request', 'autologon-only']);
  });

  it('resourceWithAccounts refuses an ID that could change the path', async () => {
    const { client, calls } = setup(() => reply(accountList));
    expect(await kindOf(client.resourceWithAccounts('../password'))).toBe('not-found');
    expect(calls).toHaveLength(0);
  });

  it('resourceWithAccounts with Details missing → unexpected', async () => {
    const { client } = setup(() => reply({ operation: { result: { status: 'Success' } } }));
    expect(await kindOf(client.resourceWithAccounts('301'))).toBe('unexpected');
  });

  it('accountDetails: GET resources/{rid}/accounts/{aid}', async () => {
    const { client, calls } = setup(() => reply(accountDetails));
    const details = await client.accountDetails('301', '4001');
    expect(calls[0]?.path).toBe('resources/301/accounts/4001');
    expect(details).toMatchObject({ passwordStatus: '****[Check In]', access: 'checked-out-by-me', reasonMandatory: true, totpConfigured: false });
  });
});

describe('validateHelpDeskId', () => {
  it('GET accounts/{aid}/validateHelpDeskID with REASON and TICKETID in INPUT_DATA', async () => {
    const { client, calls } = setup(() => reply(validateOk));
    expect(await client.validateHelpDeskId('4001', { reason: 'INC-1234 patching', ticketId: 'INC-1234' })).toEqual({ ok: true });
    expect(calls.map((c) => [c.method, c.path, c.details])).toEqual([
      ['GET', 'accounts/4001/validateHelpDeskID', { REASON: 'INC-1234 patching', TICKETID: 'INC-1234' }],
    ]);
  });

  it("Failed → ticket-rejected with PAM360's message verbatim", async () => {
    const { client } = setup(() => reply(validateRejected));
    await expect(client.validateHelpDeskId('4001', { reason: 'r', ticketId: 'INC-1234' })).rejects.toMatchObject({
      kind: 'ticket-rejected',
      pamMessage: "The ticket 'INC-1234' is closed. Provide the ID of an open ticket.",
    });
  });

  it.each([3, '3'])('STATUSCODE %j → reason-required', async (code) => {
    const fixture = { operation: { ...validateReason.operation, Details: { STATUSCODE: code } } };
    expect(await kindOf(setup(() => reply(fixture)).client.validateHelpDeskId('4001', { reason: '', ticketId: 'T' }))).toBe('reason-required');
  });

  it('HTTP 404 → unsupported; authentication failures stay what they are', async () => {
    const input = { reason: 'r', ticketId: 'T' };
    expect(await kindOf(setup(() => reply('<html>Not Found</html>', 404, 'text/html')).client.validateHelpDeskId('4001', input))).toBe('unsupported');
    expect(await kindOf(setup(() => reply(authFailed)).client.validateHelpDeskId('4001', input))).toBe('bad-token');
    expect(await kindOf(setup(() => reply(hostNotAllowed)).client.validateHelpDeskId('4001', input))).toBe('host-not-allowed');
  });
});

describe('requestAccess', () => {
  it('POST accounts/{aid}/requestpassword with REASON, TICKETID, ACCESS now in the body', async () => {
    const { client, calls } = setup(() => reply(requestOk));
    expect(await client.requestAccess('4002', { reason: 'patching', ticketId: 'CHG-7' })).toEqual({ status: '[Waiting for approval]' });
    expect(calls.map((c) => [c.method, c.path, c.details])).toEqual([
      ['POST', 'accounts/4002/requestpassword', { REASON: 'patching', TICKETID: 'CHG-7', ACCESS: 'now' }],
    ]);
  });

  it('leaves TICKETID out when not given; falls back to the message when Details is absent', async () => {
    const { client, calls } = setup(() => reply({ operation: { result: { status: 'Success', message: 'Request raised' } } }));
    expect(await client.requestAccess('4002', { reason: 'patching' })).toEqual({ status: 'Request raised' });
    expect(calls[0]?.details).toEqual({ REASON: 'patching', ACCESS: 'now' });
  });

  it("\"can't be raised\" → ticket-rejected; anything else → failed; never retried", async () => {
    const rejected = setup(() => reply(requestNotRaised));
    expect(await kindOf(rejected.client.requestAccess('4002', { reason: 'r', ticketId: 'X' }))).toBe('ticket-rejected');
    const other = setup(() => reply({ operation: { result: { status: 'Failed', message: 'Access control is not enabled for this account.' } } }));
    expect(await kindOf(other.client.requestAccess('4002', { reason: 'r' }))).toBe('failed');
    const down = setup(() => reply('busy', 503));
    expect(await kindOf(down.client.requestAccess('4002', { reason: 'r' }))).toBe('unreachable');
    expect(down.calls).toHaveLength(1);
  });
});

describe('no password retrieval', () => {
  it('the client has no method that could reach /password', () => {
    const { client } = setup(() => reply(validateOk));
    expect(Object.keys(client).sort()).toEqual(
      [
        'accountDetails',
        'countResources',
        'findResourcesForMachine',
        'ping',
        'requestAccess',
        'resolveIds',
        'resourceIdByName',
        'resourceWithAccounts',
        'searchResources',
        'validateHelpDeskId',
      ].sort(),
    );
  });
});
