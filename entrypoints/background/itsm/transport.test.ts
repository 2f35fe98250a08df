import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connector } from '@/utils/config/schema';
import {
  createApiTransport,
  createSessionTransport,
  findPortalTab,
  ItsmSetupError,
  MAX_TEXT_CHARS,
  sessionFetch,
  type SessionFetchInput,
} from './transport';
import { ItsmError } from './types';
import { readServiceNowSessionToken } from '@/utils/adapters/servicenow/identity';
import { SESSION_PROFILES } from './session-profiles';

const KEY = '0A1B2C3D-4E5F-6789-ABCD-EF0123456789';

const connector = (auth: Connector['auth'], extra: Partial<Connector> = {}): Connector => ({
  id: 'corp',
  kind: 'sdp',
  name: 'Corp SDP',
  baseUrl: 'https://sdp.example.com:8080',
  auth,
  writeNote: false,
  ...extra,
});

function fakeFetch(response: () => Response = () => new Response('{"ok":1}', { status: 200, headers: { 'content-type': 'application/json' } })) {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => response());
}

async function rejection(promise: Promise<unknown>): Promise<ItsmError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ItsmError);
  return error as ItsmError;
}

describe('createApiTransport', () => {
  it('sends the SDP key as authtoken (+ PORTALID) with cookies omitted and redirects not followed', async () => {
    const fetch = fakeFetch();
    const transport = createApiTransport(connector({ type: 'api-key', portalId: '3' }), KEY, { fetch });
    const response = await transport({ method: 'GET', path: '/api/v3/requests', query: { input_data: '{"a":1}' } });
    expect(response).toEqual({ status: 200, contentType: 'application/json', text: '{"ok":1}' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://sdp.example.com:8080/api/v3/requests?input_data=%7B%22a%22%3A1%7D');
    expect(init).toMatchObject({ method: 'GET', credentials: 'omit', redirect: 'manual', cache: 'no-store' });
    const headers = init!.headers as Headers;
    expect(headers.get('authtoken')).toBe(KEY);
    expect(headers.get('PORTALID')).toBe('3');
    expect(headers.get('Accept')).toBe('application/vnd.manageengine.sdp.v3+json');
    expect(headers.get('Authorization')).toBeNull();
    expect(init!.body).toBeUndefined();
  });

  it('also sends the SDP key as the legacy TECHNICIAN_KEY header (older builds; research §1.5)', async () => {
    const fetch = fakeFetch();
    await createApiTransport(connector({ type: 'api-key' }), ` ${KEY} `, { fetch })({ method: 'GET', path: '/api/v3/requests/5' });
    const headers = fetch.mock.calls[0]![1]!.headers as Headers;
    expect([headers.get('authtoken'), headers.get('TECHNICIAN_KEY'), headers.get('PORTALID')]).toEqual([KEY, KEY, null]);
  });

  it('uses Basic and Bearer authorization for those auth types', async () => {
    const fetch = fakeFetch();
    await createApiTransport(connector({ type: 'basic', username: 'svc' }), 'pässword-123456', { fetch })({ method: 'GET', path: '/x' });
    await createApiTransport(connector({ type: 'bearer' }), KEY, { fetch })({ method: 'GET', path: '/x' });
    const basic = (fetch.mock.calls[0]![1]!.headers as Headers).get('Authorization')!;
    expect(basic.startsWith('Basic ')).toBe(true);
    expect(new TextDecoder().decode(Uint8Array.from(atob(basic.slice(6)), (c) => c.charCodeAt(0)))).toBe('svc:pässword-123456');
    expect((fetch.mock.calls[1]![1]!.headers as Headers).get('Authorization')).toBe(`Bearer ${KEY}`);
    expect((fetch.mock.calls[1]![1]!.headers as Headers).get('authtoken')).toBeNull();
    expect((fetch.mock.calls[1]![1]!.headers as Headers).get('TECHNICIAN_KEY')).toBeNull();
  });

  it('encodes form and JSON bodies; a request header cannot replace the auth header', async () => {
    const fetch = fakeFetch();
    const transport = createApiTransport(connector({ type: 'api-key' }), KEY, { fetch });
    await transport({ method: 'POST', path: '/api/v3/requests/1/notes', form: { input_data: '{"n":"a b"}' }, headers: { authtoken: 'evil' } });
    await transport({ method: 'PUT', path: '/x', json: { a: 1 } });
    const [, form] = fetch.mock.calls[0]!;
    expect(form!.body).toBe('input_data=%7B%22n%22%3A%22a+b%22%7D');
    expect((form!.headers as Headers).get('Content-Type')).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect((form!.headers as Headers).get('authtoken')).toBe(KEY);
    const [, json] = fetch.mock.calls[1]!;
    expect(json!.body).toBe('{"a":1}');
    expect((json!.headers as Headers).get('Content-Type')).toBe('application/json');
  });

  it('refuses paths that would leave the portal origin', async () => {
    const fetch = fakeFetch();
    const transport = createApiTransport(connector({ type: 'api-key' }), KEY, { fetch });
    await rejection(transport({ method: 'GET', path: '//evil.example/x' }));
    await rejection(transport({ method: 'GET', path: 'api/v3' }));
    expect(fetch).not.toHaveBeenCalled();
  });

  it('maps network errors and timeouts to unreachable, and reports a hidden redirect as 302', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await rejection(createApiTransport(connector({ type: 'api-key' }), KEY, { fetch: down })({ method: 'GET', path: '/x' }));
    expect(error).toMatchObject({ kind: 'unreachable', message: 'Cannot reach https://sdp.example.com:8080.' });
    expect(error.detail).toContain('Failed to fetch');
    expect(error.detail).not.toContain(KEY);

    const hang = vi.fn((_url: RequestInfo | URL, init?: RequestInit) => new Promise<Response>((_, reject) => init!.signal!.addEventListener('abort', () => reject(new Error('aborted')))));
    const timeout = await rejection(createApiTransport(connector({ type: 'api-key' }), KEY, { fetch: hang, timeoutMs: 5 })({ method: 'GET', path: '/x' }));
    expect(timeout).toMatchObject({ kind: 'unreachable', detail: 'timed out after 5 ms' });

    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), text: async () => '' } as unknown as Response;
    const redirected = await createApiTransport(connector({ type: 'api-key' }), KEY, { fetch: vi.fn(async () => opaque) })({ method: 'GET', path: '/x' });
    expect(redirected.status).toBe(302);
  });

  it('refuses a key with characters a header cannot carry, before any request', () => {
    expect(() => createApiTransport(connector({ type: 'api-key' }), 'bad key\n', { fetch: fakeFetch() })).toThrow(ItsmSetupError);
  });
});

describe('createApiTransport for ServiceNow', () => {
  const sn = (auth: Connector['auth']) => connector(auth, { kind: 'servicenow', name: 'Acme', baseUrl: 'https://acme.service-now.com' });
  const SN_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

  it('api-key: x-sn-apikey (not authtoken), JSON accepted, cookies omitted', async () => {
    const fetch = fakeFetch();
    await createApiTransport(sn({ type: 'api-key', portalId: '3' }), SN_KEY, { fetch })({ method: 'GET', path: '/api/now/table/incident/abc' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://acme.service-now.com/api/now/table/incident/abc');
    expect(init).toMatchObject({ credentials: 'omit', redirect: 'manual' });
    const headers = init!.headers as Headers;
    expect(headers.get('x-sn-apikey')).toBe(SN_KEY);
    expect(headers.get('authtoken')).toBeNull();
    expect(headers.get('TECHNICIAN_KEY')).toBeNull();
    expect(headers.get('PORTALID')).toBeNull();
    expect(headers.get('Authorization')).toBeNull();
    expect(headers.get('Accept')).toBe('application/json');
  });

  it('basic: Authorization: Basic base64(username:password), the password as typed; JSON PATCH bodies', async () => {
    const fetch = fakeFetch();
    const transport = createApiTransport(sn({ type: 'basic', username: 'svc.pam' }), ' pa:ss wörd ', { fetch });
    await transport({ method: 'PATCH', path: '/api/now/table/incident/abc', json: { work_notes: 'Opened' } });
    const [, init] = fetch.mock.calls[0]!;
    const headers = init!.headers as Headers;
    const basic = headers.get('Authorization')!;
    expect(basic.startsWith('Basic ')).toBe(true);
    expect(new TextDecoder().decode(Uint8Array.from(atob(basic.slice(6)), (c) => c.charCodeAt(0)))).toBe('svc.pam: pa:ss wörd ');
    expect(init).toMatchObject({ method: 'PATCH', credentials: 'omit', body: '{"work_notes":"Opened"}' });
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('x-sn-apikey')).toBeNull();
  });

  it('basic without a usable username, and oauth2 without a token source, are setup errors', () => {
    expect(() => createApiTransport(sn({ type: 'basic' }), 'pw', { fetch: fakeFetch() })).toThrow(ItsmSetupError);
    expect(() => createApiTransport(sn({ type: 'basic', username: 'a:b' }), 'pw', { fetch: fakeFetch() })).toThrow(ItsmSetupError);
    expect(() => createApiTransport(sn({ type: 'oauth2', clientId: 'c' }), 'token', { fetch: fakeFetch() })).toThrow(ItsmSetupError);
  });

  it('oauth2: Bearer from the token source (refresh flows: oauth.test.ts)', async () => {
    const fetch = fakeFetch();
    const tokens = { accessToken: vi.fn(async () => 'at-1'), refreshAfterRejection: vi.fn(async () => 'at-2') };
    await createApiTransport(sn({ type: 'oauth2', clientId: 'c' }), tokens, { fetch })({ method: 'GET', path: '/api/now/table/sys_user' });
    expect((fetch.mock.calls[0]![1]!.headers as Headers).get('Authorization')).toBe('Bearer at-1');
    expect(tokens.refreshAfterRejection).not.toHaveBeenCalled();
    // A path that would leave the portal is refused before any token is asked for.
    await rejection(createApiTransport(sn({ type: 'oauth2', clientId: 'c' }), tokens, { fetch })({ method: 'GET', path: '//evil.example/x' }));
    expect(tokens.accessToken).toHaveBeenCalledTimes(1);
  });
});

describe('sessionFetch (the function injected into the portal tab)', () => {
  const input = (extra: Partial<SessionFetchInput> = {}): SessionFetchInput => ({
    expectedOrigin: 'https://sdp.example.com:8080',
    url: '/api/v3/requests/5',
    method: 'GET',
    headers: { APICLIENT: 'sdp_web', Accept: 'application/vnd.manageengine.sdp.v3+json' },
    csrf: { cookie: 'sdpcsrfcookie', field: 'sdpcsrfparam' },
    timeoutMs: 1000,
    maxChars: MAX_TEXT_CHARS,
    ...extra,
  });

  function page(origin: string, cookie = 'JSESSIONID=abc; sdpcsrfcookie=tok%2Ben; other=1') {
    const fetch = fakeFetch(() => new Response('{"request":{}}', { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' } }));
    vi.stubGlobal('location', { origin });
    vi.stubGlobal('document', { cookie });
    vi.stubGlobal('fetch', fetch);
    return fetch;
  }

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is self-contained (the browser serialises it without its module)', () => {
    const source = sessionFetch.toString();
    expect(source).not.toMatch(/\bimport\b|require\(|__vite|_ts_/);
  });

  it('GETs same-origin with the session profile headers and no CSRF field', async () => {
    const fetch = page('https://sdp.example.com:8080');
    const result = await sessionFetch(input());
    expect(result).toEqual({ ok: true, status: 200, contentType: 'application/json;charset=UTF-8', text: '{"request":{}}' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://sdp.example.com:8080/api/v3/requests/5');
    expect(init).toMatchObject({ method: 'GET', credentials: 'same-origin', redirect: 'manual', headers: { APICLIENT: 'sdp_web' } });
    expect(init!.body).toBeUndefined();
  });

  it('adds sdpcsrfparam from the sdpcsrfcookie cookie to POST forms', async () => {
    const fetch = page('https://sdp.example.com:8080');
    await sessionFetch(input({ method: 'POST', url: '/api/v3/requests/5/notes', form: { input_data: '{"x":1}' } }));
    const [, init] = fetch.mock.calls[0]!;
    const body = new URLSearchParams(init!.body as string);
    expect(body.get('input_data')).toBe('{"x":1}');
    expect(body.get('sdpcsrfparam')).toBe('tok+en');
    expect((init!.headers as Record<string, string>)['Content-Type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
  });

  it('refuses to run on another origin, and a POST without the CSRF cookie', async () => {
    const fetch = page('https://evil.example.com');
    expect(await sessionFetch(input())).toEqual({ ok: false, reason: 'wrong-origin', detail: 'https://evil.example.com' });
    page('https://sdp.example.com:8080', 'JSESSIONID=abc');
    expect(await sessionFetch(input({ method: 'POST', form: {} }))).toEqual({ ok: false, reason: 'no-csrf' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses an absolute URL to elsewhere and answers that are too large', async () => {
    page('https://sdp.example.com:8080');
    expect(await sessionFetch(input({ url: 'https://evil.example.com/x' }))).toMatchObject({ ok: false, reason: 'wrong-origin' });
    expect(await sessionFetch(input({ maxChars: 5 }))).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('gives up after the timeout', async () => {
    page('https://sdp.example.com:8080');
    vi.stubGlobal('fetch', () => new Promise(() => undefined));
    expect(await sessionFetch(input({ timeoutMs: 5 }))).toEqual({ ok: false, reason: 'timeout' });
  });

  it('uses the page’s fetch where Firefox offers one (content.fetch)', async () => {
    const plain = page('https://sdp.example.com:8080');
    const pageFetch = fakeFetch();
    vi.stubGlobal('content', { fetch: pageFetch });
    expect(await sessionFetch(input())).toMatchObject({ ok: true, text: '{"ok":1}' });
    expect(pageFetch).toHaveBeenCalledOnce();
    expect(plain).not.toHaveBeenCalled();
  });

  it('reports network errors instead of throwing', async () => {
    page('https://sdp.example.com:8080');
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await sessionFetch(input())).toEqual({ ok: false, reason: 'network', detail: 'TypeError: Failed to fetch' });
  });

  it('ServiceNow: sends the page token (2nd argument) as X-UserToken, same-origin, and no CSRF cookie field', async () => {
    const fetch = page('https://acme.service-now.com', 'glide_user_route=x');
    const sn = input({ expectedOrigin: 'https://acme.service-now.com', url: '/api/now/table/incident/abc', headers: { Accept: 'application/json' }, tokenHeader: 'X-UserToken' });
    delete sn.csrf;
    await sessionFetch({ ...sn, method: 'PATCH', json: '{"work_notes":"x"}' }, 'ck-0123456789abcdef');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://acme.service-now.com/api/now/table/incident/abc');
    expect(init).toMatchObject({
      method: 'PATCH',
      credentials: 'same-origin',
      body: '{"work_notes":"x"}',
      headers: { Accept: 'application/json', 'X-UserToken': 'ck-0123456789abcdef', 'Content-Type': 'application/json' },
    });
  });

  it('ServiceNow: without a page token nothing is sent; on another origin the token is never used', async () => {
    const fetch = page('https://acme.service-now.com');
    const sn = input({ expectedOrigin: 'https://acme.service-now.com', tokenHeader: 'X-UserToken' });
    expect(await sessionFetch(sn)).toEqual({ ok: false, reason: 'no-csrf' });
    expect(await sessionFetch(sn, '')).toEqual({ ok: false, reason: 'no-csrf' });
    page('https://evil.example.com');
    expect(await sessionFetch(sn, 'ck-1')).toMatchObject({ ok: false, reason: 'wrong-origin' });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('readServiceNowSessionToken (the MAIN-world function)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is self-contained and reads the page’s g_ck', () => {
    expect(readServiceNowSessionToken.toString()).not.toMatch(/\bimport\b|require\(|__vite|_ts_/);
    vi.stubGlobal('window', { g_ck: 'ck-0123456789abcdef' });
    vi.stubGlobal('document', { querySelector: () => null, querySelectorAll: () => [] });
    expect(readServiceNowSessionToken()?.token).toBe('ck-0123456789abcdef');
  });
});

describe('createSessionTransport', () => {
  it('runs the request in the given tab and frame, isolated world, with plain-data args and no secret', async () => {
    const executeScript = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockResolvedValue([{ frameId: 2, documentId: 'd', result: { ok: true, status: 200, contentType: 'application/json', text: '{}' } }] as never);
    const transport = createSessionTransport(connector({ type: 'session' }), { tabId: 7, frameId: 2 });
    const response = await transport({ method: 'POST', path: '/api/v3/requests/1/notes', form: { input_data: '{}' }, headers: { PORTALID: '3' } });
    expect(response).toEqual({ status: 200, contentType: 'application/json', text: '{}' });
    const injection = executeScript.mock.calls[0]![0] as unknown as { target: unknown; world: string; func: unknown; args: [SessionFetchInput] };
    expect(injection.target).toEqual({ tabId: 7, frameIds: [2] });
    expect(injection.world).toBe('ISOLATED');
    expect(injection.func).toBe(sessionFetch);
    expect(injection.args).toEqual([
      {
        expectedOrigin: 'https://sdp.example.com:8080',
        // sdpAjax adds SUBREQUEST=XMLHTTP (research §1.5); a query parameter, as SDP's own calls send it.
        url: '/api/v3/requests/1/notes?SUBREQUEST=XMLHTTP',
        method: 'POST',
        headers: { Accept: 'application/vnd.manageengine.sdp.v3+json', PORTALID: '3', APICLIENT: 'sdp_web' },
        form: { input_data: '{}' },
        csrf: { cookie: 'sdpcsrfcookie', field: 'sdpcsrfparam' },
        timeoutMs: 15000,
        maxChars: MAX_TEXT_CHARS,
      },
    ]);
    expect(() => structuredClone(injection.args)).not.toThrow();
  });

  it.each([
    [{ ok: false, reason: 'no-csrf' }, 'signed-out'],
    [{ ok: false, reason: 'network', detail: 'x' }, 'unreachable'],
    [{ ok: false, reason: 'timeout' }, 'unreachable'],
    [{ ok: false, reason: 'wrong-origin', detail: 'https://evil' }, 'failed'],
    [{ ok: false, reason: 'too-large' }, 'unexpected'],
    [undefined, 'failed'],
  ])('maps %j to %s', async (result, kind) => {
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([{ frameId: 0, documentId: 'd', result }] as never);
    const error = await rejection(createSessionTransport(connector({ type: 'session' }), { tabId: 7, frameId: 0 })({ method: 'GET', path: '/x' }));
    expect(error.kind).toBe(kind);
  });

  it('reports a closed tab as a failure of that tab', async () => {
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('No tab with id: 7'));
    const error = await rejection(createSessionTransport(connector({ type: 'session' }), { tabId: 7, frameId: 0 })({ method: 'GET', path: '/x' }));
    expect(error).toMatchObject({ kind: 'failed', message: 'Could not run the request in the Corp SDP tab.', detail: 'No tab with id: 7' });
  });
});

describe('createSessionTransport for ServiceNow (two steps: MAIN-world token, then isolated fetch)', () => {
  const sn = connector({ type: 'session' }, { kind: 'servicenow', name: 'Acme', baseUrl: 'https://acme.service-now.com' });

  it('profile: X-UserToken from the MAIN world, as plain data', () => {
    expect(SESSION_PROFILES.servicenow).toEqual({ headers: {}, tokenHeader: 'X-UserToken', tokenFrom: 'main-world' });
    expect(() => structuredClone(SESSION_PROFILES.servicenow)).not.toThrow();
  });

  it('reads g_ck in the MAIN world of the asking frame, then fetches in that frame with X-UserToken', async () => {
    const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: { world: string }) =>
      injection.world === 'MAIN'
        ? [{ frameId: 5, documentId: 'd', result: { token: 'ck-0123456789abcdef' } }]
        : [{ frameId: 5, documentId: 'd', result: { ok: true, status: 200, contentType: 'application/json', text: '{"result":{}}' } }]) as never);
    const transport = createSessionTransport(sn, { tabId: 9, frameId: 5 });
    const response = await transport({ method: 'GET', path: '/api/now/table/incident/abc', query: { sysparm_display_value: 'all' } });
    expect(response).toEqual({ status: 200, contentType: 'application/json', text: '{"result":{}}' });
    expect(executeScript).toHaveBeenCalledTimes(2);
    const [main, isolated] = executeScript.mock.calls.map((c) => c[0] as unknown as { target: unknown; world: string; func: unknown; args?: unknown[] });
    expect(main).toEqual({ target: { tabId: 9, frameIds: [5] }, world: 'MAIN', func: readServiceNowSessionToken });
    expect(isolated!.target).toEqual({ tabId: 9, frameIds: [5] }); // the gsft_main frame the request came from
    expect(isolated!.world).toBe('ISOLATED');
    expect(isolated!.func).toBe(sessionFetch);
    expect(isolated!.args).toEqual([
      {
        expectedOrigin: 'https://acme.service-now.com',
        url: '/api/now/table/incident/abc?sysparm_display_value=all',
        method: 'GET',
        headers: { Accept: 'application/json' },
        tokenHeader: 'X-UserToken',
        timeoutMs: 15000,
        maxChars: MAX_TEXT_CHARS,
      },
      'ck-0123456789abcdef',
    ]);
  });

  it.each([
    [null, 'no session token'],
    [{}, 'no session token'],
    [{ token: '' }, 'unexpected shape'],
    [{ token: 'has space' }, 'unexpected shape'],
    ['ck', 'unexpected shape'],
    [undefined, 'no session token'],
  ])('page token %j → signed-out, and no request is made', async (result, detail) => {
    const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([{ frameId: 0, documentId: 'd', result }] as never);
    const error = await rejection(createSessionTransport(sn, { tabId: 9, frameId: 0 })({ method: 'GET', path: '/api/now/table/sys_user' }));
    expect(error).toMatchObject({ kind: 'signed-out', message: 'You are not signed in to Acme in this tab.' });
    expect(error.detail).toContain(detail);
    expect(executeScript).toHaveBeenCalledTimes(1);
  });

  it('a tab that cannot be scripted fails before any request', async () => {
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Frame with ID 5 was removed.'));
    const error = await rejection(createSessionTransport(sn, { tabId: 9, frameId: 5 })({ method: 'GET', path: '/x' }));
    expect(error).toMatchObject({ kind: 'failed', detail: 'Frame with ID 5 was removed.' });
  });
});

describe('findPortalTab', () => {
  it('picks the active, then the most recent tab on exactly the connector origin', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 1, url: 'https://sdp.example.com:9999/WorkOrder.do', active: true },
      { id: 2, url: 'https://sdp.example.com:8080/a', active: false, lastAccessed: 5 },
      { id: 3, url: 'https://sdp.example.com:8080/b', active: false, lastAccessed: 9 },
      { id: 4, url: 'https://sdp.example.com:8080/c', active: false, lastAccessed: 99, discarded: true },
    ] as never);
    expect(await findPortalTab(connector({ type: 'session' }))).toEqual({ tabId: 3, frameId: 0 });
    expect(query).toHaveBeenCalledWith({ url: 'https://sdp.example.com/*' });
  });

  it('says what to do when no portal tab is open', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
    const error = (await findPortalTab(connector({ type: 'session' })).catch((e: unknown) => e)) as ItsmSetupError;
    expect(error).toBeInstanceOf(ItsmSetupError);
    expect(error.kind).toBe('signed-out');
    expect(error.next).toBe('Open Corp SDP in a tab and sign in, then press Test connection again.');
  });
});
