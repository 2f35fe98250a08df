// Live data of the SDP stand-in: v3 API objects built from the seed (times relative to `now`),
// plus what the server records (notes, API calls, sessions). Kept apart from HTTP so test
// hooks (setRequest, setChange) act on the same truth as the routes and the pages.
import { VIEWS } from './pages/tables';
import type { SdpAsset, SdpChange, SdpProblem, SdpRequest, SdpTask, SdpTime, SdpUserRef } from './pages/types';
import type { Seed, SeedTechnician, SeedUser } from './seed';

export type Technician = SeedTechnician;
export type V3User = SdpUserRef & { is_vipuser?: boolean };
/** A v3 request as `GET /api/v3/requests/{id}` answers it (the page renderer's shape + extras). */
export type V3Request = SdpRequest & {
  description?: string;
  requester?: V3User;
  priority?: { id: string; name: string };
  created_time?: SdpTime;
  has_notes?: boolean;
  is_service_request?: boolean;
};
export type V3Change = SdpChange & { description?: string; change_requester?: V3User; created_time?: SdpTime };
export interface V3Approval {
  id: string;
  approver: V3User;
  status: { id: string; name: string };
  comments: string | null;
}
export interface V3ApprovalLevel {
  id: string;
  level: number;
  name: string;
  status: { id: string; name: string };
  /** Served by the approvals endpoint only, not in the level list. */
  approvals: V3Approval[];
}
export interface NoteRecord {
  kind: 'request' | 'change';
  id: string;
  description: string;
  /** Technician login. */
  by: string;
  at: string;
}
export interface ApiCall {
  method: string;
  path: string;
  auth: 'session' | 'api-key' | 'none';
  /** Technician login when authenticated. */
  user?: string;
}
export interface Session {
  login: string;
  csrf: string;
}

export interface State {
  technicians: Technician[];
  users: SeedUser[];
  requests: Record<string, V3Request>;
  changes: Record<string, V3Change>;
  /** Change id → its approval levels (with approvers). */
  approvalLevels: Record<string, V3ApprovalLevel[]>;
  tasks: Record<string, SdpTask>;
  problems: Record<string, SdpProblem>;
  assets: Record<string, SdpAsset>;
  notes: NoteRecord[];
  apiCalls: ApiCall[];
  /** JSESSIONID → session. */
  sessions: Map<string, Session>;
}

// Status / approval ids as a default install might number them [I]; only names matter to clients.
const STATUS_IDS: Record<string, string> = { Open: '2', Onhold: '3', Closed: '1', Resolved: '4', Cancelled: '5' };
const APPROVAL_IDS: Record<string, string> = { 'Pending Approval': '1', Approved: '2', Rejected: '3', 'To Be Sent': '4' };
const HOUR = 3_600_000;

const fmt = new Intl.DateTimeFormat('en-US', {
  month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: true, timeZone: 'UTC',
});
/** `{value: epoch ms as string, display_value: "Nov 24, 2025 09:10 AM"}` as v3 sends times. */
export function v3Time(ms: number): SdpTime {
  return { value: String(Math.round(ms)), display_value: fmt.format(ms).replace(/, (\d{2}:)/, ' $1') };
}

const named = (name: string, ids: Record<string, string>) => ({ id: ids[name] ?? String(90 + name.length), name });
const approvalStatus = (name: string) => named(name, APPROVAL_IDS);

/** The embedded user object v3 puts in technician / requester / approver fields. */
export function userRef(u: SeedUser | Technician): V3User {
  return { id: u.id, name: u.name, email_id: u.email, is_vipuser: false };
}

/** Builds the live state from a (validated) seed, anchoring relative times at `now`. */
export function createState(seed: Seed, now = Date.now()): State {
  const tech = (login?: string) => seed.technicians.find((t) => t.login === login);
  const user = (id: string) => seed.users.find((u) => u.id === id)!;
  const asset = (name: string) => seed.assets.find((a) => a.name === name)!;
  const state: State = {
    technicians: seed.technicians, users: seed.users, requests: {}, changes: {}, approvalLevels: {},
    tasks: {}, problems: {}, assets: {}, notes: [], apiCalls: [], sessions: new Map(),
  };
  for (const a of seed.assets) {
    state.assets[a.id] = { id: a.id, name: a.name, product_type: { name: a.productType }, state: { name: a.state }, ip_address: a.ip };
  }
  for (const r of seed.requests) {
    const technician = tech(r.technician);
    state.requests[r.id] = {
      id: r.id, display_id: r.id, subject: r.subject, description: `<div>${r.subject}</div>`,
      status: named(r.status, STATUS_IDS),
      ...(r.approval ? { approval_status: approvalStatus(r.approval) } : {}),
      request_type: { name: r.type },
      ...(technician ? { technician: userRef(technician) } : {}),
      requester: userRef(user(r.requester)),
      group: { id: '3', name: 'Server Team' }, site: { id: '1', name: 'Frankfurt HQ' },
      priority: { id: String(r.priority.length), name: r.priority },
      created_time: v3Time(now - r.hoursAgo * HOUR),
      assets: r.assets.map((n) => ({ id: asset(n).id, name: n })),
      udf_fields: {}, has_notes: false, is_service_request: r.type !== 'Incident',
    };
  }
  for (const c of seed.changes) {
    const index = VIEWS.stages.findIndex(([internal]) => internal === c.stage);
    if (index < 0) throw new Error(`SDP seed: change ${c.id} has unknown stage ${c.stage}`);
    const owner = tech(c.owner);
    state.changes[c.id] = {
      id: c.id, display_id: c.displayId, title: c.title, description: `<div>${c.title}</div>`,
      change_type: { name: c.type },
      stage: { name: VIEWS.stages[index]![1], internal_name: c.stage, stage_index: index + 1 },
      status: { name: c.status }, approval_status: approvalStatus(c.approval),
      ...(owner ? { change_owner: userRef(owner) } : {}),
      change_requester: userRef(user(c.requester)),
      scheduled_start_time: v3Time(now + c.window[0] * HOUR),
      scheduled_end_time: v3Time(now + c.window[1] * HOUR),
      created_time: v3Time(now - 48 * HOUR),
      assets: c.assets.map((n) => ({ id: asset(n).id, name: n })),
      configuration_items: c.cis.map((n, i) => ({ id: String(4000 + Number(c.id) * 10 + i), name: n })),
    };
    state.approvalLevels[c.id] = c.levels.map((l, i) => ({
      id: `${c.id}${i + 1}`, level: i + 1, name: l.name, status: approvalStatus(l.status),
      approvals: l.approvers.map((a, j) => ({
        id: `${c.id}${i + 1}${j + 1}`, approver: userRef(user(a.user)), status: approvalStatus(a.status), comments: null,
      })),
    }));
  }
  for (const t of seed.tasks) {
    state.tasks[t.id] = { id: t.id, title: t.title, status: { name: t.status }, ...(t.request ? { request: { id: t.request, display_id: t.request } } : {}) };
  }
  for (const p of seed.problems) state.problems[p.id] = { id: p.id, title: p.title, status: { name: p.status } };
  return state;
}

/** The technician owning an API key (case-insensitive, as keys are GUIDs). */
export function technicianByKey(state: State, key: string): Technician | undefined {
  return state.technicians.find((t) => t.apiKey.toUpperCase() === key.trim().toUpperCase());
}

/** The technician with a login name (case-insensitive). */
export function technicianByLogin(state: State, login: string): Technician | undefined {
  return state.technicians.find((t) => t.login.toLowerCase() === login.trim().toLowerCase());
}

/** 'assigned'-scope technicians see only tickets whose technician / change owner they are. */
export function canSee(t: Technician, ticket: V3Request | V3Change): boolean {
  if ((t.scope ?? 'all') === 'all') return true;
  const assignee = 'stage' in ticket ? ticket.change_owner : ticket.technician;
  return assignee?.id === t.id;
}
