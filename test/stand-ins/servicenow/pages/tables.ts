/**
 * Per-table layout shared by the classic form (classic.ts) and the workspace page script
 * (workspace-client.js gets it in its DATA): labels, the fields a default form shows, and the UI
 * actions. Field lists follow the base-system forms loosely; they are ours, not vendor metadata.
 */
import type { SnTable } from './types';

/** `text` input, `readonly` input (number), `choice` select, `reference` display box + sys_id, `date`, `textarea`. */
export type FieldType = 'text' | 'readonly' | 'choice' | 'reference' | 'date' | 'textarea';

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
}

export interface TableSpec {
  label: string;
  plural: string;
  fields: FieldSpec[];
  /** Header UI actions (classic `.navbar_ui_actions`, workspace action bar). */
  actions: string[];
}

const f = (name: string, label: string, type: FieldType = 'text'): FieldSpec => ({ name, label, type });

const NUMBER = f('number', 'Number', 'readonly');
const CI = f('cmdb_ci', 'Configuration item', 'reference');
const SHORT = f('short_description', 'Short description');
const STATE = f('state', 'State', 'choice');
const APPROVAL = f('approval', 'Approval', 'choice');
const GROUP = f('assignment_group', 'Assignment group', 'reference');
const ASSIGNED = f('assigned_to', 'Assigned to', 'reference');

export const TABLES: Record<SnTable, TableSpec> = {
  incident: {
    label: 'Incident',
    plural: 'Incidents',
    fields: [NUMBER, f('caller_id', 'Caller', 'reference'), CI, SHORT, STATE, APPROVAL, GROUP, ASSIGNED],
    actions: ['Update', 'Resolve Incident', 'Delete'],
  },
  change_request: {
    label: 'Change Request',
    plural: 'Change Requests',
    fields: [
      NUMBER, f('type', 'Type', 'choice'), CI, SHORT, STATE, APPROVAL, GROUP, ASSIGNED,
      f('start_date', 'Planned start date', 'date'), f('end_date', 'Planned end date', 'date'),
    ],
    actions: ['Update', 'Request Approval', 'Delete'],
  },
  sc_req_item: {
    label: 'Requested Item',
    plural: 'Requested Items',
    fields: [NUMBER, f('request', 'Request', 'reference'), f('cat_item', 'Item', 'reference'), CI, SHORT, STATE, f('stage', 'Stage', 'choice'), APPROVAL, ASSIGNED],
    actions: ['Update', 'Delete'],
  },
  sc_task: {
    label: 'Catalog Task',
    plural: 'Catalog Tasks',
    fields: [NUMBER, f('request_item', 'Request item', 'reference'), CI, SHORT, STATE, GROUP, ASSIGNED],
    actions: ['Update', 'Close Task', 'Delete'],
  },
  problem: {
    label: 'Problem',
    plural: 'Problems',
    fields: [NUMBER, CI, SHORT, STATE, GROUP, ASSIGNED, f('description', 'Problem statement', 'textarea')],
    actions: ['Update', 'Delete'],
  },
};

/** Workspace action bars start with Save, then the table's actions (no Delete in the bar). */
export function workspaceActions(table: SnTable): string[] {
  return ['Save', ...TABLES[table].actions.filter((a) => a !== 'Update' && a !== 'Delete')];
}

export const tableOf = (value: string): SnTable => {
  if (!Object.hasOwn(TABLES, value)) throw new Error(`No page layout for table ${value}`);
  return value as SnTable;
};

/** `/<table>.do?sys_id=<id>`: the classic form URL (what nav_to.do and Polaris frame). */
export const classicFormPath = (table: string, sysId: string): string => `/${table}.do?sys_id=${sysId}`;

/** `/now/<workspace>/record/<table>/<sys_id>`. */
export const workspaceRecordPath = (workspace: string, table: string, sysId: string): string =>
  `/now/${workspace}/record/${table}/${sysId}`;
