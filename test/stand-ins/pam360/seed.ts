// Seed data for the PAM360 stand-in: the type, and a loader that validates just enough to fail
// loudly on a broken seed file (a silently wrong seed makes every test lie).
import { fileURLToPath } from 'node:url';
import { loadSeedWith, uniqueCheck } from '../shared/seed-file';

export interface SeedOrg {
  id: string;
  /** Display name (what the docs say orgName carries). */
  name: string;
  /** ORGURLNAME (what the vendor extension actually sends). */
  urlName: string;
  default?: boolean;
}

export interface SeedUser {
  id: string;
  username: string;
  fullName: string;
  email: string;
  /** REST API token (AUTHTOKEN). */
  token: string;
  /** Web-console password (console login form). */
  password: string;
  role: 'Administrator' | 'Password Administrator' | 'Password User';
  /** urlNames of the orgs this user belongs to; the first one is their own org. */
  orgs: string[];
  /** Registered hosts for the API host check; absent = any host. 'localhost' matches loopback. */
  allowedHosts?: string[];
  locked?: boolean;
}

export interface SeedResource {
  id: string;
  /** urlName of the owning org. */
  org: string;
  name: string;
  type: string;
  description: string;
  dnsName: string;
  ip: string;
  department: string;
  location: string;
  domainName?: string;
  url?: string;
  owner: string;
  newSshTerminal: boolean;
  rdpRestricted: boolean;
  sshRestricted: boolean;
  localAccountsAutologonRestricted?: boolean;
  /** Usernames the resource is shared with (owner included implicitly). */
  sharedWith: string[];
}

export interface SeedAccount {
  id: string;
  passwdId: string;
  resourceId: string;
  name: string;
  description: string;
  password: string;
  autologon: string[];
  autologonStatus: string;
  reasonRequired: boolean;
  /** IS_TICKETID_REQD: a ticket is checked on retrieval / launch. */
  ticketRequired: boolean;
  /** IS_TICKETID_REQD_MANDATORY: an empty ticket is not accepted. */
  ticketMandatory: boolean;
  /** IS_TICKETID_REQD_ACW: a ticket is checked on access-control requests. */
  ticketRequiredAcw: boolean;
  /** Password access control (request → approval → check out → check in). */
  accessControl: boolean;
  /** A valid ticket on requestpassword approves the request at once. */
  autoApproveWithTicket?: boolean;
  /** When set, only these users (plus the resource owner) see the account with full access. */
  sharedWith?: string[];
  /** Users who see the account as '####': no retrieval, auto-logon still allowed. */
  autologonOnly?: string[];
  favourite?: boolean;
}

export type TicketState = 'open' | 'closed' | 'unknown';

export interface SeedTicket {
  /** Opaque string: "1042", "CH-17", "INC0010023". */
  id: string;
  /** 'unknown' = the ticketing system answers "no such ticket" (same as absent). */
  state: TicketState;
  requester: string;
  title?: string;
}

export interface Seed {
  orgs: SeedOrg[];
  users: SeedUser[];
  resources: SeedResource[];
  accounts: SeedAccount[];
  tickets: SeedTicket[];
  ticketingDown?: boolean;
}

export const defaultSeedPath = fileURLToPath(new URL('./seed.json', import.meta.url));

/** Loads a seed from a path (default: seed.json next to this file) or clones a given object. */
export function loadSeed(seed: Seed | string = defaultSeedPath): Seed {
  return loadSeedWith(seed, assertSeed);
}

const unique = uniqueCheck('PAM360 seed');

function assertSeed(data: unknown): asserts data is Seed {
  const d = data as Partial<Seed> | null;
  for (const key of ['orgs', 'users', 'resources', 'accounts', 'tickets'] as const) {
    if (!d || !Array.isArray(d[key])) throw new Error(`PAM360 seed: "${key}" must be an array`);
  }
  const seed = d as Seed;
  unique('org id', seed.orgs.map((o) => o.id));
  unique('user id', seed.users.map((u) => u.id));
  unique('username', seed.users.map((u) => u.username.toLowerCase()));
  unique('token', seed.users.map((u) => u.token));
  unique('resource id', seed.resources.map((r) => r.id));
  unique('account id', seed.accounts.map((a) => a.id));
  unique('ticket id', seed.tickets.map((t) => t.id));
  const orgNames = new Set(seed.orgs.map((o) => o.urlName));
  const resourceIds = new Set(seed.resources.map((r) => r.id));
  for (const r of seed.resources) {
    if (!orgNames.has(r.org)) throw new Error(`PAM360 seed: resource ${r.name} has unknown org ${r.org}`);
  }
  for (const a of seed.accounts) {
    if (!resourceIds.has(a.resourceId)) {
      throw new Error(`PAM360 seed: account ${a.id} has unknown resource ${a.resourceId}`);
    }
  }
}
