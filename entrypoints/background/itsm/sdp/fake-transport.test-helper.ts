/**
 * Test-only: a fake ItsmTransport that plays SDP from fixtures and checks every request the
 * client makes (v3 Accept header, PORTALID only when configured, paths under /api/v3/,
 * `input_data` JSON in the query for GET and as the only form field for POST, no JSON bodies).
 */
import { expect } from 'vitest';
import type { Connector } from '@/utils/config/schema';
import { connectorSchema } from '@/utils/config/schema';
import type { ItsmRequest, ItsmResponse, ItsmTransport } from '../types';

export const BASE = 'https://sdp.example.com';

export interface SeenCall {
  method: ItsmRequest['method'];
  path: string;
  /** Parsed input_data (query for GET, form for POST); undefined when absent. */
  input: unknown;
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

/** Answers by exact path; an unplanned path fails the test. */
export function byPath(table: Record<string, ItsmResponse | (() => ItsmResponse)>): Respond {
  return (call) => {
    const entry = table[call.path];
    if (!entry) throw new Error(`unexpected call ${call.method} ${call.path}`);
    return typeof entry === 'function' ? entry() : entry;
  };
}

/** A valid connector (parsed by the real schema), api-key mode unless overridden. */
export function connector(overrides: Partial<Record<keyof Connector, unknown>> = {}): Connector {
  return connectorSchema.parse({
    id: 'sdp-main',
    kind: 'sdp',
    name: 'Service desk',
    baseUrl: BASE,
    auth: { type: 'api-key' },
    ...overrides,
  });
}

/** Builds the fake; `portalId` is the PORTALID header the test configured (undefined = absent). */
export function fakeSdp(respond: Respond, expected: { portalId?: string } = {}) {
  const calls: SeenCall[] = [];
  const transport: ItsmTransport = async (request) => {
    const headers = request.headers ?? {};
    expect(request.path.startsWith('/api/v3/')).toBe(true);
    expect(request.path).not.toMatch(/[?#]/);
    expect(headers['Accept']).toBe('application/vnd.manageengine.sdp.v3+json');
    expect(headers['PORTALID']).toBe(expected.portalId);
    expect(Object.keys(headers).sort()).toEqual(expected.portalId ? ['Accept', 'PORTALID'] : ['Accept']);
    expect(request.json).toBeUndefined();
    let input: unknown;
    if (request.method === 'GET') {
      expect(request.form).toBeUndefined();
      if (request.query) {
        expect(Object.keys(request.query)).toEqual(['input_data']);
        input = JSON.parse(request.query['input_data']!);
      }
    } else {
      expect(request.method).toBe('POST');
      expect(request.query).toBeUndefined();
      expect(Object.keys(request.form ?? {})).toEqual(['input_data']);
      input = JSON.parse(request.form!['input_data']!);
    }
    const seen: SeenCall = { method: request.method, path: request.path, input, headers };
    calls.push(seen);
    return respond(seen);
  };
  return { transport, calls };
}
