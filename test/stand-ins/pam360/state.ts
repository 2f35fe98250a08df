// Live data of the stand-in and the rules that read it (visibility, PASSWORD STATUS, ticket checks).
// Kept apart from HTTP so tests and hooks (approve, setTicket) act on the same truth as the routes.
import { randomBytes } from 'node:crypto';
import type { Seed, SeedAccount, SeedOrg, SeedResource, SeedTicket, SeedUser } from './seed';
import * as T from './texts';

export type Org = SeedOrg;
export type User = SeedUser;
export type Resource = SeedResource;
/** Seeded account plus what the server tracks about it at run time. */
export type Account = SeedAccount & { lastAccessed?: string; lastModified?: string };
export type Ticket = SeedTicket;

/** One user's access-control request for one account. */
export interface AccessRequest {
  id: string;
  accountId: string;
  username: string;
  reason: string;
  ticketId: string;
  status: 'waiting' | 'approved' | 'checkedOut';
  requestedAt: string;
  approvedBy?: string;
}

export interface LaunchRecord {
  protocol: string;
  page: string;
  resourceId: string;
  accountId: string;
  resourceName: string;
  accountName: string;
  user: string;
  console: boolean;
  ticketId: string;
  reason: string;
  at: string;
}

export interface AuditEntry {
  'Operation Type': string;
  'User Name': string;
  'Resource Name': string;
  'Account Name': string;
  'Ticket ID': string;
  Reason: string;
  'Client Type': string;
  'Time Stamp': string;
}

export interface RecordedRequest {
  method: string;
  /** Pathname only; the token never appears here. */
  path: string;
  /** Query parameters except AUTHTOKEN and INPUT_DATA. */
  query: Record<string, string>;
  /** Lower-cased header names; the AUTHTOKEN value is replaced by "<redacted>". */
  headers: Record<string, string>;
  /** Parsed INPUT_DATA (or the raw string when it was not JSON); undefined when absent. */
  inputData: unknown;
  remoteAddress: string;
  at: string;
}

/** A successful validateHelpDeskID, remembered so a following launch can carry its ticket. */
export interface Validation {
  username: string;
  accountId: string;
  ticketId: string;
  reason: string;
  at: number;
}

export interface ConsoleSession {
  username: string;
  csrf: string;
}

export interface State {
  orgs: Org[];
  users: User[];
  resources: Resource[];
  accounts: Account[];
  tickets: Ticket[];
  ticketingDown: boolean;
  accessRequests: AccessRequest[];
  launches: LaunchRecord[];
  audit: AuditEntry[];
  requests: RecordedRequest[];
  validations: Validation[];
  sessions: Map<string, ConsoleSession>;
}

export function createState(seed: Seed): State {
  const s = structuredClone(seed);
  return {
    orgs: s.orgs,
    users: s.users,
    resources: s.resources,
    accounts: s.accounts,
    tickets: s.tickets,
    ticketingDown: s.ticketingDown ?? false,
    accessRequests: [],
    launches: [],
    audit: [],
    requests: [],
    validations: [],
    sessions: new Map(),
  };
}

export const lower = (v: string) => v.toLowerCase();
export const randomHex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();

/** A token shaped like PAM360's: uppercase hex, 8-4-4-4-12. */
export function newToken(): string {
  const h = randomHex(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function findOrg(state: State, name: string): Org | undefined {
  const n = lower(name.trim());
  return state.orgs.find((o) => lower(o.name) === n || lower(o.urlName) === n);
}

/** The user's own org: the first listed, else the default org. */
export function homeOrg(state: State, user: User): Org {
  const own = user.orgs[0] ? state.orgs.find((o) => o.urlName === user.orgs[0]) : undefined;
  const org = own ?? state.orgs.find((o) => o.default) ?? state.orgs[0];
  if (!org) throw new Error('PAM360 seed has no orgs');
  return org;
}

export function findUser(state: State, username: string): User | undefined {
  return state.users.find((u) => lower(u.username) === lower(username));
}

export function canSeeResource(user: User, r: Resource): boolean {
  return lower(r.owner) === lower(user.username) || r.sharedWith.some((n) => lower(n) === lower(user.username));
}

export function visibleResources(state: State, user: User, org: Org): Resource[] {
  return state.resources.filter((r) => r.org === org.urlName && canSeeResource(user, r));
}

/** 'full' = listed as usual, 'autologon' = listed as '####', 'none' = absent. */
export function accountAccess(state: State, user: User, a: Account): 'full' | 'autologon' | 'none' {
  const r = state.resources.find((x) => x.id === a.resourceId);
  if (!r || !canSeeResource(user, r)) return 'none';
  const me = lower(user.username);
  if (a.autologonOnly?.some((n) => lower(n) === me)) return 'autologon';
  if (a.sharedWith && lower(r.owner) !== me && !a.sharedWith.some((n) => lower(n) === me)) return 'none';
  return 'full';
}

export function visibleAccounts(state: State, user: User, r: Resource): Account[] {
  return state.accounts.filter((a) => a.resourceId === r.id && accountAccess(state, user, a) !== 'none');
}

export function myRequest(state: State, user: User, a: Account): AccessRequest | undefined {
  return state.accessRequests.find((q) => q.accountId === a.id && lower(q.username) === lower(user.username));
}

/** PASSWORD STATUS as the accounts list shows it to this user (research §2.3). */
export function passwordStatus(state: State, user: User, a: Account): string {
  if (accountAccess(state, user, a) === 'autologon') return '####';
  if (!a.accessControl) return '****';
  const mine = myRequest(state, user, a);
  if (mine?.status === 'checkedOut') return '****[Check In]';
  const other = state.accessRequests.find((q) => q.accountId === a.id && q !== mine && q.status === 'checkedOut');
  if (other) return '[In Use]';
  if (mine?.status === 'waiting') return '[Waiting for approval]';
  if (mine?.status === 'approved') return '[Check Out]';
  return '[Request]';
}

/** Checks a non-empty ticket against the registry; returns an error message or null. */
export function checkTicket(state: State, user: User, ticketId: string): string | null {
  if (state.ticketingDown) return T.TICKETING_DOWN;
  const t = state.tickets.find((x) => x.id === ticketId);
  if (!t || t.state === 'unknown') return T.ticketInvalid(ticketId);
  if (t.state === 'closed') return T.ticketClosed(ticketId);
  if (lower(t.requester) !== lower(user.username)) return T.ticketNotYours(ticketId);
  return null;
}

export interface GateInput {
  reason: string;
  ticketId: string;
}
export interface GateFailure {
  message: string;
  statusCode?: number;
}

/**
 * Reason + ticket rules for one account. kind 'retrieve' uses IS_TICKETID_REQD, 'acw' uses
 * IS_TICKETID_REQD_ACW, 'validate' uses either (the pre-check covers both paths).
 */
export function gate(state: State, user: User, a: Account, input: GateInput, kind: 'retrieve' | 'acw' | 'validate'): GateFailure | null {
  if (a.reasonRequired && !input.reason.trim()) return { message: T.REASON_REQUIRED, statusCode: 3 };
  const needed =
    kind === 'retrieve' ? a.ticketRequired : kind === 'acw' ? a.ticketRequiredAcw : a.ticketRequired || a.ticketRequiredAcw;
  if (!needed) return null;
  const ticket = input.ticketId.trim();
  if (!ticket) return a.ticketMandatory ? { message: T.TICKET_REQUIRED } : null;
  const err = checkTicket(state, user, ticket);
  return err ? { message: err } : null;
}

/** PMP-style audit time stamp, e.g. "Nov 24, 2025 07:54 AM". */
export function auditTime(d = new Date()): string {
  const date = d.toLocaleDateString('en-US', { month: 'short', day: '2-digit', year: 'numeric' });
  const time = d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', hour12: true });
  return `${date} ${time}`;
}

export function addAudit(state: State, op: string, user: string, fields: Partial<AuditEntry> = {}): AuditEntry {
  const entry: AuditEntry = {
    'Operation Type': op,
    'User Name': user,
    'Resource Name': '',
    'Account Name': '',
    'Ticket ID': '',
    Reason: '',
    'Client Type': 'REST API',
    'Time Stamp': auditTime(),
    ...fields,
  };
  state.audit.push(entry);
  return entry;
}

export function resourceOf(state: State, a: Account): Resource {
  const r = state.resources.find((x) => x.id === a.resourceId);
  if (!r) throw new Error(`account ${a.id} has no resource`);
  return r;
}
