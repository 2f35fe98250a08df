/**
 * Which remote sessions an account can be launched into, derived the way the vendor's own
 * extension does it (research/pam360-api.md §2.9). Pure: no I/O, table-tested.
 */

export type LaunchProtocolId = 'rdp' | 'rdp-console' | 'ssh' | 'telnet';

/** One launchable protocol: the web-UI page and the query the launcher posts to. */
export interface LaunchProtocol {
  id: LaunchProtocolId;
  /** PAM360's own name, as in AUTOLOGONLIST. */
  label: string;
  page: 'rdp.ma' | 'ssh.ma' | 'VirtualTerminalMenu.ma';
  query: { PROTOCOL: 'RDP' | 'SSH' | 'Telnet'; console?: 'on' };
}
/** Alias kept for readers of the design brief ("protocols: Protocol[]"). */
export type Protocol = LaunchProtocol;

/** The resource facts the derivation needs (normalised names). */
export interface ProtocolResourceFacts {
  dnsName: string;
  newSshTerminal: boolean;
  rdpRestricted: boolean;
  sshRestricted: boolean;
  localAutologonRestricted: boolean;
}

type Entry = { id: LaunchProtocolId; label: string; kind: 'rdp' | 'terminal' };

// Fixed order so the UI is stable whatever order AUTOLOGONLIST uses. VNC and SQL are left out:
// VNC launches with accountId -2 and SQL is not a remote session for a technician's machine.
const KNOWN: readonly Entry[] = [
  { id: 'rdp', label: 'Windows Remote Desktop', kind: 'rdp' },
  { id: 'rdp-console', label: 'RDP Console Session', kind: 'rdp' },
  { id: 'ssh', label: 'SSH', kind: 'terminal' },
  { id: 'telnet', label: 'Telnet', kind: 'terminal' },
];

function toProtocol(entry: Entry, newSshTerminal: boolean): LaunchProtocol {
  switch (entry.id) {
    case 'rdp':
      return { id: 'rdp', label: entry.label, page: 'rdp.ma', query: { PROTOCOL: 'RDP' } };
    case 'rdp-console':
      return { id: 'rdp-console', label: entry.label, page: 'rdp.ma', query: { PROTOCOL: 'RDP', console: 'on' } };
    case 'ssh':
      // ssh.ma is the newer terminal; only when the resource says NEWSSHTERMINAL = "true".
      return { id: 'ssh', label: entry.label, page: newSshTerminal ? 'ssh.ma' : 'VirtualTerminalMenu.ma', query: { PROTOCOL: 'SSH' } };
    case 'telnet':
      return { id: 'telnet', label: entry.label, page: 'VirtualTerminalMenu.ma', query: { PROTOCOL: 'Telnet' } };
  }
}

/**
 * Protocols offered for an account: AUTOLOGONLIST ∩ {Windows Remote Desktop, RDP Console
 * Session, SSH, Telnet} (case-insensitive), none when the resource has no DNS NAME, RDP ones
 * dropped when ISRDPRESTRICTED, SSH/Telnet when IS_SSH_RESTRICTED [I: Telnet shares the
 * terminal restriction], and all when IS_LOCAL_ACCOUNTS_AUTOLOGON_RESTRICTED — the API does
 * not say which accounts are "local" ([U]), so we stay conservative; PAM360 enforces it anyway.
 */
export function launchProtocols(autologonList: readonly string[], resource: ProtocolResourceFacts): LaunchProtocol[] {
  if (!resource.dnsName.trim() || resource.localAutologonRestricted) return [];
  const offered = new Set(autologonList.map((name) => name.trim().toLowerCase()));
  return KNOWN.filter((entry) => offered.has(entry.label.toLowerCase()))
    .filter((entry) => (entry.kind === 'rdp' ? !resource.rdpRestricted : !resource.sshRestricted))
    .map((entry) => toProtocol(entry, resource.newSshTerminal));
}
