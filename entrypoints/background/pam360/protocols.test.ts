import { describe, expect, it } from 'vitest';
import { launchProtocols, type ProtocolResourceFacts } from './protocols';

const base: ProtocolResourceFacts = {
  dnsName: 'srv-01.corp.example',
  newSshTerminal: false,
  rdpRestricted: false,
  sshRestricted: false,
  localAutologonRestricted: false,
};
const ALL = ['Windows Remote Desktop', 'RDP Console Session', 'SSH', 'Telnet'];
const ids = (list: string[], facts: Partial<ProtocolResourceFacts> = {}) =>
  launchProtocols(list, { ...base, ...facts }).map((p) => p.id);

describe('launchProtocols', () => {
  it.each([
    ['all four offered', ALL, {}, ['rdp', 'rdp-console', 'ssh', 'telnet']],
    ['intersection only (Putty, VNC, SQL ignored)', ['Putty', 'SSH', 'VNC', 'SQL'], {}, ['ssh']],
    ['case and spaces do not matter', [' windows remote desktop ', 'ssh'], {}, ['rdp', 'ssh']],
    ['order is fixed, not AUTOLOGONLIST order', ['Telnet', 'SSH', 'RDP Console Session'], {}, ['rdp-console', 'ssh', 'telnet']],
    ['no DNS NAME → none', ALL, { dnsName: '' }, []],
    ['blank DNS NAME → none', ALL, { dnsName: '   ' }, []],
    ['ISRDPRESTRICTED drops both RDP kinds', ALL, { rdpRestricted: true }, ['ssh', 'telnet']],
    ['IS_SSH_RESTRICTED drops SSH and Telnet', ALL, { sshRestricted: true }, ['rdp', 'rdp-console']],
    ['both restricted → none', ALL, { rdpRestricted: true, sshRestricted: true }, []],
    ['local accounts auto-logon restricted → none', ALL, { localAutologonRestricted: true }, []],
    ['empty AUTOLOGONLIST → none', [], {}, []],
  ] as const)('%s', (_name, list, facts, expected) => {
    expect(ids([...list], facts)).toEqual(expected);
  });

  it('builds the launch page and query per protocol', () => {
    expect(launchProtocols(ALL, base)).toEqual([
      { id: 'rdp', label: 'Windows Remote Desktop', page: 'rdp.ma', query: { PROTOCOL: 'RDP' } },
      { id: 'rdp-console', label: 'RDP Console Session', page: 'rdp.ma', query: { PROTOCOL: 'RDP', console: 'on' } },
      { id: 'ssh', label: 'SSH', page: 'VirtualTerminalMenu.ma', query: { PROTOCOL: 'SSH' } },
      { id: 'telnet', label: 'Telnet', page: 'VirtualTerminalMenu.ma', query: { PROTOCOL: 'Telnet' } },
    ]);
  });

  it('uses ssh.ma only when NEWSSHTERMINAL is true; Telnet stays on VirtualTerminalMenu.ma', () => {
    const pages = launchProtocols(['SSH', 'Telnet'], { ...base, newSshTerminal: true }).map((p) => [p.id, p.page]);
    expect(pages).toEqual([
      ['ssh', 'ssh.ma'],
      ['telnet', 'VirtualTerminalMenu.ma'],
    ]);
  });
});
