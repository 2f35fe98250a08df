// Every way SDP says "no", through the real client (GET request 1001), with exact kinds and sentences.
import { describe, expect, it } from 'vitest';
import { ItsmError, type ItsmResponse } from '../types';
import arrayStatus from './fixtures/error-array-status.json';
import extraKey from './fixtures/error-extra-key.json';
import forbidden from './fixtures/error-forbidden.json';
import invalidId from './fixtures/error-invalid-id-message.json';
import invalidKey from './fixtures/error-invalid-key.json';
import mandatory from './fixtures/error-mandatory.json';
import notFound from './fixtures/error-not-found.json';
import { createSdpClient } from './client';
import { connector, fakeSdp, html, reply } from './fake-transport.test-helper';

async function failure(answer: ItsmResponse, mode: 'api-key' | 'session' = 'api-key'): Promise<ItsmError> {
  const { transport } = fakeSdp(() => answer);
  const client = createSdpClient(connector({ auth: { type: mode } }), transport);
  const error = await client.getTicket('request', '1001').then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ItsmError)) throw new Error(`expected an ItsmError, got ${String(error)}`);
  return error;
}
const pick = (e: ItsmError) => ({ kind: e.kind, message: e.message, detail: e.detail });

const KEY_REFUSED = 'ServiceDesk Plus did not accept the API key.';
const SIGNED_OUT = 'Your ServiceDesk Plus session has ended. Sign in to ServiceDesk Plus again.';
const LOGIN_PAGE = '<html><head><title>ManageEngine ServiceDesk Plus</title></head><body><form action="j_security_check" method="post"><input name="j_username"><input type="password" name="j_password"></form></body></html>';

describe('authentication failures', () => {
  it.each([
    ['401 + 4022 envelope', reply(invalidKey, 401), 'api-key', 'bad-credentials', KEY_REFUSED, 'status_code 4000; 4022 failed; HTTP 401'],
    ['401 + 4022 envelope', reply(invalidKey, 401), 'session', 'signed-out', SIGNED_OUT, 'status_code 4000; 4022 failed; HTTP 401'],
    ['4022 with HTTP 200', reply(invalidKey), 'api-key', 'bad-credentials', KEY_REFUSED, 'status_code 4000; 4022 failed'],
    ['401 without body', reply('', 401, ''), 'api-key', 'bad-credentials', KEY_REFUSED, 'HTTP 401'],
    ['__SDP__LOGIN body', reply('__SDP__LOGIN', 200, 'text/plain'), 'session', 'signed-out', SIGNED_OUT, 'login page instead of an API answer (HTTP 200, text/plain)'],
    ['login form page', html(LOGIN_PAGE), 'session', 'signed-out', SIGNED_OUT, 'login page instead of an API answer (HTTP 200, text/html;charset=UTF-8)'],
    ['login form page', html(LOGIN_PAGE), 'api-key', 'bad-credentials', KEY_REFUSED, 'login page instead of an API answer (HTTP 200, text/html;charset=UTF-8)'],
    ['redirect to login', reply('', 302, ''), 'session', 'signed-out', SIGNED_OUT, 'login page instead of an API answer (HTTP 302, no content type)'],
    // Research §1.5: the vendor code reloads on any 401, whatever the body.
    ['401 HTML page', html('<html><body><h1>HTTP Status 401 – Unauthorized</h1></body></html>', 401), 'api-key', 'bad-credentials', KEY_REFUSED, 'HTTP 401'],
    ['401 login page', html(LOGIN_PAGE, 401), 'session', 'signed-out', SIGNED_OUT, 'HTTP 401'],
    ['array envelope with 4022 (string codes)', reply({ response_status: [{ status_code: '4000', status: 'failed', messages: [{ status_code: '4022', message: 'Invalid authtoken' }] }] }), 'api-key', 'bad-credentials', KEY_REFUSED, 'status_code 4000; 4022'],
  ] as const)('%s (%s) → %s', async (_name, answer, mode, kind, message, detail) => {
    expect(pick(await failure(answer, mode))).toEqual({ kind, message, detail });
  });
});

describe('other failures', () => {
  it.each([
    ['403 + 4002', reply(forbidden, 403), 'forbidden', 'ServiceDesk Plus does not let you see request 1001.', 'status_code 4000; 4002 failed; HTTP 403'],
    ['403 page', html('<h1>HTTP Status 403</h1>', 403), 'forbidden', 'ServiceDesk Plus does not let you see request 1001.', 'HTTP 403, text/html;charset=UTF-8'],
    ['404 + 4007', reply(notFound, 404), 'not-found', 'ServiceDesk Plus has no request 1001.', 'status_code 4000; 4007 failed; HTTP 404'],
    ['4001 "Invalid request id"', reply(invalidId, 400), 'not-found', 'ServiceDesk Plus has no request 1001.', 'status_code 4000; 4001 failed; HTTP 400'],
    ['403 + array envelope', reply({ response_status: [{ status_code: 4000, status: 'failed', messages: [{ status_code: 4002, type: 'failed' }] }] }, 403), 'forbidden', 'ServiceDesk Plus does not let you see request 1001.', 'status_code 4000; 4002 failed; HTTP 403'],
    ['4007 as a string code with HTTP 200', reply({ response_status: { status_code: 4000, status: 'failed', messages: [{ status_code: '4007', type: 'failed', message: 'Invalid URL or Resource not found' }] } }), 'not-found', 'ServiceDesk Plus has no request 1001.', 'status_code 4000; 4007 failed'],
    ['404 page', html('<h1>HTTP Status 404</h1>', 404), 'not-found', 'ServiceDesk Plus has no request 1001.', 'HTTP 404, text/html;charset=UTF-8'],
    ['4001 with a field', reply(extraKey, 400), 'failed', 'ServiceDesk Plus refused the request: EXTRA_KEY_FOUND_IN_JSON (field show_to_requester)', 'status_code 4000; 4001 failed field show_to_requester; HTTP 400'],
    ['4012 without a message', reply(mandatory, 400), 'failed', 'ServiceDesk Plus refused the request: Value for a mandatory field is not provided (field description)', 'status_code 4000; 4012 failed field description; HTTP 400'],
    ['array response_status with one failure', reply(arrayStatus), 'failed', 'ServiceDesk Plus refused the request: API rate limit reached', 'status_code 4000; 4015 failed'],
    ['bare failed envelope', reply({ response_status: { status_code: 4000, status: 'failed' } }), 'failed', 'ServiceDesk Plus refused the request: status 4000', 'status_code 4000'],
    ['415 page', html('Unsupported Media Type', 415), 'failed', 'ServiceDesk Plus refused the request format (HTTP 415).', 'HTTP 415, text/html;charset=UTF-8'],
    ['429 page', html('Too many', 429), 'failed', 'ServiceDesk Plus is rate-limiting API calls; try again in a minute.', 'HTTP 429, text/html;charset=UTF-8'],
    ['503 page', html('<h1>Service Unavailable</h1>', 503), 'failed', 'ServiceDesk Plus had a server error (HTTP 503).', 'HTTP 503, text/html;charset=UTF-8'],
    ['not JSON', reply('hello', 200, 'text/plain'), 'unexpected', 'ServiceDesk Plus answered something unexpected.', 'not JSON (HTTP 200, text/plain)'],
    ['JSON without envelope', reply({ request: {} }), 'unexpected', 'ServiceDesk Plus answered something unexpected.', 'no response_status (HTTP 200, application/json;charset=UTF-8): response_status: Invalid input'],
    ['success but no status', reply({ response_status: { status_code: 2000, status: 'success' }, request: { id: '1001' } }), 'unexpected', 'ServiceDesk Plus answered something unexpected.', 'request 1001: request.status: Invalid input: expected object, received undefined'],
    ['success envelope with HTTP 500', reply({ response_status: { status_code: 2000, status: 'success' } }, 500), 'failed', 'ServiceDesk Plus had a server error (HTTP 500).', 'HTTP 500, application/json;charset=UTF-8'],
    ['success envelope with HTTP 400', reply({ response_status: { status_code: 2000, status: 'success' } }, 400), 'unexpected', 'ServiceDesk Plus answered something unexpected.', 'success envelope with HTTP 400, application/json;charset=UTF-8'],
  ] as const)('%s → %s', async (_name, answer, kind, message, detail) => {
    expect(pick(await failure(answer))).toEqual({ kind, message, detail });
  });

  it('network failures from the transport pass through unchanged', async () => {
    const down = new ItsmError('unreachable', 'Cannot reach sdp.example.com');
    const client = createSdpClient(connector(), async () => Promise.reject(down));
    await expect(client.ping()).rejects.toBe(down);
  });

  it('never echoes the page it got (which could hold anything) into the error', async () => {
    const e = await failure(html(`${LOGIN_PAGE}<!-- secret-looking 8F14E45F-CEEA -->`));
    expect(JSON.stringify(pick(e))).not.toContain('8F14E45F');
  });
});
