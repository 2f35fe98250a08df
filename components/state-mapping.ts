/**
 * The connector form's "Advanced: states" text fields ⇄ the config's `states` and
 * `implementationStates`. Pure, so every sentence is testable without a DOM.
 *
 * State mapping: one `raw = state` per line. `raw` is the portal's state value or label
 * (ServiceNow may prefix a table: `incident:3`), `state` one of MAPPED_STATES. Blank lines and
 * lines starting with # are ignored; the line is split at its last `=` (a state never has one).
 * A raw state mapped twice (any case) is an error naming both lines, not "last wins": with two
 * lines for one state, one of them is a mistake the admin should see.
 */
import { MAPPED_STATES } from '@/utils/config/schema';

export type MappedState = (typeof MAPPED_STATES)[number];
export type StateMap = Record<string, MappedState>;

export type StateMappingResult = { ok: true; states: StateMap } | { ok: false; line: number; message: string };

/** Same bounds as the saveConnector request (utils/messaging/schemas.ts). */
export const MAX_MAPPINGS = 200;
export const MAX_RAW_LENGTH = 200;
/** Same bounds as connectorSchema's implementationStates. */
export const MAX_IMPLEMENTATION_STATES = 20;
export const MAX_IMPLEMENTATION_LENGTH = 80;

const STATE_LIST = MAPPED_STATES.join(', ');

/** How the lookups compare raw states: any case, inner whitespace collapsed. */
const key = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** "in progress", "In_Progress", "canceled" → the schema's spelling; anything else unchanged (lower case). */
function normaliseState(text: string): string {
  const s = key(text).replace(/[\s_]+/g, '-');
  return s === 'canceled' ? 'cancelled' : s;
}

/** The line as quoted in a message, shortened when long. */
function quote(line: string): string {
  const text = line.trim();
  return `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`;
}

export function parseStateMapping(text: string): StateMappingResult {
  const states: StateMap = {};
  const seen = new Map<string, number>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const n = i + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fail = (why: string): StateMappingResult => ({ ok: false, line: n, message: `Line ${n}: ${quote(line)} — ${why}` });
    const at = trimmed.lastIndexOf('=');
    if (at < 0) return fail('write the portal’s state, then = and the state it means, e.g. “Awaiting Vendor = open”.');
    const raw = trimmed.slice(0, at).trim();
    const state = normaliseState(trimmed.slice(at + 1));
    if (raw === '') return fail('put the portal’s state value or label before the =.');
    if (raw.length > MAX_RAW_LENGTH) return fail(`the portal’s state has at most ${MAX_RAW_LENGTH} characters.`);
    if (!(MAPPED_STATES as readonly string[]).includes(state)) return fail(`the state must be one of ${STATE_LIST}.`);
    const earlier = seen.get(key(raw));
    if (earlier !== undefined) return fail(`“${raw}” is already mapped on line ${earlier}; keep one of the two lines.`);
    if (seen.size >= MAX_MAPPINGS) return fail(`at most ${MAX_MAPPINGS} mappings.`);
    seen.set(key(raw), n);
    states[raw] = state as MappedState;
  }
  return { ok: true, states };
}

/** The saved map as the textarea shows it, one `raw = state` per line ('' when none). */
export function formatStateMapping(states: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(states ?? {})
    .map(([raw, state]) => `${raw} = ${state}`)
    .join('\n');
}

/** "Scheduled, implement,, -1" → ['Scheduled', 'implement', '-1']: trimmed, blanks and repeats (any case) dropped. */
export function parseList(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[,\r\n]/)
    .map((item) => item.trim())
    .filter((item) => {
      const k = key(item);
      if (k === '' || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

export function formatList(items: readonly string[] | undefined): string {
  return (items ?? []).join(', ');
}

/** The field error for an implementation-state list, or undefined when it can be saved. */
export function checkImplementationStates(items: readonly string[]): string | undefined {
  if (items.length > MAX_IMPLEMENTATION_STATES) return `At most ${MAX_IMPLEMENTATION_STATES} implementation states (${items.length} given).`;
  const long = items.find((item) => item.length > MAX_IMPLEMENTATION_LENGTH);
  if (long) return `${quote(long)} is longer than ${MAX_IMPLEMENTATION_LENGTH} characters.`;
  return undefined;
}
