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

  it('uses Basic and Bearer authorization for those auth types', async () => {
    const fetch = fakeFetch();
    await createApiTransport(connector({ type: 'basic', username: 'svc' }), 'pässword-123456', { fetch })({ method: 'GET', path: '/x' });
    await createApiTransport(connector({ type: 'bearer' }), KEY, { fetch })({ method: 'GET', path: '/x' });
    const basic = (fetch.mock.calls[0]![1]!.headers as Headers).get('Authorization')!;
    expect(basic.startsWith('Basic ')).toBe(true);
    expect(new TextDecoder().decode(Uint8Array.from(atob(basic.slice(6)), (c) => c.charCodeAt(0)))).toBe('svc:pässword-123456');
    expect((fetch.mock.calls[1]![1]!.headers as Headers).get('Authorization')).toBe(`Bearer ${KEY}`);
    expect((fetch.mock.calls[1]![1]!.headers as Headers).get('authtoken')).toBeNull();
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
        url: '/api/v3/requests/1/notes',
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
