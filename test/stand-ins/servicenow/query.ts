// The encoded queries the stand-in understands (sysparm_query): conditions joined by `^`, with
// `=`, `!=`, `LIKE`, `STARTSWITH`, `IN`, `ISEMPTY`, `ISNOTEMPTY`, dot-walked fields, and
// `ORDERBY<field>` / `ORDERBYDESC<field>`. Values `javascript:gs.getUserName()` and
// `javascript:gs.getUserID()` evaluate for the caller (the common "who am I" query [P]).
// Anything else — OR, unknown fields, other scripts — makes an invalid query, which answers no
// rows (the `glide.invalid_query.returns_no_rows` behaviour [I]) rather than every row.
import type { Row } from './glide';
import { resolvePath } from './records';
import type { SeedUser } from './seed';
import type { State } from './state';

type Op = '=' | '!=' | 'LIKE' | 'STARTSWITH' | 'IN' | 'ISEMPTY' | 'ISNOTEMPTY';
interface Condition {
  path: string;
  op: Op;
  value: string;
}
export interface Query {
  conditions: Condition[];
  order: { path: string; desc: boolean }[];
}

const TERM = /^([a-z0-9_.]+?)(!=|=|LIKE|STARTSWITH|IN|ISEMPTY|ISNOTEMPTY)(.*)$/;

/** Parses an encoded query; undefined when it is not one the stand-in supports. */
export function parseQuery(text: string, viewer: SeedUser | undefined): Query | undefined {
  const query: Query = { conditions: [], order: [] };
  for (const term of text.split('^').filter((t) => t !== '' && t !== 'EQ')) {
    const order = /^ORDERBY(DESC)?([a-z0-9_.]+)$/.exec(term);
    if (order) {
      query.order.push({ path: order[2]!, desc: Boolean(order[1]) });
      continue;
    }
    const m = TERM.exec(term);
    if (!m || term.startsWith('OR') || term.startsWith('NQ')) return undefined;
    const op = m[2] as Op;
    let value = m[3]!;
    if ((op === 'ISEMPTY' || op === 'ISNOTEMPTY') && value !== '') return undefined;
    if (value.startsWith('javascript:')) {
      const script = value.slice('javascript:'.length).replace(/\s+/g, '');
      if (script === 'gs.getUserName()') value = viewer?.user_name ?? '';
      else if (script === 'gs.getUserID()') value = viewer?.sys_id ?? '';
      else return undefined;
    }
    query.conditions.push({ path: m[1]!, op, value });
  }
  return query;
}

/** Filters and sorts rows; undefined when a condition names an unknown field (invalid query). */
export function runQuery(state: State, table: string, rows: Row[], query: Query): Row[] | undefined {
  const valueAt = (row: Row, path: string) => {
    const at = resolvePath(state, table, row, path);
    return at ? (at.row?.[at.field] ?? '') : undefined;
  };
  // Paths are checked against the dictionary (no row needed): an unknown field invalidates the query.
  for (const path of [...query.conditions, ...query.order].map((x) => x.path)) {
    if (!resolvePath(state, table, undefined, path)) return undefined;
  }
  const hits = rows.filter((row) =>
    query.conditions.every((c) => {
      const v = valueAt(row, c.path);
      if (v === undefined) return false;
      switch (c.op) {
        case '=': return v === c.value;
        case '!=': return v !== c.value;
        case 'LIKE': return v.toLowerCase().includes(c.value.toLowerCase());
        case 'STARTSWITH': return v.toLowerCase().startsWith(c.value.toLowerCase());
        case 'IN': return c.value.split(',').includes(v);
        case 'ISEMPTY': return v === '';
        case 'ISNOTEMPTY': return v !== '';
      }
    }),
  );
  for (const o of [...query.order].reverse()) {
    hits.sort((a, b) => (valueAt(a, o.path) ?? '').localeCompare(valueAt(b, o.path) ?? '') * (o.desc ? -1 : 1));
  }
  return hits;
}
