/**
 * Test-only: a fake `fetch` that plays PAM360 from fixtures and checks every request the
 * client makes (AUTHTOKEN header, orgName only when configured, token never in the URL,
 * INPUT_DATA in the query for GET and as a urlencoded body for POST). Not bundled: only tests import it.
 */
import { expect } from 'vitest';

export const TOKEN = 'A1B2C3D4-E5F6-4711-9A8B-C0FFEE123456';
export const SERVER = 'https://pam.example.test:8282';

export interface SeenRequest {
  method: string;
  url: URL;
  /** Path below /restapi/json/v1/, decoded. */
  path: string;
  /** INPUT_DATA's operation.Details, from the query (GET) or the body (POST); undefined if absent. */
  details: Record<string, unknown> | undefined;
  headers: Headers;
  body: string | undefined;
  init: RequestInit;
}

export type Respond = (request: SeenRequest) => Response | Promise<Response>;

/** A JSON (or any text) response. */
export function reply(body: unknown, status = 200, contentType = 'application/json;charset=UTF-8'): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { 'content-type': contentType } });
}

function decodeInputData(raw: string | null): Record<string, unknown> | undefined {
  if (raw === null) return undefined;
  const parsed = JSON.parse(raw) as { operation?: { Details?: Record<string, unknown> } };
  expect(Object.keys(parsed)).toEqual(['operation']);
  return parsed.operation?.Details;
}

/**
 * Builds the fake. `respond` gets each checked request; `orgName` is the header value the
 * test configured (undefined = the header must be absent).
 */
export function fakePam(respond: Respond, expected: { orgName?: string; token?: string } = {}) {
  const calls: SeenRequest[] = [];
  const token = expected.token ?? TOKEN;
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const headers = new Headers(init.headers);
    const method = init.method ?? 'GET';
    expect(url.origin).toBe(SERVER);
    expect(url.pathname.startsWith('/restapi/json/v1/')).toBe(true);
    expect(url.href).not.toContain(token);
    expect(url.searchParams.has('AUTHTOKEN')).toBe(false);
    expect(headers.get('AUTHTOKEN')).toBe(token);
    expect(headers.get('Accept')).toBe('application/json');
    expect(headers.get('orgName')).toBe(expected.orgName ?? null);
    expect(init.credentials).toBe('omit');
    expect(init.redirect).toBe('manual');
    expect(init.signal).toBeInstanceOf(AbortSignal);
    let details: Record<string, unknown> | undefined;
    let body: string | undefined;
    if (method === 'POST') {
      expect(headers.get('Content-Type')).toBe('application/x-www-form-urlencoded;charset=UTF-8');
      expect(typeof init.body).toBe('string');
      body = init.body as string;
      const form = new URLSearchParams(body);
      expect([...form.keys()]).toEqual(['INPUT_DATA']);
      expect(url.searchParams.has('INPUT_DATA')).toBe(false);
      details = decodeInputData(form.get('INPUT_DATA'));
    } else {
      expect(method).toBe('GET');
      expect(init.body).toBeUndefined();
      details = decodeInputData(url.searchParams.get('INPUT_DATA'));
    }
    const seen: SeenRequest = {
      method,
      url,
      path: decodeURIComponent(url.pathname.slice('/restapi/json/v1/'.length)),
      details,
      headers,
      body,
      init,
    };
    calls.push(seen);
    return respond(seen);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

/** A fetch that never answers until aborted (for timeouts). */
export function hangingFetch(): typeof fetch {
  return ((_input: string | URL | Request, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
    })) as typeof fetch;
}

/** Records sleeps instead of waiting. */
export function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
