/**
 * Answers a differently-written but faithful PAM360 could give (research/pam360-api.md §2–§3):
 * the same facts in shapes our own fixtures and stand-in never use. Each case is one envelope
 * variant; the client must read it the same way as the canonical shape, or fail the way the
 * canonical failure does.
 */
import { describe, expect, it } from 'vitest';
import accountList from './fixtures/resource-accountlist.json';
import resourcesList from './fixtures/resources-list.json';
import validateReason from './fixtures/validate-helpdesk-reason.json';
import { createPam360Client } from './client';
import { Pam360Error } from './errors';
import { fakePam, recordingSleep, reply, SERVER, TOKEN, type Respond } from './fake-fetch.test-helper';
import { accessFromStatus } from './normalise';

function client(respond: Respond) {
  const fake = fakePam(respond);
  return createPam360Client({ serverUrl: SERVER, getToken: async () => TOKEN, fetch: fake.fetch, sleep: recordingSleep().sleep });
}

const ok = { status: 'Success', message: 'Resources fetched successfully' };
const row = (id: string | number, name: string) => ({ 'RESOURCE ID': id, 'RESOURCE NAME': name, 'RESOURCE TYPE': 'Windows', 'RESOURCE DESCRIPTION': '', NOOFACCOUNTS: '1' });
const accountsDetails = accountList.operation.Details;
const withAccounts = (Details: unknown) => client(() => reply({ operation: { name: 'GET RESOURCE ACCOUNTLIST', result: ok, Details } }));

describe('envelope variants', () => {
  it.each([
    ['Details null', { result: ok, totalRows: 0, Details: null }],
    ['Details []', { result: ok, totalRows: 0, Details: [] }],
    ['Details {}', { result: ok, totalRows: 0, Details: {} }],
    ['Details absent, totalRows absent', { result: ok }],
  ])('empty resource list as %s → no resources', async (_name, operation) => {
    expect(await client(() => reply({ operation })).searchResources({ value: 'x' })).toEqual({ total: 0, resources: [] });
    expect(await client(() => reply({ operation })).countResources()).toBe(0);
  });

  it('a one-row list sent as an object instead of an array', async () => {
    const operation = { result: ok, totalRows: 1, Details: row('301', 'srv-01') };
    const page = await client(() => reply({ operation })).searchResources({ value: 'srv-01' });
    expect(page.resources.map((r) => [r.id, r.name])).toEqual([['301', 'srv-01']]);
  });

  it.each([
    ['message null, name null', { name: null, result: { status: 'Success', message: null } }],
    ['message a number', { result: { status: 'Success', message: 0 } }],
    ['totalRows not a count', { result: ok, totalRows: 'n/a' }],
    ['totalRows negative', { result: ok, totalRows: -1 }],
    ['statusCode 200 next to Success', { result: { ...ok, statusCode: 200 } }],
    ['status a boolean', { result: { status: true } }],
  ])('non-essential envelope fields in odd forms do not fail a success (%s)', async (_name, operation) => {
    const details = { ...operation, Details: resourcesList.operation.Details };
    const page = await client(() => reply({ operation: details })).searchResources({ value: 'srv' });
    expect(page.resources).toHaveLength(3);
  });

  it('a UTF-8 byte-order mark before the JSON', async () => {
    const page = await client(() => reply(`\uFEFF${JSON.stringify(resourcesList)}`)).searchResources({ value: 'srv' });
    expect(page.total).toBe(3);
  });

  it('a Failed envelope with a message that is not a string is still a failure', async () => {
    await expect(client(() => reply({ operation: { result: { status: 'Failed', message: { text: 'x' } } } })).ping()).rejects.toMatchObject({ kind: 'failed' });
  });
});

describe('Details shapes', () => {
  it('accounts list Details wrapped in a one-element array', async () => {
    const { resource, accounts } = await withAccounts([accountsDetails]).resourceWithAccounts('301');
    expect([resource.name, accounts.length]).toEqual(['srv-01', 3]);
  });

  it('ACCOUNT LIST with one account sent as an object', async () => {
    const [first] = accountsDetails['ACCOUNT LIST'];
    const { accounts } = await withAccounts({ ...accountsDetails, 'ACCOUNT LIST': first }).resourceWithAccounts('301');
    expect(accounts.map((a) => [a.id, a.access])).toEqual([['4001', 'viewable']]);
  });

  it('validateHelpDeskID STATUSCODE 3 inside a one-element Details array → reason-required', async () => {
    const operation = { ...validateReason.operation, Details: [{ STATUSCODE: '3' }] };
    await expect(client(() => reply({ operation })).validateHelpDeskId('4001', { reason: '', ticketId: 'T' })).rejects.toMatchObject({ kind: 'reason-required' });
  });
});

describe('key spellings (RESOURCE ID / RESOURCEID / RESOURCE_ID …)', () => {
  it('resource rows keyed RESOURCEID / RESOURCE_NAME', async () => {
    const Details = [{ RESOURCEID: 301, RESOURCE_NAME: 'srv-01', RESOURCETYPE: 'Windows' }];
    const page = await client(() => reply({ operation: { result: ok, totalRows: 1, Details } })).searchResources({ value: 'srv-01' });
    expect(page.resources).toEqual([{ id: '301', name: 'srv-01', type: 'Windows', description: '', accountCount: 0 }]);
  });

  it('getResourceIdAccountId answered with "RESOURCE ID" / "ACCOUNT ID"', async () => {
    const operation = { result: { status: 'Success' }, Details: { 'RESOURCE ID': '301', 'ACCOUNT ID': '4001' } };
    expect(await client(() => reply({ operation })).resolveIds('srv-01', 'Administrator')).toEqual({ resourceId: '301', accountId: '4001' });
  });

  it('accounts keyed ACCOUNTID / ACCOUNT_NAME / PASSWD ID / DNSNAME', async () => {
    const { 'DNS NAME': dns, 'ACCOUNT LIST': list, ...resource } = accountsDetails;
    const [first] = list;
    const { 'ACCOUNT ID': id, 'ACCOUNT NAME': name, PASSWDID, ...rest } = first!;
    const Details = { ...resource, DNSNAME: dns, ACCOUNTLIST: [{ ...rest, ACCOUNTID: id, ACCOUNT_NAME: name, 'PASSWD ID': PASSWDID }] };
    const { accounts } = await withAccounts(Details).resourceWithAccounts('301');
    expect(accounts.map((a) => [a.id, a.name, a.passwdId, a.protocols.length])).toEqual([['4001', 'Administrator', '5001', 2]]);
  });

  it('the canonical key wins when both spellings are present', async () => {
    const Details = [{ ...row('301', 'srv-01'), RESOURCEID: '999' }];
    const page = await client(() => reply({ operation: { result: ok, Details } })).searchResources({ value: 'srv-01' });
    expect(page.resources[0]?.id).toBe('301');
  });
});

describe('value forms', () => {
  const account = (fields: Record<string, unknown>) => ({ 'ACCOUNT ID': '1', 'ACCOUNT NAME': 'a', 'PASSWORD STATUS': '****', ...fields });
  const resourceOf = (fields: Record<string, unknown>, accounts: unknown[]) => ({ 'RESOURCE NAME': 'srv', 'DNS NAME': 'srv.corp', ...fields, 'ACCOUNT LIST': accounts });

  it.each([
    ['"true"', 'true', true],
    ['"TRUE"', 'TRUE', true],
    ['" True "', ' True ', true],
    ['true', true, true],
    ['1', 1, true],
    ['"1"', '1', true], // [I] undocumented; read as set, the stricter reading
    ['0', 0, false],
    ['"false"', 'false', false],
    ['null', null, false],
    ['an object', {}, false],
  ])('flag %s → %s', async (_name, value, expected) => {
    const { accounts } = await withAccounts(resourceOf({}, [account({ IS_TICKETID_REQD: value })])).resourceWithAccounts('301');
    expect(accounts[0]?.ticketRequired).toBe(expected);
  });

  it('resource restriction flags as numbers', async () => {
    const details = resourceOf({ ISRDPRESTRICTED: 1, NEWSSHTERMINAL: 1 }, [account({ AUTOLOGONLIST: ['Windows Remote Desktop', 'SSH'] })]);
    const { resource, accounts } = await withAccounts(details).resourceWithAccounts('301');
    expect([resource.rdpRestricted, resource.newSshTerminal]).toEqual([true, true]);
    expect(accounts[0]?.protocols.map((p) => `${p.id}@${p.page}`)).toEqual(['ssh@ssh.ma']);
  });

  it('text fields as booleans or numbers become text', async () => {
    const details = resourceOf({ 'RESOURCE DESCRIPTION': false, 'RESOURCE TYPE': 7 }, [account({ ACCOUNT_DESCRIPTION: true, PASSWDID: 5001 })]);
    const { resource, accounts } = await withAccounts(details).resourceWithAccounts('301');
    expect([resource.description, resource.type, accounts[0]?.description, accounts[0]?.passwdId]).toEqual(['false', '7', 'true', '5001']);
  });

  it.each([
    ['an array', ['SSH', 'Telnet']],
    ['an array with empty and non-text entries', ['SSH', null, '', 3, 'Telnet']],
    ['a comma-separated string', 'SSH, Telnet'],
    ['a bracketed string', '[SSH, Telnet]'],
    ['a JSON array in a string', '["SSH","Telnet"]'],
  ])('AUTOLOGONLIST as %s', async (_name, value) => {
    const { accounts } = await withAccounts(resourceOf({}, [account({ AUTOLOGONLIST: value })])).resourceWithAccounts('301');
    expect(accounts[0]?.protocols.map((p) => p.id)).toEqual(['ssh', 'telnet']);
  });

  it('AUTOLOGONSTATUS is free text on PAM360 builds: it never takes protocols away', async () => {
    // Shape of a PAM360 answer seen in public integration docs: a sentence instead of "ALLOWED".
    const status = 'User is not allowed to automatically logging in to remote systems in mobile';
    const { accounts } = await withAccounts(resourceOf({}, [account({ AUTOLOGONLIST: ['Putty', 'SSH'], AUTOLOGONSTATUS: status })])).resourceWithAccounts('301');
    expect(accounts[0]?.protocols.map((p) => p.id)).toEqual(['ssh']);
  });
});

describe('PASSWORD STATUS spellings', () => {
  it.each([
    ['[Waiting For Approval]', 'waiting-for-approval'],
    ['Waiting for approval', 'waiting-for-approval'],
    ['[ Request ]', 'request'],
    ['Request', 'request'],
    ['[CheckOut]', 'check-out'],
    ['[check out]', 'check-out'],
    ['**** [Check In]', 'checked-out-by-me'],
    ['****[CheckIn]', 'checked-out-by-me'],
    ['[In  Use]', 'in-use'],
    ['In Use', 'in-use'],
    ['Requested.pdf', 'unknown'],
  ] as const)('%j → %s', (status, access) => {
    expect(accessFromStatus(status)).toBe(access);
  });
});

describe('failures stay failures', () => {
  it('an accounts list without Details (or Details null) is unexpected, not an empty resource', async () => {
    for (const operation of [{ result: ok }, { result: ok, Details: null }]) {
      const error = await client(() => reply({ operation }))
        .resourceWithAccounts('301')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Pam360Error);
      expect((error as Pam360Error).kind).toBe('unexpected');
    }
  });

  it('a list with two or more elements is not taken as the accounts-list object', async () => {
    await expect(withAccounts([accountsDetails, accountsDetails]).resourceWithAccounts('301')).rejects.toMatchObject({ kind: 'unexpected' });
  });
});
