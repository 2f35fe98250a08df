// What the stand-in knows about ServiceNow's data dictionary: which fields are references (and
// to which table), choice labels, date-time fields and journal fields. Just enough for the
// tables it serves; labels follow the base system [D where research has them, else I].
import { TASK_TABLES, type TaskTable } from './seed';

/** Rows are stored as the database holds them: every value a string ('' = empty). */
export type Row = Record<string, string>;

/** Reference fields → the table they point at ('task' = any task table, found by sys_id). */
export const REFERENCES: Readonly<Record<string, string>> = {
  assigned_to: 'sys_user',
  opened_by: 'sys_user',
  caller_id: 'sys_user',
  requested_for: 'sys_user',
  approver: 'sys_user',
  assignment_group: 'sys_user_group',
  cmdb_ci: 'cmdb_ci',
  ci_item: 'cmdb_ci',
  task: 'task',
  sysapproval: 'task',
  request_item: 'sc_req_item',
};

/** Each table's display field (what a reference to it shows). */
export const DISPLAY_FIELD: Readonly<Record<string, string>> = {
  sys_user: 'name',
  sys_user_group: 'name',
  cmdb_ci: 'name',
  task_ci: 'ci_item',
  sysapproval_approver: 'approver',
  ...Object.fromEntries(TASK_TABLES.map((t) => [t, 'number'])),
};

/** Stored as UTC "YYYY-MM-DD HH:mm:ss"; shown in the reader's zone. */
export const DATE_TIME_FIELDS: ReadonlySet<string> = new Set([
  'start_date', 'end_date', 'opened_at', 'closed_at', 'sys_created_on', 'sys_updated_on',
]);

/** Journal fields: write-only through the API (the value reads as ''), shown as the journal. */
export const JOURNAL_FIELDS: ReadonlySet<string> = new Set(['work_notes', 'comments']);

/** State labels per table (values research §2.4 [D]; catalog and problem [I]). */
export const STATE_LABELS: Readonly<Record<TaskTable, Record<string, string>>> = {
  incident: { '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled' },
  change_request: {
    '-5': 'New', '-4': 'Assess', '-3': 'Authorize', '-2': 'Scheduled', '-1': 'Implement', '0': 'Review', '3': 'Closed', '4': 'Canceled',
  },
  sc_req_item: { '-5': 'Pending', '1': 'Open', '2': 'Work in Progress', '3': 'Closed Complete', '4': 'Closed Incomplete', '7': 'Closed Skipped' },
  sc_task: { '-5': 'Pending', '1': 'Open', '2': 'Work in Progress', '3': 'Closed Complete', '4': 'Closed Incomplete', '7': 'Closed Skipped' },
  problem: { '101': 'New', '102': 'Assess', '103': 'Root Cause Analysis', '104': 'Fix in Progress', '106': 'Resolved', '107': 'Closed' },
};

/** States after which a record is inactive (`active` false) [I: base-system business rules]. */
export const INACTIVE_STATES: Readonly<Record<TaskTable, string[]>> = {
  incident: ['7', '8'],
  change_request: ['3', '4'],
  sc_req_item: ['3', '4', '7'],
  sc_task: ['3', '4', '7'],
  problem: ['107'],
};

const APPROVAL_LABELS = {
  'not requested': 'Not Yet Requested', requested: 'Requested', approved: 'Approved', rejected: 'Rejected',
  cancelled: 'Cancelled', not_required: 'No Longer Required', duplicate: 'Duplicate',
};

/** Other choice fields (field → value → label), the same on every table that has them. */
export const CHOICES: Readonly<Record<string, Record<string, string>>> = {
  approval: APPROVAL_LABELS,
  type: { standard: 'Standard', normal: 'Normal', emergency: 'Emergency' },
  priority: { '1': '1 - Critical', '2': '2 - High', '3': '3 - Moderate', '4': '4 - Low', '5': '5 - Planning' },
  stage: {
    waiting_for_approval: 'Waiting for Approval', request_approved: 'Request Approved', fulfillment: 'Fulfillment',
    delivery: 'Delivery', complete: 'Completed', Request_Cancelled: 'Request Cancelled',
  },
  active: { true: 'true', false: 'false' },
};

/** sys_class_name labels (task tables and CI classes). */
export const CLASS_LABELS: Readonly<Record<string, string>> = {
  incident: 'Incident', change_request: 'Change Request', sc_req_item: 'Requested Item', sc_task: 'Catalog Task', problem: 'Problem',
  cmdb_ci_win_server: 'Windows Server', cmdb_ci_linux_server: 'Linux Server', cmdb_ci_computer: 'Computer',
  sys_user: 'User', sys_user_group: 'Group', task_ci: 'CIs Affected', sysapproval_approver: 'Approval',
};

/** Number prefixes per task table (default base-system prefixes, research §2.1). */
export const PREFIXES: Readonly<Record<TaskTable, string>> = {
  incident: 'INC', change_request: 'CHG', sc_req_item: 'RITM', sc_task: 'SCTASK', problem: 'PRB',
};

/** The label of a choice value on a table, or undefined when the field is not a choice. */
export function choiceLabel(table: string, field: string, value: string): string | undefined {
  if (field === 'state' && table in STATE_LABELS) return STATE_LABELS[table as TaskTable][value] ?? value;
  if (field === 'state' && table === 'sysapproval_approver') return APPROVAL_LABELS[value as keyof typeof APPROVAL_LABELS] ?? value;
  if (field === 'sys_class_name') return CLASS_LABELS[value] ?? value;
  const choices = CHOICES[field];
  return choices ? (choices[value] ?? value) : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** epoch ms → Glide's stored UTC form "YYYY-MM-DD HH:mm:ss". */
export function glideTime(ms: number): string {
  const d = new Date(Math.round(ms / 1000) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A stored UTC date-time shown in a time zone, same format (the base system's default). */
export function displayTime(value: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m) return value;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  // sv-SE formats as "2025-11-24 10:00:00".
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).format(ms);
}
