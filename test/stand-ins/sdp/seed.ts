// Seed data of the SDP stand-in: the compact, hand-editable form of seed.json and a loader that
// fails loudly on a broken seed (a silently wrong seed makes every test lie). state.ts turns it
// into v3 API objects with times relative to the moment the server starts (or is reset).
import { fileURLToPath } from 'node:url';
import { loadSeedWith, uniqueCheck } from '../shared/seed-file';

export interface SeedTechnician {
  id: string;
  /** Login name (login form) — also the PAM360 stand-in's username for the same person. */
  login: string;
  name: string;
  email: string;
  /** Personal API key, sent as the `authtoken` (or legacy `TECHNICIAN_KEY`) header. */
  apiKey: string;
  password: string;
  roles?: string[];
  /** 'assigned': sees only tickets assigned to them (403 / 4002 for others). Default 'all'. */
  scope?: 'all' | 'assigned';
}

/** Requesters and approvers (people who are not technicians here). */
export interface SeedUser {
  id: string;
  name: string;
  email: string;
}

export interface SeedAsset {
  id: string;
  name: string;
  productType: string;
  state: string;
  ip: string;
}

export interface SeedRequest {
  id: string;
  subject: string;
  /** request_type.name: "Incident" or "Service Request". */
  type: string;
  /** status.name, e.g. "Open", "Onhold", "Closed", or a custom one. */
  status: string;
  /** Technician login; absent = unassigned. */
  technician?: string;
  /** Requester user id. */
  requester: string;
  /** Asset names (must exist in `assets`). */
  assets: string[];
  /** approval_status.name; absent = no approval_status at all. */
  approval?: string;
  priority: string;
  /** created_time = start − hoursAgo. */
  hoursAgo: number;
}

export interface SeedApprovalLevel {
  name: string;
  status: string;
  approvers: { user: string; status: string }[];
}

export interface SeedChange {
  id: string;
  /** display_id, "CH-n". */
  displayId: string;
  title: string;
  type: string;
  /** Stage internal_name: submission, planning, approval, implementation, uat, release, review, close. */
  stage: string;
  status: string;
  approval: string;
  /** change_owner login. */
  owner?: string;
  requester: string;
  /** Scheduled window in hours relative to start: [from, to]. */
  window: [number, number];
  assets: string[];
  /** Configuration item names. */
  cis: string[];
  levels: SeedApprovalLevel[];
}

export interface Seed {
  technicians: SeedTechnician[];
  users: SeedUser[];
  assets: SeedAsset[];
  requests: SeedRequest[];
  changes: SeedChange[];
  tasks: { id: string; title: string; status: string; request?: string }[];
  problems: { id: string; title: string; status: string }[];
}

export const defaultSeedPath = fileURLToPath(new URL('./seed.json', import.meta.url));

/** Loads a seed from a path (default: seed.json next to this file) or clones a given object. */
export function loadSeed(seed: Seed | string = defaultSeedPath): Seed {
  return loadSeedWith(seed, assertSeed);
}

const unique = uniqueCheck('SDP seed');

function assertSeed(data: unknown): asserts data is Seed {
  const d = data as Partial<Seed> | null;
  for (const key of ['technicians', 'users', 'assets', 'requests', 'changes', 'tasks', 'problems'] as const) {
    if (!d || !Array.isArray(d[key])) throw new Error(`SDP seed: "${key}" must be an array`);
  }
  const seed = d as Seed;
  unique('technician login', seed.technicians.map((t) => t.login.toLowerCase()));
  unique('api key', seed.technicians.map((t) => t.apiKey.toUpperCase()));
  unique('user id', [...seed.technicians, ...seed.users].map((u) => u.id));
  unique('request id', seed.requests.map((r) => r.id));
  unique('change id', seed.changes.map((c) => c.id));
  const logins = new Set(seed.technicians.map((t) => t.login));
  const users = new Set(seed.users.map((u) => u.id));
  const assets = new Set(seed.assets.map((a) => a.name));
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`SDP seed: ${what}`);
  };
  for (const r of [...seed.requests, ...seed.changes]) {
    check(/^\d+$/.test(r.id), `ticket id "${r.id}" must be digits`);
    check(users.has(r.requester), `ticket ${r.id} has unknown requester ${r.requester}`);
    for (const a of r.assets) check(assets.has(a), `ticket ${r.id} has unknown asset ${a}`);
  }
  for (const r of seed.requests) check(!r.technician || logins.has(r.technician), `request ${r.id} has unknown technician`);
  for (const c of seed.changes) {
    check(!c.owner || logins.has(c.owner), `change ${c.id} has unknown owner`);
    for (const l of c.levels) for (const a of l.approvers) check(users.has(a.user), `change ${c.id} has unknown approver ${a.user}`);
  }
}
