// Live data of the ServiceNow stand-in: Table API rows built from the seed (times relative to
// `now`), plus what the server records (work notes, comments, API calls, sessions, OAuth tokens).
// Kept apart from HTTP so test hooks (setRecord, expireTokens) act on the same truth as the routes.
import { createHash } from 'node:crypto';
import { glideTime, INACTIVE_STATES, PREFIXES, type Row } from './glide';
import { TASK_TABLES, type Seed, type SeedUser, type TaskTable } from './seed';

export type { Row } from './glide';
export type AuthKind = 'session' | 'basic' | 'bearer' | 'api-key' | 'none';

export interface JournalEntry {
  table: string;
  sys_id: string;
  text: string;
  /** user_name of the writer. */
  by: string;
  /** ISO time. */
  at: string;
}

export interface ApiCall {
  method: string;
  path: string;
  auth: AuthKind;
  /** user_name when authenticated. */
  user?: string;
  /** The query parameters, when there were any. */
  query?: Record<string, string>;
}

export interface Session {
  user_name: string;
  /** The session's CSRF token: `g_ck` in pages, required as X-UserToken on API calls. */
  gck: string;
  /** Records opened in the workspace, oldest first (the workspace's record tabs). */
  tabs: { table: string; sys_id: string }[];
}

export interface Token {
  user_name: string;
  client_id: string;
  /** epoch ms. */
  expiresAt: number;
}

export interface State {
  /** table → sys_id → row. Tables: the task tables, sys_user, sys_user_group, cmdb_ci, task_ci, sysapproval_approver. */
  records: Record<string, Record<string, Row>>;
  /** sys_id → user_names a row-level read ACL denies. */
  acl: Record<string, string[]>;
  workNotes: JournalEntry[];
  /** Customer-visible comments, kept apart so a test can prove notes never land here. */
  comments: JournalEntry[];
  apiCalls: ApiCall[];
  /** JSESSIONID → session. */
  sessions: Map<string, Session>;
  /** OAuth tokens by value; a used refresh token is deleted (rotation). */
  tokens: { access: Map<string, Token>; refresh: Map<string, Token> };
  /** Seeded people with their credentials, OAuth clients and API keys. */
  users: SeedUser[];
  oauthClients: Seed['oauthClients'];
  apiKeys: Seed['apiKeys'];
  /** Last number handed out per prefix (setRecord on a new record). */
  counters: Record<string, number>;
}

const HOUR = 3_600_000;

/** A stable 32-hex sys_id for derived rows (task_ci, approvals): same seed, same ids. */
export function derivedSysId(...parts: string[]): string {
  return createHash('md5').update(`pam-bridge:${parts.join(':')}`).digest('hex');
}

/** Builds the live state from a (validated) seed, anchoring relative times at `now`. */
export function createState(seed: Seed, now = Date.now()): State {
  const records: State['records'] = {
    sys_user: {}, sys_user_group: {}, cmdb_ci: {}, task_ci: {}, sysapproval_approver: {},
    ...Object.fromEntries(TASK_TABLES.map((t) => [t, {}])),
  };
  const created = glideTime(now - 96 * HOUR);
  const system = { sys_created_on: created, sys_created_by: 'admin', sys_updated_on: created, sys_updated_by: 'admin' };
  const userId = (name?: string) => seed.users.find((u) => u.user_name === name)?.sys_id ?? '';
  const ciId = (name?: string) => seed.cis.find((c) => c.name === name)?.sys_id ?? '';

  for (const u of seed.users) {
    records['sys_user']![u.sys_id] = {
      sys_id: u.sys_id, user_name: u.user_name, name: u.name, email: u.email, active: 'true', time_zone: u.timeZone,
      web_service_access_only: String(Boolean(u.webServiceOnly)), sys_class_name: 'sys_user', ...system,
    };
  }
  for (const g of seed.groups) records['sys_user_group']![g.sys_id] = { sys_id: g.sys_id, name: g.name, sys_class_name: 'sys_user_group', ...system };
  for (const c of seed.cis) {
    records['cmdb_ci']![c.sys_id] = {
      sys_id: c.sys_id, name: c.name, fqdn: c.fqdn, ip_address: c.ip_address, sys_class_name: c.sys_class_name,
      operational_status: '1', ...system,
    };
  }
  const acl: State['acl'] = {};
  const counters: State['counters'] = {};
  for (const r of seed.records) {
    const opened = glideTime(now - (r.openedHoursAgo ?? 24) * HOUR);
    const caller = userId(r.caller);
    const row: Row = {
      sys_id: r.sys_id, number: r.number, short_description: r.short_description, description: r.short_description,
      state: r.state, active: String(r.active ?? !INACTIVE_STATES[r.table].includes(r.state)),
      approval: r.approval ?? 'not requested', assigned_to: userId(r.assigned_to),
      assignment_group: seed.groups.find((g) => g.name === r.assignment_group)?.sys_id ?? '',
      cmdb_ci: ciId(r.cmdb_ci), priority: r.priority ?? '4', opened_at: opened, opened_by: caller,
      sys_class_name: r.table, work_notes: '', comments: '',
      ...system, sys_created_on: opened, sys_updated_on: opened,
    };
    if (r.table === 'incident') row['caller_id'] = caller;
    if (r.table === 'change_request') {
      row['type'] = r.type ?? 'normal';
      row['start_date'] = r.window ? glideTime(now + r.window[0] * HOUR) : '';
      row['end_date'] = r.window ? glideTime(now + r.window[1] * HOUR) : '';
    }
    if (r.table === 'sc_req_item') {
      row['requested_for'] = caller;
      row['stage'] = r.stage ?? 'fulfillment';
    }
    if (r.table === 'sc_task') row['request_item'] = seed.records.find((p) => p.number === r.parent)?.sys_id ?? '';
    records[r.table]![r.sys_id] = row;
    if (r.hiddenFrom?.length) acl[r.sys_id] = [...r.hiddenFrom];
    // The platform copies the primary CI into the affected CIs (task_ci) [I]; then the extra ones.
    for (const name of new Set([r.cmdb_ci, ...(r.affectedCis ?? [])].filter((n): n is string => Boolean(n)))) {
      const id = derivedSysId('task_ci', r.number, name);
      records['task_ci']![id] = { sys_id: id, task: r.sys_id, ci_item: ciId(name), sys_class_name: 'task_ci', ...system };
    }
    for (const [i, a] of (r.approvers ?? []).entries()) {
      const id = derivedSysId('approval', r.number, a.user);
      const at = glideTime(now - (r.openedHoursAgo ?? 24) * HOUR + (i + 1) * 60_000);
      records['sysapproval_approver']![id] = {
        sys_id: id, sysapproval: r.sys_id, approver: userId(a.user), state: a.state, sys_class_name: 'sysapproval_approver',
        ...system, sys_created_on: at, sys_updated_on: at,
      };
    }
    const prefix = PREFIXES[r.table];
    counters[prefix] = Math.max(counters[prefix] ?? 0, Number(r.number.slice(prefix.length)));
  }
  return {
    records, acl, workNotes: [], comments: [], apiCalls: [], sessions: new Map(),
    tokens: { access: new Map(), refresh: new Map() },
    users: seed.users, oauthClients: seed.oauthClients, apiKeys: seed.apiKeys, counters,
  };
}

/** The seeded person with this user_name (case-insensitive, as ServiceNow logins are). */
export function userByName(state: State, userName: string): SeedUser | undefined {
  const wanted = userName.trim().toLowerCase();
  return state.users.find((u) => u.user_name.toLowerCase() === wanted);
}

/** Where a sys_id lives among the task tables (task / sysapproval references point at any of them). */
export function findTask(state: State, sysId: string): { table: TaskTable; row: Row } | undefined {
  for (const table of TASK_TABLES) {
    const row = state.records[table]?.[sysId];
    if (row) return { table, row };
  }
  return undefined;
}

/** Row-level read ACL: denied rows, and task_ci / approval rows of denied tasks. */
export function canRead(state: State, userName: string, row: Row): boolean {
  const denied = (id: string | undefined) => Boolean(id && state.acl[id]?.includes(userName));
  return !denied(row['sys_id']) && !denied(row['task']) && !denied(row['sysapproval']);
}

/** A bare new task row for setRecord (numbered after the seed's last). */
export function newTaskRow(state: State, table: TaskTable, sysId: string): Row {
  const prefix = PREFIXES[table];
  const n = (state.counters[prefix] = (state.counters[prefix] ?? 0) + 1);
  const now = glideTime(Date.now());
  return {
    sys_id: sysId, number: `${prefix}${String(n).padStart(7, '0')}`, short_description: '', description: '',
    state: table === 'change_request' ? '-5' : table === 'problem' ? '101' : '1', active: 'true', approval: 'not requested',
    assigned_to: '', assignment_group: '', cmdb_ci: '', priority: '4', opened_at: now, opened_by: '', sys_class_name: table,
    work_notes: '', comments: '', sys_created_on: now, sys_created_by: 'admin', sys_updated_on: now, sys_updated_by: 'admin',
    ...(table === 'change_request' ? { type: 'normal', start_date: '', end_date: '' } : {}),
  };
}
