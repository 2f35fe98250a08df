// Seed data of the ServiceNow stand-in: the compact, hand-editable form of seed.json and a loader
// that fails loudly on a broken seed (a silently wrong seed makes every test lie). state.ts turns
// it into Table API rows with times relative to the moment the server starts (or is reset).
import { fileURLToPath } from 'node:url';
import { loadSeedWith, uniqueCheck } from '../shared/seed-file';

export const TASK_TABLES = ['incident', 'change_request', 'sc_req_item', 'sc_task', 'problem'] as const;
export type TaskTable = (typeof TASK_TABLES)[number];

export interface SeedUser {
  sys_id: string;
  /** Login name — also the PAM360 stand-in's username for the same person. */
  user_name: string;
  name: string;
  email: string;
  /** Absent: cannot sign in at all (approvers, callers). */
  password?: string;
  /** "Web service access only" (integration users): API yes, login.do no. */
  webServiceOnly?: boolean;
  roles: string[];
  /** IANA zone: display values of date-times are shown in the reader's zone, as Glide does. */
  timeZone: string;
}

export interface SeedCi {
  sys_id: string;
  name: string;
  fqdn: string;
  ip_address: string;
  /** e.g. cmdb_ci_win_server, cmdb_ci_linux_server. */
  sys_class_name: string;
}

export interface SeedRecord {
  table: TaskTable;
  sys_id: string;
  number: string;
  short_description: string;
  /** The stored (numeric) state value. */
  state: string;
  /** Default: false for the table's closed/canceled states, true otherwise. */
  active?: boolean;
  /** approval value; default "not requested". */
  approval?: string;
  /** user_name. */
  assigned_to?: string;
  /** Group name. */
  assignment_group?: string;
  /** Caller (incident) / requested_for (RITM) / opened_by, user_name. */
  caller?: string;
  /** Primary CI name (also added to task_ci, as the platform's CI sync does). */
  cmdb_ci?: string;
  /** More affected CIs (task_ci rows), by name. */
  affectedCis?: string[];
  /** Planned window in hours relative to start: start_date / end_date. */
  window?: [number, number];
  /** change_request type: normal / standard / emergency. */
  type?: string;
  /** sysapproval_approver rows. */
  approvers?: { user: string; state: string }[];
  /** sc_task: the RITM number it belongs to (request_item). */
  parent?: string;
  priority?: string;
  /** sc_req_item stage value. */
  stage?: string;
  openedHoursAgo?: number;
  /** user_names a row-level read ACL denies. */
  hiddenFrom?: string[];
  /** What the record exercises (README, tests). */
  note: string;
}

export interface Seed {
  users: SeedUser[];
  groups: { sys_id: string; name: string }[];
  cis: SeedCi[];
  oauthClients: { name: string; client_id: string; client_secret: string }[];
  /** Inbound REST API keys (`x-sn-apikey`), each acting as one user. */
  apiKeys: { name: string; key: string; user: string }[];
  records: SeedRecord[];
}

export const defaultSeedPath = fileURLToPath(new URL('./seed.json', import.meta.url));

/** Loads a seed from a path (default: seed.json next to this file) or clones a given object. */
export function loadSeed(seed: Seed | string = defaultSeedPath): Seed {
  return loadSeedWith(seed, assertSeed);
}

const SYS_ID = /^[0-9a-f]{32}$/;
const unique = uniqueCheck('ServiceNow seed');

function assertSeed(data: unknown): asserts data is Seed {
  const d = data as Partial<Seed> | null;
  for (const key of ['users', 'groups', 'cis', 'oauthClients', 'apiKeys', 'records'] as const) {
    if (!d || !Array.isArray(d[key])) throw new Error(`ServiceNow seed: "${key}" must be an array`);
  }
  const seed = d as Seed;
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`ServiceNow seed: ${what}`);
  };
  const all = [...seed.users, ...seed.groups, ...seed.cis, ...seed.records];
  for (const row of all) check(SYS_ID.test(row.sys_id), `sys_id "${row.sys_id}" is not 32 hex digits`);
  unique('sys_id', all.map((r) => r.sys_id));
  unique('user_name', seed.users.map((u) => u.user_name));
  unique('number', seed.records.map((r) => r.number));
  unique('CI name', seed.cis.map((c) => c.name));
  const users = new Set(seed.users.map((u) => u.user_name));
  const groups = new Set(seed.groups.map((g) => g.name));
  const cis = new Set(seed.cis.map((c) => c.name));
  const ritms = new Set(seed.records.filter((r) => r.table === 'sc_req_item').map((r) => r.number));
  for (const k of seed.apiKeys) check(users.has(k.user), `API key ${k.name} has unknown user ${k.user}`);
  for (const r of seed.records) {
    const at = `record ${r.number}`;
    check((TASK_TABLES as readonly string[]).includes(r.table), `${at} has unknown table ${r.table}`);
    check(/^[A-Z]{2,6}\d{7,10}$/.test(r.number), `${at}: number format`);
    check(/^-?\d+$/.test(r.state), `${at}: state must be the numeric value`);
    for (const u of [r.assigned_to, r.caller, ...(r.hiddenFrom ?? []), ...(r.approvers ?? []).map((a) => a.user)]) {
      check(u === undefined || users.has(u), `${at} has unknown user ${u}`);
    }
    check(!r.assignment_group || groups.has(r.assignment_group), `${at} has unknown group`);
    for (const ci of [r.cmdb_ci, ...(r.affectedCis ?? [])]) check(ci === undefined || cis.has(ci), `${at} has unknown CI ${ci}`);
    check(!r.parent || ritms.has(r.parent), `${at} has unknown parent ${r.parent}`);
    check(!r.window || (r.window.length === 2 && r.window[0] < r.window[1]), `${at}: window must be [from, to] hours`);
  }
}
