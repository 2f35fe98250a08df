// Small helpers for the stand-in's own tests: call the API the way a PAM360 client does
// (AUTHTOKEN header, INPUT_DATA in the query for GET and as a urlencoded body otherwise).
import type { Envelope } from './envelope';

export interface CallOptions {
  token?: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  details?: Record<string, unknown>;
  /** Raw INPUT_DATA text (overrides details). */
  rawInput?: string;
  org?: string;
  query?: Record<string, string>;
  contentType?: string;
}

export async function call(base: string, path: string, o: CallOptions = {}): Promise<Response> {
  const method = o.method ?? 'GET';
  const url = new URL(`/restapi/json/v1/${path}`, base);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  const input = o.rawInput ?? (o.details ? JSON.stringify({ operation: { Details: o.details } }) : undefined);
  const headers: Record<string, string> = {};
  if (o.token !== undefined) headers['AUTHTOKEN'] = o.token;
  if (o.org) headers['orgName'] = o.org;
  let body: string | undefined;
  if (input !== undefined && method === 'GET') url.searchParams.set('INPUT_DATA', input);
  else if (input !== undefined) {
    body = new URLSearchParams({ INPUT_DATA: input }).toString();
    headers['Content-Type'] = o.contentType ?? 'application/x-www-form-urlencoded';
  }
  return fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
}

export async function env(base: string, path: string, o: CallOptions = {}): Promise<Envelope['operation']> {
  const res = await call(base, path, o);
  if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${path}`);
  return ((await res.json()) as Envelope).operation;
}

/** "name=value" pairs from Set-Cookie headers, ready for a Cookie header. */
export function cookieHeader(res: Response, existing = ''): string {
  const jar = new Map(existing.split('; ').filter(Boolean).map((p) => p.split('=') as [string, string]));
  for (const c of res.headers.getSetCookie()) {
    const [pair = ''] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return [...jar].filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`).join('; ');
}
