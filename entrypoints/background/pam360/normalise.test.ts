import { describe, expect, it } from 'vitest';
import accountList from './fixtures/resource-accountlist.json';
import { accessFromStatus, resourceTypeNames, toResourceWithAccounts } from './normalise';
import { resourceAccountsSchema } from './schemas';

describe('accessFromStatus', () => {
  it.each([
    ['****', 'viewable'],
    ['********', 'viewable'],
    ['####', 'autologon-only'],
    ['[Request]', 'request'],
    ['[request]', 'request'],
    ['[Waiting for approval]', 'waiting-for-approval'],
    ['[Check Out]', 'check-out'],
    ['****[Check In]', 'checked-out-by-me'],
    ['[Check In]', 'checked-out-by-me'],
    ['[In Use]', 'in-use'],
    ['backup-key.pem', 'unknown'],
    ['', 'unknown'],
  ] as const)('%j → %s', (status, access) => {
    expect(accessFromStatus(status)).toBe(access);
  });
});

describe('toResourceWithAccounts', () => {
  const raw = resourceAccountsSchema.parse(accountList.operation.Details);
  const { resource, accounts } = toResourceWithAccounts(raw, 'ignored');

  it('normalises the resource to camelCase with real booleans', () => {
    expect(resource).toEqual({
      id: '301',
      name: 'srv-01',
      type: 'Windows',
      description: 'File server',
      dnsName: 'srv-01.corp.example',
      domainName: 'CORP',
      url: '',
      department: 'IT',
      location: 'Berlin',
      newSshTerminal: true,
      rdpRestricted: false,
      sshRestricted: false,
      localAutologonRestricted: false,
      reasonMandatory: false,
    });
  });

  it('normalises accounts: flags, access, protocols; numeric IDs become strings; missing flags are false', () => {
    expect(accounts.map((a) => [a.id, a.name, a.access, a.protocols.map((p) => `${p.id}@${p.page}`)])).toEqual([
      ['4001', 'Administrator', 'viewable', ['rdp@rdp.ma', 'rdp-console@rdp.ma']],
      ['4002', 'root', 'request', ['ssh@ssh.ma', 'telnet@VirtualTerminalMenu.ma']],
      ['4003', 'svc-backup', 'autologon-only', []],
    ]);
    expect(accounts[0]).toMatchObject({
      description: 'Local admin',
      passwdId: '5001',
      passwordStatus: '****',
      autologonList: ['Windows Remote Desktop', 'RDP Console Session'],
      autologonAllowed: true,
      reasonRequired: false,
      ticketRequired: true,
      ticketMandatory: true,
      ticketRequiredForAccessRequest: false,
      reasonRequiredForAccessRequest: false,
      remoteAppOnly: false,
    });
    expect(accounts[1]).toMatchObject({ reasonRequired: true, ticketRequiredForAccessRequest: true, reasonRequiredForAccessRequest: true });
    expect(accounts[2]).toMatchObject({
      description: '',
      autologonAllowed: false,
      reasonRequired: false,
      ticketRequired: false,
      ticketMandatory: false,
      remoteAppOnly: true,
    });
  });

  it('falls back to the requested ID when RESOURCE ID is absent', () => {
    const { 'RESOURCE ID': _omit, ...rest } = accountList.operation.Details;
    const parsed = resourceAccountsSchema.parse(rest);
    expect(toResourceWithAccounts(parsed, '777').resource.id).toBe('777');
  });
});

describe('resourceTypeNames (shape unknown in research: tolerant)', () => {
  it.each([
    [[{ 'RESOURCE TYPE': 'Windows' }, { RESOURCETYPE: 'Linux' }, { NAME: 'Cisco' }], ['Windows', 'Linux', 'Cisco']],
    [['Windows', 'Windows', ' Linux '], ['Windows', 'Linux']],
    [{ 'RESOURCE TYPES': [{ 'RESOURCE TYPE NAME': 'Oracle DB' }] }, ['Oracle DB']],
    [undefined, []],
    ['Windows', []],
    [[{ OTHER: 'x' }, 42, null], []],
  ])('%j → %j', (details, names) => {
    expect(resourceTypeNames(details)).toEqual(names);
  });
});
