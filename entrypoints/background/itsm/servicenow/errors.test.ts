// Every way ServiceNow says "no", through the real client (GET incident), with exact kinds and sentences.
import { describe, expect, it } from 'vitest';
import type { Connector } from '@/utils/config/schema';
import { ItsmError, type ItsmResponse } from '../types';
import aclUpdate from './fixtures/error-acl-update.json';
import invalidTable from './fixtures/error-invalid-table.json';
import noRecord from './fixtures/error-no-record.json';
import notAuthenticated from './fixtures/error-not-authenticated.json';
import { createServiceNowClient } from './client';
import { connector, fakeServiceNow, html, reply } from './fake-transport.test-helper';

const INC = '0d16139b97e2e2a49391f06fc11f2583';

async function failure(answer: ItsmResponse, mode: Connector['auth']['type'] = 'basic'): Promise<ItsmError> {
  const { transport } = fakeServiceNow(() => answer);
  const client = createServiceNowClient(connector({ auth: { type: mode } }), transport);
  const error = await client.getTicket('incident', INC).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ItsmError)) throw new Error(`expected an ItsmError, got ${String(error)}`);
  return error;
}
const pick = (e: ItsmError) => ({ kind: e.kind, message: e.message, detail: e.detail });

const SIGNED_OUT = 'Your ServiceNow session has ended. Sign in to ServiceNow again.';
const NOT_AUTH = 'HTTP 401: User Not Authenticated — Required to provide Auth information';
const LOGIN_PAGE = '<html><head><title>Log in | ServiceNow</title></head><body><form action="login.do" method="post"><input name="user_name"><input type="password" name="user_password"><input type="hidden" name="sys_action" value="sysverb_login"></form></body></html>';

describe('authentication failures', () => {
  it.each([
    ['basic', 'bad-credentials', 'ServiceNow did not accept the user name and password.'],
    ['api-key', 'bad-credentials', 'ServiceNow did not accept the API key.'],
    ['oauth2', 'bad-credentials', 'ServiceNow did not accept the OAuth sign-in.'],
    ['bearer', 'bad-credentials', 'ServiceNow did not accept the access token.'],
    ['session', 'signed-out', SIGNED_OUT],
  ] as const)('401 envelope with %s auth → %s', async (mode, kind, message) => {
    expect(pick(await failure(reply(notAuthenticated, 401), mode))).toEqual({ kind, message, detail: NOT_AUTH });
  });

  it.each([
    ['401 without body', reply('', 401, ''), 'session', 'HTTP 401, no content type'],
    ['sign-in page (HTTP 200)', html(LOGIN_PAGE), 'session', 'sign-in page instead of an API answer (HTTP 200, text/html;charset=UTF-8)'],
    ['redirect to login.do', reply('', 302, ''), 'session', 'redirect instead of an API answer (HTTP 302, no content type)'],
    ['401 with the sign-in page as body', html(LOGIN_PAGE, 401), 'session', 'sign-in page instead of an API answer (HTTP 401, text/html;charset=UTF-8)'],
  ] as const)('%s → signed-out', async (_name, answer, mode, detail) => {
    expect(pick(await failure(answer, mode))).toEqual({ kind: 'signed-out', message: SIGNED_OUT, detail });
  });

  it('a sign-in page with API-key auth → bad credentials', async () => {
    expect((await failure(html(LOGIN_PAGE), 'api-key')).kind).toBe('bad-credentials');
  });
});

describe('other failures', () => {
  it.each([
    ['404 No Record found (maybe ACL)', reply(noRecord, 404), 'not-found',
      `ServiceNow has no incident ${INC}, or does not let you see it.`, "HTTP 404: No Record found — Record doesn't exist or ACL restricts the record retrieval"],
    ['404 page', html('<h1>Not Found</h1>', 404), 'not-found', `ServiceNow has no incident ${INC}.`, 'HTTP 404, text/html;charset=UTF-8'],
    ['403 envelope', reply(aclUpdate, 403), 'forbidden', `ServiceNow does not let you see incident ${INC}.`,
      'HTTP 403: Operation Failed — ACL Exception Update Failed due to security constraints'],
    ['400 Invalid table', reply(invalidTable, 400), 'failed', 'ServiceNow refused the request: Invalid table incidentx', 'HTTP 400: Invalid table incidentx'],
    ['429', reply({ error: { message: 'Rate limit exceeded', detail: null }, status: 'failure' }, 429), 'failed',
      'ServiceNow is rate-limiting API calls; try again in a minute.', 'HTTP 429: Rate limit exceeded'],
    ['429 without an envelope', html('<h1>Too Many Requests</h1>', 429), 'failed',
      'ServiceNow is rate-limiting API calls; try again in a minute.', 'HTTP 429, text/html;charset=UTF-8'],
    ['503 page', html('<h1>Service Unavailable</h1>', 503), 'failed', 'ServiceNow had a server error (HTTP 503).', 'HTTP 503, text/html;charset=UTF-8'],
    ['hibernating instance', html('<html><body><h1>Your instance is hibernating</h1></body></html>'), 'failed',
      'The ServiceNow instance is hibernating. Wake it up from the developer portal, then try again.', 'HTTP 200, text/html;charset=UTF-8'],
    ['error envelope with HTTP 200', reply({ error: { message: 'Invalid query', detail: '' }, status: 'failure' }), 'failed', 'ServiceNow refused the request: Invalid query', 'HTTP 200: Invalid query'],
    ['not JSON', reply('hello', 200, 'text/plain'), 'unexpected', 'ServiceNow answered something unexpected.', 'not JSON (HTTP 200, text/plain)'],
    ['JSON without result', reply({ records: [] }), 'unexpected', 'ServiceNow answered something unexpected.', 'no "result" in the answer (HTTP 200, application/json;charset=UTF-8)'],
    ['record without state', reply({ result: { number: { value: 'INC1', display_value: 'INC1' } } }), 'unexpected',
      'ServiceNow answered something unexpected.', `incident ${INC}: result.state: Invalid input: expected object, received undefined`],
    ['plain values (display_value not honoured)', reply({ result: { state: '2' } }), 'unexpected',
      'ServiceNow answered something unexpected.', `incident ${INC}: result.state: Invalid input: expected object, received string`],
    ['a list where a record belongs', reply({ result: [] }), 'unexpected',
      'ServiceNow answered something unexpected.', `incident ${INC}: result: Invalid input: expected object, received array`],
  ] as const)('%s → %s', async (_name, answer, kind, message, detail) => {
    expect(pick(await failure(answer))).toEqual({ kind, message, detail });
  });

  it('network failures from the transport pass through unchanged', async () => {
    const down = new ItsmError('unreachable', 'Cannot reach corp.service-now.com');
    const client = createServiceNowClient(connector(), async () => Promise.reject(down));
    await expect(client.ping()).rejects.toBe(down);
  });

  it('never echoes the page it got into the error', async () => {
    const e = await failure(html(`${LOGIN_PAGE}<!-- g_ck = 'a1b2c3d4e5f6secret' -->`));
    expect(JSON.stringify(pick(e))).not.toContain('a1b2c3d4e5f6secret');
  });
});
