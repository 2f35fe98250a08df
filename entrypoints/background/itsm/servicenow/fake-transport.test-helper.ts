/**
 * Test-only: a fake ItsmTransport that plays ServiceNow from fixtures and checks every request the
 * client makes (paths under /api/now/table/, Accept: application/json, Content-Type only with a
 * JSON body, no form bodies, no query string inside the path).
 */
import { expect } from 'vitest';
import type { Connector } from '@/utils/config/schema';
import { connectorSchema } from '@/utils/config/schema';
import type { ItsmRequest, ItsmResponse, ItsmTransport } from '../types';

export const BASE = 'https://corp.service-now.com';

export interface SeenCall {
  method: ItsmRequest['method'];
  path: string;
  query: Record<string, string>;
  json: unknown;
  headers: Record<string, string>;
}

export type Respond = (call: SeenCall) => ItsmResponse | Promise<ItsmResponse>;

/** A JSON (or any text) answer. */
export function reply(body: unknown, status = 200, contentType = 'application/json;charset=UTF-8'): ItsmResponse {
  return { status, contentType, text: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** An HTML page answer. */
export function html(text: string, status = 200): ItsmResponse {
  return reply(text, status, 'text/html;charset=UTF-8');
}

/** Answers by table (the path segment after /api/now/table/); an unplanned table fails the test. */
export function byTable(answers: Record<string, ItsmResponse | ((call: SeenCall) => ItsmResponse)>): Respond {
  return (call) => {
    const table = call.path.split('/')[4] ?? '';
    const entry = answers[table];
    if (!entry) throw new Error(`unexpected call ${call.method} ${call.path}`);
    return typeof entry === 'function' ? entry(call) : entry;
  };
}

/** A valid connector (parsed by the real schema), basic auth unless overridden. */
export function connector(overrides: Partial<Record<keyof Connector, unknown>> = {}): Connector {
  return connectorSchema.parse({
    id: 'sn-main',
    kind: 'servicenow',
    name: 'ServiceNow',
    baseUrl: BASE,
    auth: { type: 'basic', username: 'svc_pambridge' },
    ...overrides,
  });
}

export function fakeServiceNow(respond: Respond) {
  const calls: SeenCall[] = [];
  const transport: ItsmTransport = async (request) => {
    const headers = request.headers ?? {};
    expect(request.path).toMatch(/^\/api\/now\/table\/[a-z_]+(\/[0-9a-f]{32})?$/);
    expect(request.form).toBeUndefined();
    if (request.method === 'PATCH') {
      expect(headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' });
      expect(request.json).toBeDefined();
    } else {
      expect(request.method).toBe('GET');
      expect(headers).toEqual({ Accept: 'application/json' });
      expect(request.json).toBeUndefined();
    }
    const seen: SeenCall = { method: request.method, path: request.path, query: request.query ?? {}, json: request.json, headers };
    calls.push(seen);
    return respond(seen);
  };
  return { transport, calls };
}
