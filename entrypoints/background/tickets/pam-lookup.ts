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

export function toSessionResource({ resource, accounts }: ResourceWithAccounts): SessionResource {
  return {
    id: resource.id,
    name: resource.name,
    type: resource.type,
    dnsName: resource.dnsName,
    accounts: accounts.map((account) => ({
      id: account.id,
      name: account.name,
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
