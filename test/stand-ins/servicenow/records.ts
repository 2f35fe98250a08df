// How the Table API shows a row: sysparm_fields (with dot-walking), sysparm_display_value
// (false | true | all) and sysparm_exclude_reference_link, as research §2.4 lists them. Reference
// fields carry `link` unless excluded; dot-walked fields come back as flat keys ("cmdb_ci.fqdn");
// journal fields read as '' (value) / the journal text (display); date-times display in the
// reader's time zone while the value stays UTC.
import {
  choiceLabel, DATE_TIME_FIELDS, DISPLAY_FIELD, displayTime, glideTime, JOURNAL_FIELDS, REFERENCES, type Row,
} from './glide';
import { TASK_TABLES, type SeedUser } from './seed';
import { findTask, type State } from './state';

export type DisplayMode = 'true' | 'false' | 'all';

export interface ShowOptions {
  /** Field paths in sysparm_fields order; undefined = every field of the row. */
  fields?: string[];
  display: DisplayMode;
  excludeLink: boolean;
  /** For reference links: http://host:port */
  origin: string;
  /** The reader: display values use their time zone. */
  viewer?: SeedUser;
}

/** The rows of a table; 'task' is the parent table of all task tables. */
export function rowsOf(state: State, table: string): Row[] {
  if (table === 'task') return TASK_TABLES.flatMap((t) => Object.values(state.records[t] ?? {}));
  return Object.values(state.records[table] ?? {});
}

/** Does any row of the table have this field? (The stand-in's data dictionary is its data.) */
export function fieldExists(state: State, table: string, field: string): boolean {
  return field === 'sys_id' || rowsOf(state, table).some((row) => field in row);
}

interface Resolved {
  table: string;
  row: Row | undefined;
  field: string;
}

/** Follows a (dot-walked) path from a row; undefined when the path names no field. */
export function resolvePath(state: State, table: string, row: Row | undefined, path: string): Resolved | undefined {
  const parts = path.split('.');
  let current: { table: string; row: Row | undefined } = { table, row };
  for (const part of parts.slice(0, -1)) {
    const target = REFERENCES[part];
    if (!target || !fieldExists(state, current.table, part)) return undefined;
    const id = current.row?.[part] ?? '';
    if (target === 'task') {
      const found = id ? findTask(state, id) : undefined;
      current = { table: found?.table ?? 'task', row: found?.row };
    } else {
      current = { table: target, row: id ? state.records[target]?.[id] : undefined };
    }
  }
  const field = parts[parts.length - 1]!;
  return fieldExists(state, current.table, field) ? { ...current, field } : undefined;
}

/** The table a reference value points at (for task references: the table that holds it). */
function targetTable(state: State, field: string, id: string): string {
  const target = REFERENCES[field]!;
  return target === 'task' ? (findTask(state, id)?.table ?? 'task') : target;
}

/** The display value of one field. */
export function displayOf(state: State, table: string, row: Row | undefined, field: string, viewer?: SeedUser): string {
  const raw = row?.[field] ?? '';
  if (JOURNAL_FIELDS.has(field)) return row ? journalText(state, row['sys_id'] ?? '', field, viewer) : '';
  if (REFERENCES[field]) {
    if (!raw) return '';
    const target = targetTable(state, field, raw);
    const rows = target === 'task' ? undefined : state.records[target];
    const ref = rows ? rows[raw] : findTask(state, raw)?.row;
    return ref ? displayOf(state, target, ref, DISPLAY_FIELD[target] ?? 'sys_id', viewer) : raw;
  }
  if (DATE_TIME_FIELDS.has(field)) return raw ? displayTime(raw, viewer?.timeZone ?? 'GMT') : '';
  return choiceLabel(row?.['sys_class_name'] && table === 'task' ? row['sys_class_name'] : table, field, raw) ?? raw;
}

/** A row as the Table API shows it. */
export function showRow(state: State, table: string, row: Row, o: ShowOptions): Record<string, unknown> {
  const paths = o.fields ?? Object.keys(row);
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const at = resolvePath(state, table, row, path);
    if (!at) continue; // unknown fields are left out, as the Table API does
    const raw = at.row?.[at.field] ?? '';
    const value = JOURNAL_FIELDS.has(at.field) ? '' : raw;
    const link = REFERENCES[at.field] && raw && !o.excludeLink ? `${o.origin}/api/now/table/${targetTable(state, at.field, raw)}/${raw}` : undefined;
    if (o.display === 'false') {
      out[path] = link ? { link, value } : value;
      continue;
    }
    const display = displayOf(state, at.table, at.row, at.field, o.viewer);
    if (o.display === 'true') out[path] = link ? { display_value: display, link } : display;
    else out[path] = link ? { display_value: display, link, value } : { display_value: display, value };
  }
  return out;
}

const JOURNAL_LABELS: Record<string, string> = { work_notes: 'Work notes', comments: 'Additional comments' };

/** "2025-11-24 10:00:00 - Alice Moreau (Work notes)\ntext\n\n", newest first, as the journal displays. */
function journalText(state: State, sysId: string, field: string, viewer?: SeedUser): string {
  const entries = field === 'work_notes' ? state.workNotes : state.comments;
  return entries
    .filter((e) => e.sys_id === sysId)
    .reverse()
    .map((e) => {
      const who = state.users.find((u) => u.user_name === e.by)?.name ?? e.by;
      return `${displayTime(glideTime(Date.parse(e.at)), viewer?.timeZone ?? 'GMT')} - ${who} (${JOURNAL_LABELS[field]})\n${e.text}\n\n`;
    })
    .join('');
}
