/**
 * The ServiceNow Table API client (research/itsm-portals.md §2.4–§2.6). Background only: the
 * transport adds authentication (Basic, Bearer/OAuth, `x-sn-apikey`, or the technician's
 * session with `X-UserToken`); this module builds Table API calls, reads the envelopes and
 * normalises. A ticket is one record read + its affected CIs + (changes, RITMs) its approvers.
 */
import type * as z from 'zod';
import type { Connector } from '@/utils/config/schema';
import type { Person, TicketKind } from '@/utils/tickets/types';
import { ItsmError, type ItsmClient, type ItsmRequest, type ItsmTransport } from '../types';
import { parseAnswer, readAnswer, type CallContext } from './envelope';
import { taskToTicket } from './normalise';
import { anyRecordSchema, approverSchema, listAnswer, recordAnswer, taskCiSchema, taskSchema, userSchema } from './schemas';
import { isSnTable, SN_TABLES, SYS_ID, TABLE_NOUNS, TABLE_OF_KIND, type SnTable } from './tables';

/**
 * Fields read from every ticket table. Dot-walked fields (`assigned_to.user_name`,
 * `cmdb_ci.fqdn`) are allowed in sysparm_fields [D] and come back as flat keys.
 */
export const TICKET_FIELDS = [
  'sys_id', 'number', 'short_description', 'state', 'active', 'approval',
  'assigned_to', 'assigned_to.user_name', 'assigned_to.email',
  'cmdb_ci', 'cmdb_ci.name', 'cmdb_ci.fqdn', 'cmdb_ci.ip_address',
] as const;
/** Extra change_request fields: the planned window and the type (standard changes are pre-approved). */
export const CHANGE_FIELDS = ['type', 'start_date', 'end_date'] as const;
export const TASK_CI_FIELDS = ['ci_item', 'ci_item.name', 'ci_item.fqdn', 'ci_item.ip_address'] as const;
export const APPROVER_FIELDS = ['state', 'approver'] as const;
/** Tables whose approvals are worth listing (research §2.4, §2.7: RITM approval lives on sc_req_item). */
const APPROVAL_TABLES: readonly SnTable[] = ['change_request', 'sc_req_item'];
/** Bounds the extra reads; a ticket with more affected CIs or approvers than this is not the norm. */
const ROW_LIMIT = '50';

const TABLE_API = '/api/now/table';
/** `display_value=all` gives value and label of every field in one read; no reference links. */
const READ = { sysparm_display_value: 'all', sysparm_exclude_reference_link: 'true' } as const;

/** Creates the ServiceNow client for one connector. */
export function createServiceNowClient(connector: Connector, transport: ItsmTransport): ItsmClient {
  const auth = connector.auth.type;

  async function call(request: ItsmRequest, what: string, write = false): Promise<unknown> {
    const headers: Record<string, string> = { ...request.headers, Accept: 'application/json' };
    if (request.json !== undefined) headers['Content-Type'] = 'application/json';
    const response = await transport({ ...request, headers });
    const ctx: CallContext = { auth, what, ...(write ? { write } : {}) };
    return readAnswer(response, ctx);
  }

  /** Table (explicit, else from the kind) and sys_id, both checked before any call (design rule 6). */
  function target(kind: TicketKind, id: string, table?: string): { table: SnTable; sysId: string; what: string } {
    const chosen = table ?? TABLE_OF_KIND[kind];
    if (!isSnTable(chosen)) {
      throw new ItsmError('failed', `PAM Bridge does not read ServiceNow "${chosen.slice(0, 40)}" records.`, `supported tables: ${SN_TABLES.join(', ')}`);
    }
    const sysId = id.trim().toLowerCase();
    if (!SYS_ID.test(sysId)) throw new ItsmError('not-found', `"${id.slice(0, 40)}" is not a ServiceNow record id.`);
    return { table: chosen, sysId, what: `${TABLE_NOUNS[chosen]} ${sysId}` };
  }

  /** Rows of a related list; a table the caller may not read (403/404) gives none. */
  async function related<S extends z.ZodType>(table: string, query: string, fields: readonly string[], schema: S, what: string): Promise<z.output<S>[]> {
    try {
      const json = await call({
        method: 'GET',
        path: `${TABLE_API}/${table}`,
        query: { sysparm_query: query, sysparm_fields: fields.join(','), sysparm_limit: ROW_LIMIT, ...READ },
      }, what);
      return parseAnswer(listAnswer(schema), json, what).result;
    } catch (error) {
      if (error instanceof ItsmError && (error.kind === 'forbidden' || error.kind === 'not-found')) return [];
      throw error;
    }
  }

  return {
    async getTicket(kind, id, table) {
      const t = target(kind, id, table);
      const fields = t.table === 'change_request' ? [...TICKET_FIELDS, ...CHANGE_FIELDS] : [...TICKET_FIELDS];
      const json = await call({
        method: 'GET',
        path: `${TABLE_API}/${t.table}/${t.sysId}`,
        query: { ...READ, sysparm_fields: fields.join(',') },
      }, t.what);
      const task = parseAnswer(recordAnswer(taskSchema), json, t.what).result;
      const [cis, approvers] = await Promise.all([
        related('task_ci', `task=${t.sysId}`, TASK_CI_FIELDS, taskCiSchema, `affected CIs of ${t.what}`),
        APPROVAL_TABLES.includes(t.table)
          ? related('sysapproval_approver', `sysapproval=${t.sysId}^ORDERBYsys_created_on`, APPROVER_FIELDS, approverSchema, `approvers of ${t.what}`)
          : Promise.resolve([]),
      ]);
      return taskToTicket(connector, t.table, t.sysId, task, cis, approvers);
    },

    async ping() {
      // The common "who am I" query [P]: the server evaluates gs.getUserName() for the caller.
      // Limit 2: if an instance did not evaluate it and matched everyone, we must not name a stranger.
      const json = await call({
        method: 'GET',
        path: `${TABLE_API}/sys_user`,
        query: {
          sysparm_query: 'user_name=javascript:gs.getUserName()',
          sysparm_fields: 'sys_id,user_name,name,email',
          sysparm_limit: '2',
          sysparm_display_value: 'false',
        },
      }, 'your user record');
      const rows = parseAnswer(listAnswer(userSchema), json, 'your user record').result;
      const me = rows.length === 1 ? rows[0] : undefined;
      if (!me || !(me.name || me.user_name)) return { message: 'Connected to ServiceNow' };
      const user: Person = { name: me.name || me.user_name };
      if (me.user_name) user.login = me.user_name;
      if (me.email) user.email = me.email;
      if (me.sys_id) user.id = me.sys_id;
      return { message: `Signed in to ServiceNow as ${user.name}`, user };
    },

    async addNote(kind, id, text, table) {
      const t = target(kind, id, table);
      // ServiceNow silently ignores an empty journal entry: refuse it instead of "succeeding".
      if (!text.trim()) throw new ItsmError('failed', 'A work note cannot be empty.');
      const json = await call({
        method: 'PATCH',
        path: `${TABLE_API}/${t.table}/${t.sysId}`,
        query: { sysparm_fields: 'sys_id', sysparm_exclude_reference_link: 'true' },
        // work_notes is the internal journal; `comments` would be customer-visible (research §2.6).
        json: { work_notes: text },
      }, t.what, true);
      parseAnswer(recordAnswer(anyRecordSchema), json, t.what);
    },
  };
}
