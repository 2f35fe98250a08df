/**
 * The two ways an ITSM client reaches its portal (design.md "auth.type"):
 * - API transport: a background fetch with the stored secret (API key header, Basic, or an OAuth
 *   access token from oauth.ts), ambient cookies omitted. It never runs in a page, so the secret
 *   never leaves the background.
 * - Session transport: the request runs inside the technician's portal tab (isolated world), so it
 *   is same-origin with their own signed-in session. It never receives a secret. Where the portal
 *   wants a page-held token (ServiceNow: X-UserToken = g_ck), that is read first in the same
 *   frame's MAIN world and handed to the isolated-world fetch; it is never stored.
 */
import { networkErrorText } from '../network-error';
import { deadline } from '../deadline';
import { browser } from 'wxt/browser';
import type { Connector } from '@/utils/config/schema';
import { originPattern } from '@/utils/config/url';
import * as z from 'zod';
import { readServiceNowSessionToken } from '@/utils/adapters/servicenow/identity';
import type { OAuthTokenSource } from './oauth';
import { ItsmError, type ItsmErrorKind, type ItsmRequest, type ItsmTransport } from './types';
import { API_HEADERS, SESSION_PROFILES } from './session-profiles';

export const TIMEOUT_MS = 15_000;
/** Largest answer we read (characters); a ticket is a few KB, a sign-in page maybe 100 KB. */
export const MAX_TEXT_CHARS = 2 * 1024 * 1024;

/** An ItsmError found before any request was made, with the step that fixes it. */
export class ItsmSetupError extends ItsmError {
  constructor(
    kind: ItsmErrorKind,
    message: string,
    readonly next?: string,
    detail?: string,
  ) {
    super(kind, message, detail);
    this.name = 'ItsmSetupError';
  }
}

/**
 * Headers that carry an API key, per portal (SDP on-prem §1.5; ServiceNow inbound REST API keys
 * §2.5). SDP documents `authtoken`; older builds and working clients use the legacy
 * `TECHNICIAN_KEY`, so the key goes in both (same key, same server), as other clients do.
 */
const API_KEY_HEADERS: Partial<Record<Connector['kind'], readonly string[]>> = {
  sdp: ['authtoken', 'TECHNICIAN_KEY'],
  servicenow: ['x-sn-apikey'],
};

export interface ApiTransportOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * What authenticates the calls: the auth type's one secret (api-key: the key; basic: the
 * password, with connector.auth.username; bearer: the token), or for oauth2 a token source
 * (oauth.ts) that hands out access tokens and refreshes them.
 */
export type ApiSecret = string | OAuthTokenSource;

/**
 * Background fetch to `connector.baseUrl + path` with the connector's stored secret. OAuth: a
 * 401 with a token we believed valid gets one forced refresh and one retry, never more.
 */
export function createApiTransport(connector: Connector, secret: ApiSecret, options: ApiTransportOptions = {}): ItsmTransport {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const tokens = typeof secret === 'string' ? undefined : secret;
  if (connector.auth.type === 'oauth2' && !tokens) {
    throw new ItsmSetupError('failed', `OAuth is not set up for ${connector.name}.`, 'Edit the connector and sign in again.');
  }
  const fixed = typeof secret === 'string' ? authHeaders(connector, secret) : undefined;

  const send = async (request: ItsmRequest, auth: Record<string, string>) => {
    const url = apiUrl(connector, request);
    const headers = new Headers({ ...API_HEADERS[connector.kind], ...request.headers });
    for (const [name, value] of Object.entries(auth)) headers.set(name, value); // auth always wins
    const body = encodeBody(request);
    if (body) headers.set('Content-Type', body.type);

    const limit = deadline(timeoutMs);
    try {
      const response = await doFetch(url, {
        method: request.method,
        headers,
        ...(body ? { body: body.text } : {}),
        credentials: 'omit', // the secret is the only identity: no ambient portal cookies
        redirect: 'manual', // custom headers would follow a cross-origin redirect: never follow
        cache: 'no-store',
        signal: limit.signal,
      });
      // A browser hides a manual redirect (type opaqueredirect, status 0): report it as one, so the
      // client reads it like any redirect to a sign-in page.
      if (response.type === 'opaqueredirect') return { status: 302, contentType: '', text: '' };
      const text = await response.text(); // inside the timeout: a stalled body counts too
      if (text.length > MAX_TEXT_CHARS) throw new ItsmError('unexpected', `${connector.name} sent an answer too large to read.`, `${text.length} characters`);
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
    } catch (error) {
      if (error instanceof ItsmError) throw error;
      if (limit.expired()) throw new ItsmError('unreachable', `Cannot reach ${connector.baseUrl}.`, `timed out after ${timeoutMs} ms`);
      // DNS failure, refused connection and an untrusted certificate look the same to fetch.
      throw new ItsmError('unreachable', `Cannot reach ${connector.baseUrl}.`, `network error: ${networkErrorText(error)}`);
    } finally {
      limit.clear();
    }
  };

  return async (request) => {
    apiUrl(connector, request); // refuse a bad path before any token work
    if (!tokens) return send(request, fixed!);
    const token = await tokens.accessToken();
    const first = await send(request, bearer(connector, token));
    if (first.status !== 401) return first;
    // The token was refused although we believed it valid (revoked, clock skew): refresh once, retry once.
    const renewed = await tokens.refreshAfterRejection(token);
    return send(request, bearer(connector, renewed));
  };
}

function bearer(connector: Connector, token: string): Record<string, string> {
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new ItsmError('unexpected', `${connector.name} issued an access token a header cannot carry.`);
  }
  return { Authorization: `Bearer ${token}` };
}

function authHeaders(connector: Connector, secret: string): Record<string, string> {
  const key = secret.trim();
  // A header value with other characters makes fetch throw a TypeError that reads like a network error.
  const headerSafe = () => {
    if (!/^[\x21-\x7e]+$/.test(key)) {
      throw new ItsmSetupError('bad-credentials', `The saved secret for ${connector.name} has characters a key cannot have.`, 'Edit the connector and paste it again.');
    }
  };
  const { auth } = connector;
  switch (auth.type) {
    case 'api-key': {
      headerSafe();
      const names = API_KEY_HEADERS[connector.kind];
      if (!names) throw new ItsmSetupError('failed', `API keys are not supported for ${connector.name} yet.`);
      const headers: Record<string, string> = Object.fromEntries(names.map((name) => [name, key]));
      const portalId = auth.portalId?.trim();
      if (portalId && connector.kind === 'sdp') headers.PORTALID = portalId; // multi-portal on-prem SDP
      return headers;
    }
    case 'basic': {
      const username = auth.username?.trim() ?? '';
      if (!username || username.includes(':')) {
        throw new ItsmSetupError('bad-credentials', `No valid username saved for ${connector.name}.`, 'Edit the connector and enter the username.');
      }
      // The password as typed (not trimmed): spaces can be part of it.
      const pair = new TextEncoder().encode(`${username}:${secret}`);
      return { Authorization: `Basic ${btoa(String.fromCharCode(...pair))}` };
    }
    case 'bearer':
      headerSafe();
      return { Authorization: `Bearer ${key}` };
    default:
      throw new ItsmSetupError('failed', `Sign-in type “${auth.type}” is not supported for ${connector.name} yet.`);
  }
}

/** Absolute URL below the connector's origin; refuses a path that would leave it. */
function apiUrl(connector: Connector, request: ItsmRequest): string {
  const origin = new URL(connector.baseUrl).origin;
  if (!request.path.startsWith('/') || request.path.startsWith('//')) {
    throw new ItsmError('failed', 'Refused an API path outside the portal.', request.path.slice(0, 200));
  }
  const url = new URL(origin + request.path);
  if (url.origin !== origin) throw new ItsmError('failed', 'Refused an API path outside the portal.', request.path.slice(0, 200));
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.append(name, value);
  return url.href;
}

function encodeBody(request: ItsmRequest): { type: string; text: string } | undefined {
  if (request.form) return { type: 'application/x-www-form-urlencoded;charset=UTF-8', text: new URLSearchParams(request.form).toString() };
  if (request.json !== undefined) return { type: 'application/json', text: JSON.stringify(request.json) };
  return undefined;
}


// ---------------------------------------------------------------------------------------------
// Session transport

export interface SessionTarget {
  tabId: number;
  frameId: number;
}

/** Plain data handed to the injected function (it is structured-cloned into the tab). */
export interface SessionFetchInput {
  expectedOrigin: string;
  /** Path and query below the origin. */
  url: string;
  method: ItsmRequest['method'];
  headers: Record<string, string>;
  form?: Record<string, string>;
  /** JSON body, already serialised. */
  json?: string;
  csrf?: { cookie: string; field: string };
  /** Header for the page's session token (ServiceNow: X-UserToken); the token is the 2nd argument. */
  tokenHeader?: string;
  timeoutMs: number;
  maxChars: number;
}

export type SessionFetchResult =
  | { ok: true; status: number; contentType: string; text: string }
  | { ok: false; reason: 'wrong-origin' | 'no-csrf' | 'network' | 'timeout' | 'too-large' | 'failed'; detail?: string };

/**
 * Runs INSIDE the portal tab (scripting.executeScript, isolated world: the page cannot patch
 * our fetch). Self-contained on purpose: the browser serialises it, so no imports, closures or
 * helpers. It never throws; every outcome is a plain object.
 */
export async function sessionFetch(input: SessionFetchInput, token?: string): Promise<SessionFetchResult> {
  try {
    // The tab may have navigated since it was chosen: never send the session's CSRF value elsewhere.
    if (location.origin !== input.expectedOrigin) return { ok: false, reason: 'wrong-origin', detail: location.origin };
    const url = new URL(input.url, input.expectedOrigin); // absolute: a page <base> cannot redirect it
    if (url.origin !== input.expectedOrigin) return { ok: false, reason: 'wrong-origin', detail: url.origin };

    const headers: Record<string, string> = Object.assign({}, input.headers);
    if (input.tokenHeader) {
      // Read from the page's MAIN world just before (ServiceNow g_ck); only ever sent here, same-origin.
      if (typeof token !== 'string' || !token) return { ok: false, reason: 'no-csrf' };
      headers[input.tokenHeader] = token;
    }
    let csrfValue: string | undefined;
    if (input.method !== 'GET' && input.csrf) {
      const prefix = input.csrf.cookie + '=';
      const found = document.cookie
        .split(';')
        .map((part) => part.trim())
        .find((part) => part.indexOf(prefix) === 0);
      if (!found) return { ok: false, reason: 'no-csrf' };
      csrfValue = decodeURIComponent(found.slice(prefix.length));
    }
    let body: string | undefined;
    if (input.json !== undefined) {
      body = input.json;
      headers['Content-Type'] = 'application/json';
    } else if (input.form || csrfValue !== undefined) {
      const form = new URLSearchParams(input.form || {});
      if (csrfValue !== undefined && input.csrf) form.set(input.csrf.field, csrfValue);
      body = form.toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    }

    // Firefox: a content script's plain fetch is the extension's; content.fetch is the page's.
    const page = (globalThis as { content?: { fetch?: typeof fetch } }).content;
    const doFetch: typeof fetch = page && typeof page.fetch === 'function' ? page.fetch.bind(page) : fetch;
    const init: RequestInit = {
      method: input.method,
      headers,
      credentials: 'same-origin',
      redirect: 'manual',
      cache: 'no-store',
    };
    if (body !== undefined) init.body = body;
    const attempt = (async (): Promise<SessionFetchResult> => {
      try {
        const response = await doFetch(url.href, init);
        // Never follow a redirect (e.g. to a sign-in page); the client reads 3xx as "signed out".
        if (response.type === 'opaqueredirect') return { ok: true, status: 302, contentType: '', text: '' };
        const text = await response.text();
        if (text.length > input.maxChars) return { ok: false, reason: 'too-large', detail: text.length + ' characters' };
        return { ok: true, status: response.status, contentType: response.headers.get('content-type') || '', text };
      } catch (error) {
        return { ok: false, reason: 'network', detail: String(error) };
      }
    })();
    // A race, not an AbortSignal: a signal from this world may not cross into Firefox's page fetch.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<SessionFetchResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: 'timeout' }), input.timeoutMs);
    });
    try {
      return await Promise.race([attempt, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    return { ok: false, reason: 'failed', detail: String(error) };
  }
}

export interface SessionTransportOptions {
  timeoutMs?: number;
}

/** MAIN-world readers of a page's session token, per kind whose profile says `tokenFrom: 'main-world'`. */
const TOKEN_READERS: Partial<Record<Connector['kind'], () => { token?: string } | null>> = {
  servicenow: readServiceNowSessionToken,
};

/** What the page may hand back: a header-safe token or nothing (the page is not trusted). */
const pageTokenSchema = z
  .object({ token: z.string().regex(/^[\x21-\x7e]{1,1024}$/).optional() })
  .nullable();

/**
 * Reads the page's session token in the MAIN world of the same frame (ServiceNow: g_ck). The
 * token goes straight back into the same frame's request and is never stored.
 */
async function readPageToken(connector: Connector, target: SessionTarget): Promise<string> {
  const reader = TOKEN_READERS[connector.kind];
  if (!reader) throw new ItsmError('failed', `No session-token reader for ${connector.name}.`);
  const result = await runInFrame(connector, target, 'MAIN', reader, []);
  const parsed = pageTokenSchema.safeParse(result ?? null);
  if (!parsed.success) {
    throw new ItsmError('signed-out', `You are not signed in to ${connector.name} in this tab.`, 'the page’s session token has an unexpected shape');
  }
  const token = parsed.data?.token;
  if (!token) throw new ItsmError('signed-out', `You are not signed in to ${connector.name} in this tab.`, 'no session token (g_ck) in the portal frame');
  return token;
}

/**
 * Runs each request in the given portal tab/frame with the technician's own session. Where the
 * portal needs a page-held token (ServiceNow's X-UserToken = g_ck), it is read first in that
 * frame's MAIN world, then passed to the isolated-world fetch as an argument.
 */
export function createSessionTransport(connector: Connector, target: SessionTarget, options: SessionTransportOptions = {}): ItsmTransport {
  const profile = SESSION_PROFILES[connector.kind];
  const expectedOrigin = new URL(connector.baseUrl).origin;
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const tokenHeader = profile?.tokenFrom === 'main-world' ? profile.tokenHeader : undefined;

  return async (request) => {
    const query = profile?.query ? { ...request.query, ...profile.query } : request.query;
    const url = new URL(apiUrl(connector, query ? { ...request, query } : request));
    const input: SessionFetchInput = {
      expectedOrigin,
      url: url.pathname + url.search,
      method: request.method,
      headers: { ...API_HEADERS[connector.kind], ...request.headers, ...profile?.headers },
      ...(request.form ? { form: request.form } : {}),
      ...(request.json !== undefined ? { json: JSON.stringify(request.json) } : {}),
      ...(profile?.csrf ? { csrf: profile.csrf } : {}),
      ...(tokenHeader ? { tokenHeader } : {}),
      timeoutMs,
      maxChars: MAX_TEXT_CHARS,
    };
    const token = tokenHeader ? await readPageToken(connector, target) : undefined;
    const result = await runInFrame(connector, target, 'ISOLATED', sessionFetch, token === undefined ? [input] : [input, token]);
    return readSessionResult(connector, result, timeoutMs);
  };
}

/** Runs `func` in the portal frame and returns what it returned. */
async function runInFrame<A extends unknown[]>(
  connector: Connector,
  target: SessionTarget,
  world: 'MAIN' | 'ISOLATED',
  func: (...args: A) => unknown,
  args: A,
): Promise<unknown> {
  try {
    const results = await browser.scripting.executeScript({
      target: { tabId: target.tabId, frameIds: [target.frameId] },
      world,
      func,
      ...(args.length ? { args } : {}),
    });
    return results?.[0]?.result;
  } catch (error) {
    // Tab closed, navigated to another site, or host access withdrawn.
    throw new ItsmError('failed', `Could not run the request in the ${connector.name} tab.`, networkErrorText(error));
  }
}

function readSessionResult(connector: Connector, result: unknown, timeoutMs: number): { status: number; contentType: string; text: string } {
  const r = result as SessionFetchResult | undefined;
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') {
    throw new ItsmError('failed', `The ${connector.name} tab did not answer.`, 'no result from the injected script');
  }
  if (r.ok) {
    if (typeof r.status !== 'number' || typeof r.text !== 'string') throw new ItsmError('unexpected', 'Malformed answer from the portal tab.');
    return { status: r.status, contentType: String(r.contentType ?? ''), text: r.text };
  }
  const detail = typeof r.detail === 'string' ? r.detail.slice(0, 500) : undefined;
  switch (r.reason) {
    case 'wrong-origin':
      throw new ItsmError('failed', `The tab is no longer on ${connector.baseUrl}; the request was not sent.`, detail);
    case 'no-csrf':
      throw new ItsmError('signed-out', `You are not signed in to ${connector.name} in this tab.`, 'no CSRF token in the portal tab');
    case 'network':
      throw new ItsmError('unreachable', `Cannot reach ${connector.baseUrl}.`, detail);
    case 'timeout':
      throw new ItsmError('unreachable', `Cannot reach ${connector.baseUrl}.`, `timed out after ${timeoutMs} ms`);
    case 'too-large':
      throw new ItsmError('unexpected', `${connector.name} sent an answer too large to read.`, detail);
    default:
      throw new ItsmError('failed', `The request in the ${connector.name} tab failed.`, detail);
  }
}

/**
 * An open tab on the connector's origin (for Test connection in session mode). Needs host
 * access, not the "tabs" permission: tabs.query matches URLs of hosts we may access.
 */
export async function findPortalTab(connector: Connector): Promise<SessionTarget> {
  const origin = new URL(connector.baseUrl).origin;
  const tabs = await browser.tabs.query({ url: originPattern(connector.baseUrl) }).catch(() => []);
  const candidates = tabs.filter((tab) => tab.id !== undefined && tab.id >= 0 && !tab.discarded && sameOrigin(tab.url, origin));
  // Prefer the tab the technician looks at, then the most recently used one.
  candidates.sort((a, b) => Number(b.active) - Number(a.active) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  const tab = candidates[0];
  if (tab?.id === undefined) {
    throw new ItsmSetupError('signed-out', `No open ${connector.name} tab.`, `Open ${connector.name} in a tab and sign in, then press Test connection again.`);
  }
  return { tabId: tab.id, frameId: 0 };
}

function sameOrigin(url: string | undefined, origin: string): boolean {
  if (!url) return false;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
