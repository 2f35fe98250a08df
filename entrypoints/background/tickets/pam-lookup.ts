/**
 * From the machines named on a ticket to what PAM360 offers for them: resources (exact name,
 * DNS name or IP matches only), their accounts, and what each account allows.
 */
import type { SessionAccount, SessionResource } from '@/utils/messaging/protocol';
import type { Pam360Client } from '../pam360/client';
import type { Pam360Account, ResourceWithAccounts } from '../pam360/types';

/** How the technician can use an account right now. */
export function sessionAccess(account: Pam360Account): SessionAccount['access'] {
  switch (account.access) {
    case 'request':
      return 'request';
    case 'waiting-for-approval':
      return 'waiting-for-approval';
    case 'in-use':
      return 'in-use';
    default:
      // viewable, auto-logon only, approved ([Check Out]), checked out by me, or unknown text
      return account.protocols.length > 0 ? 'ready' : 'no-autologon';
  }
}

const ACCESS_NOTE: Record<SessionAccount['access'], string> = {
  ready: '',
  request: ' (needs approval)',
  'waiting-for-approval': ' (waiting for approval)',
  'in-use': ' (in use by someone else)',
  'no-autologon': ' (no remote login allowed)',
};

/** A resource as the session picker shows it; labels are made here to keep page scripts small. */
export function toSessionResource({ resource, accounts }: ResourceWithAccounts, machine: string): SessionResource {
  const dns = resource.dnsName && resource.dnsName.toLowerCase() !== resource.name.toLowerCase() ? ` (${resource.dnsName})` : '';
  const forMachine = machine.toLowerCase() === resource.name.toLowerCase() ? '' : ` — for ${machine}`;
  return {
    id: resource.id,
    name: resource.name,
    label: `${resource.name}${dns}${forMachine}`,
    type: resource.type,
    dnsName: resource.dnsName,
    accounts: accounts.map((account) => ({
      id: account.id,
      name: account.name,
      label: account.name + ACCESS_NOTE[sessionAccess(account)],
      access: sessionAccess(account),
      protocols: account.protocols.map(({ id, label }) => ({ id, label })),
      ticketRequired: account.ticketRequired,
      reasonRequired: account.reasonRequired,
    })),
  };
}

export interface MachineMatch {
  name: string;
  resources: ResourceWithAccounts[];
}

/** One sentence about machines that cannot be reached through PAM360, if any. */
export function sessionNotice(matches: MachineMatch[]): string | undefined {
  if (matches.length === 0) return 'The ticket names no machine, so there is nothing to connect to.';
  const unmatched = matches.filter((m) => m.resources.length === 0).map((m) => m.name);
  if (unmatched.length === 0) return undefined;
  return `No PAM360 resource matches ${unmatched.join(', ')}, or it is not shared with you.`;
}

/** Each machine with its PAM360 resources (with accounts); machines are looked up in parallel. */
export async function lookUpMachines(client: Pam360Client, machines: string[]): Promise<MachineMatch[]> {
  const unique = [...new Map(machines.map((m) => [m.trim().toLowerCase(), m.trim()])).values()].filter(Boolean);
  return Promise.all(
    unique.map(async (name) => {
      const found = await client.findResourcesForMachine(name);
      return { name, resources: await Promise.all(found.map((r) => client.resourceWithAccounts(r.id))) };
    }),
  );
}

/**
 * The account a session would most likely use, for PAM360's own ticket pre-check: the first
 * account that can open a session, preferring ones that are ready now.
 */
export function likelyAccount(matches: MachineMatch[], target?: string): { resource: ResourceWithAccounts; account: Pam360Account } | undefined {
  const pool = target ? matches.filter((m) => m.name.toLowerCase() === target.toLowerCase()) : matches;
  const candidates = pool.flatMap((m) => m.resources.flatMap((resource) => resource.accounts.map((account) => ({ resource, account }))));
  return (
    candidates.find((c) => sessionAccess(c.account) === 'ready') ??
    candidates.find((c) => c.account.protocols.length > 0) ??
    candidates[0]
  );
}
