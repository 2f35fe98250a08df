// Types and small helpers shared by the route files (kept apart from index.ts to avoid an import cycle).
import type { Envelope } from '../envelope';
import type { Org, State, User } from '../state';

export interface ApiContext {
  state: State;
  user: User;
  org: Org;
  /** INPUT_DATA.operation.Details (empty object when absent). */
  input: Record<string, unknown>;
  query: URLSearchParams;
  /** Decoded path captures of the route pattern. */
  params: string[];
  method: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the path after /restapi/json/v1/. */
  pattern: RegExp;
  /** operation.name used in this route's envelopes. */
  name: string;
  handler: (ctx: ApiContext) => Envelope;
}

/** A Details field as a string ('' when absent); numbers are accepted as sent by some clients. */
export function str(ctx: ApiContext, key: string): string {
  const v = ctx.input[key];
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** A plain query parameter, falling back to the same key in INPUT_DATA. */
export function param(ctx: ApiContext, key: string): string {
  return ctx.query.get(key) ?? str(ctx, key);
}

export function int(value: string, fallback: number): number {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** STARTINDEX (0-based, research §2.1) + LIMIT paging. */
export function paginate<T>(items: T[], start: string, limit: string): T[] {
  const from = int(start, 0);
  const count = int(limit, Number.POSITIVE_INFINITY);
  return items.slice(from, count === Number.POSITIVE_INFINITY ? undefined : from + count);
}

export const bool = (v: boolean | undefined) => (v ? 'true' : 'false');

export const isAdmin = (u: User) => u.role === 'Administrator';
export const isApprover = (u: User) => u.role === 'Administrator' || u.role === 'Password Administrator';
