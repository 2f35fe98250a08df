import { describe, expect, it } from 'vitest';
import authFailed from './fixtures/auth-failed.json';
import resourceTypes from './fixtures/resource-types.json';
import requestOk from './fixtures/request-password-ok.json';
import { describePamError, Pam360Error } from './errors';
import { fakePam, hangingFetch, recordingSleep, reply, SERVER, TOKEN, type Respond } from './fake-fetch.test-helper';
import { createTransport, type PamRequest, type TransportOptions } from './transport';

const GET: PamRequest = { method: 'GET', path: 'resources/resourcetypes' };
const POST: PamRequest = { method: 'POST', path: 'accounts/4001/requestpassword', input: { REASON: 'r', ACCESS: 'now' } };

function setup(respond: Respond, extra: Partial<TransportOptions> = {}, expectedOrg?: string) {
  const fake = fakePam(respond, expectedOrg === undefined ? {} : { orgName: expectedOrg });
  const sleeper = recordingSleep();
  const call = createTransport({ serverUrl: SERVER, getToken: async () => TOKEN, fetch: fake.fetch, sleep: sleeper.sleep, ...extra });
  return { call, calls: fake.calls, waits: sleeper.waits };
}

async function failure(promise: Promise<unknown>): Promise<Pam360Error> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Pam360Error);
    return error as Pam360Error;
  }
  throw new Error('expected a failure');
}

/** Answers from a script, one entry per call; an Error entry is thrown like fetch would. */
function script(...steps: Array<Response | Error>): Respond {
  return () => {
    const step = steps.shift();
    if (!step) throw new Error('unexpected extra request');
    if (step instanceof Error) throw step;
    return step;
  };
}

describe('transport: headers and encoding', () => {
  it('sends orgName only when configured (trimmed), never otherwise', async () => {
    const withOrg = setup(() => reply(resourceTypes), { orgName: '  Acme Corp ' }, 'Acme Corp');
    await withOrg.call(GET);
    const without = setup(() => reply(resourceTypes), { orgName: '   ' });
    await without.call(GET);
    expect(without.calls[0]?.headers.has('orgName')).toBe(false);
  });

  it('puts INPUT_DATA (URL-encoded JSON) and plain params in the query for GET', async () => {
    const { call, calls } = setup(() => reply(resourceTypes));
    await call({ method: 'GET', path: 'resources/getResourceIdAccountId', query: { RESOURCENAME: 'srv 01&x', ACCOUNTNAME: 'a/b' }, input: { A: 'ü "q"' } });
    const seen = calls[0]!;
    expect(seen.url.search).toBe(
      `?RESOURCENAME=srv%2001%26x&ACCOUNTNAME=a%2Fb&INPUT_DATA=${encodeURIComponent('{"operation":{"Details":{"A":"ü \\"q\\""}}}')}`,
    );
    expect(seen.details).toEqual({ A: 'ü "q"' });
  });

  it('sends POST data as an urlencoded INPUT_DATA body, not in the URL', async () => {
    const { call, calls } = setup(() => reply(requestOk));
    await call(POST);
    expect(calls[0]?.url.search).toBe('');
    expect(calls[0]?.details).toEqual({ REASON: 'r', ACCESS: 'now' });
    expect(calls[0]?.body).toBe(new URLSearchParams({ INPUT_DATA: '{"operation":{"Details":{"REASON":"r","ACCESS":"now"}}}' }).toString());
  });
});

describe('transport: retries', () => {
  it('retries a GET on 503 and on a network error, with 250/750 ms backoff, then succeeds', async () => {
    const { call, calls, waits } = setup(script(reply('Service Unavailable', 503, 'text/plain'), new TypeError('Failed to fetch'), reply(resourceTypes)));
    const envelope = await call(GET);
    expect(envelope.name).toBe('GET RESOURCE TYPES');
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([250, 750]);
  });

  it('gives up after retries: 502/503/504 → unreachable with the status', async () => {
    const { call, calls } = setup(() => reply('<html>Bad gateway</html>', 502, 'text/html'));
    const error = await failure(call(GET));
    expect([error.kind, error.httpStatus, calls.length]).toEqual(['unreachable', 502, 3]);
  });

  it('gives up after retries: other 5xx → unexpected with a body preview', async () => {
    const { call, calls } = setup(() => reply('<html>Internal error</html>', 500, 'text/html'));
    const error = await failure(call(GET));
    expect([error.kind, error.httpStatus, calls.length]).toEqual(['unexpected', 500, 3]);
    expect(error.detail).toBe('not JSON (HTTP 500, content-type text/html): "<html>Internal error</html>"');
  });

  it('honours retries: 0', async () => {
    const { call, calls } = setup(() => reply('down', 503), { retries: 0 });
    await failure(call(GET));
    expect(calls).toHaveLength(1);
  });

  it('never retries a POST (network error or 503)', async () => {
    const first = setup(script(new TypeError('Failed to fetch')));
    expect((await failure(first.call(POST))).kind).toBe('unreachable');
    expect([first.calls.length, first.waits]).toEqual([1, []]);
    const second = setup(script(reply('down', 503)));
    await failure(second.call(POST));
    expect(second.calls).toHaveLength(1);
  });

  it('does not retry a Failed envelope, 4xx or 599', async () => {
    for (const response of [() => reply(authFailed), () => reply('nope', 404, 'text/html'), () => reply('', 599)]) {
      const { call, calls } = setup(response);
      await failure(call(GET));
      expect(calls).toHaveLength(1);
    }
  });

  it('does not retry a Failed envelope sent with HTTP 500', async () => {
    const { call, calls } = setup(() => reply(authFailed, 500));
    const error = await failure(call(GET));
    expect([error.kind, error.httpStatus, calls.length]).toEqual(['bad-token', 500, 1]);
  });
});

describe('transport: error kinds', () => {
  it('times out → unreachable "timed out after N ms", not retried', async () => {
    const sleeper = recordingSleep();
    const call = createTransport({ serverUrl: SERVER, getToken: async () => TOKEN, fetch: hangingFetch(), timeoutMs: 25, sleep: sleeper.sleep });
    const error = await failure(call(GET));
    expect([error.kind, error.detail, sleeper.waits]).toEqual(['unreachable', 'timed out after 25 ms', []]);
  });

  it('network TypeError → unreachable', async () => {
    const { call } = setup(() => {
      throw new TypeError('Failed to fetch');
    }, { retries: 0 });
    const error = await failure(call(GET));
    expect([error.kind, error.detail]).toEqual(['unreachable', 'network error: Failed to fetch']);
  });

  it.each([
    ['sign-in page (HTML, 200)', () => reply('<!DOCTYPE html><html><title>Okta sign-in</title></html>', 200, 'text/html'), 'unexpected', undefined],
    ['truncated JSON', () => reply('{"operation":{"result":{"status":"Succ', 200), 'unexpected', undefined],
    ['empty body', () => reply('', 200), 'unexpected', undefined],
    ['HTTP 599', () => reply('', 599), 'input-rejected', 599],
    ['403 without envelope', () => reply('<html>Forbidden</html>', 403, 'text/html'), 'unexpected', 403],
    ['401 without envelope', () => reply('Unauthorized', 401, 'text/plain'), 'unexpected', 401],
    ['401 with the bad-token envelope', () => reply(authFailed, 401), 'bad-token', 401],
    // Research §8 q4: newer builds may answer auth failures with 401; the wording is unknown.
    ['401 with a Failed envelope in other words', () => reply({ operation: { name: 'Authentication', result: { status: 'Failed', message: 'Invalid AUTHTOKEN.' } } }, 401), 'bad-token', 401],
    ['401 with the host envelope', () => reply({ operation: { result: { status: 'Failed', message: 'User is not allowed to access from this host' } } }, 401), 'host-not-allowed', 401],
    ['403 with a Failed envelope', () => reply({ operation: { result: { status: 'Failed', message: 'You are not authorized to perform this operation.' } } }, 403), 'failed', 403],
    ['redirect (e.g. to SSO)', () => new Response(null, { status: 302, headers: { location: 'https://sso.example.test/login' } }), 'unexpected', 302],
    ['Success envelope with 404', () => reply({ operation: { result: { status: 'Success' } } }, 404), 'unexpected', 404],
  ] as const)('%s → %s', async (_name, response, kind, httpStatus) => {
    const { call } = setup(response, { retries: 0 });
    const error = await failure(call(GET));
    expect([error.kind, error.httpStatus]).toEqual([kind, httpStatus]);
  });

  it('no token → no-token, and no request is made', async () => {
    for (const getToken of [async () => null, async () => '', async () => Promise.reject(new Error('decrypt'))]) {
      const fake = fakePam(() => reply(resourceTypes));
      const call = createTransport({ serverUrl: SERVER, getToken, fetch: fake.fetch });
      expect((await failure(call(GET))).kind).toBe('no-token');
      expect(fake.calls).toHaveLength(0);
    }
  });

  it('a token with spaces is refused before sending (fetch would throw a TypeError)', async () => {
    const fake = fakePam(() => reply(resourceTypes));
    const call = createTransport({ serverUrl: SERVER, getToken: async () => 'abc def', fetch: fake.fetch });
    expect((await failure(call(GET))).kind).toBe('bad-token');
    expect(fake.calls).toHaveLength(0);
  });

  it('no server URL → not-configured', async () => {
    const call = createTransport({ serverUrl: '', getToken: async () => TOKEN, fetch: hangingFetch() });
    expect((await failure(call(GET))).kind).toBe('not-configured');
  });
});

describe('transport: the token never appears in errors', () => {
  const echoes: Array<[string, Respond]> = [
    ['HTML page echoing the token', () => reply(`<html>Your token ${TOKEN} is wrong</html>`, 200, 'text/html')],
    ['Failed message echoing the token', () => reply({ operation: { result: { status: 'Failed', message: `Invalid key ${TOKEN}` } } })],
    ['network error mentioning the token', () => Promise.reject(new TypeError(`connect failed ${TOKEN}`))],
    ['5xx body echoing the token', () => reply(`error for ${TOKEN}`, 500, 'text/plain')],
  ];
  it.each(echoes)('%s', async (_name, respond) => {
    const { call } = setup(respond, { retries: 0 });
    const error = await failure(call(GET));
    const described = describePamError(error, SERVER);
    const everything = JSON.stringify({ ...error, error, text: error.message, stack: error.stack, described });
    expect(everything).not.toContain(TOKEN);
    expect(everything).toContain('[redacted]');
  });
});
