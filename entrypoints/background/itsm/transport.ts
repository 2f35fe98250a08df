/**
 * The two ways an ITSM client reaches its portal (design.md "auth.type"):
 * - API transport: a background fetch with the stored secret, ambient cookies omitted. It never
 *   runs in a page, so the secret never leaves the background.
 * - Session transport: the request runs inside the technician's portal tab (isolated world), so it
 *   is same-origin with their own signed-in session. It never receives a secret.
 */
import { browser } from 'wxt/browser';
import type { Connector } from '@/utils/config/schema';
import { originPattern } from '@/utils/config/url';
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

/** Header that carries an API key, per portal (SDP on-prem: research/itsm-portals.md §1.5). */
const API_KEY_HEADER: Partial<Record<Connector['kind'], string>> = { sdp: 'authtoken' };

export interface ApiTransportOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Background fetch to `connector.baseUrl + path` with the connector's stored secret. */
export function createApiTransport(connector: Connector, secret: string, options: ApiTransportOptions = {}): ItsmTransport {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const auth = authHeaders(connector, secret);

  return async (request) => {
    const url = apiUrl(connector, request);
    const headers = new Headers({ ...API_HEADERS[connector.kind], ...request.headers });
    for (const [name, value] of Object.entries(auth)) headers.set(name, value); // auth always wins
    const body = encodeBody(request);
    if (body) headers.set('Content-Type', body.type);

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await doFetch(url, {
        method: request.method,
        headers,
        ...(body ? { body: body.text } : {}),
        credentials: 'omit', // the secret is the only identity: no ambient portal cookies
        redirect: 'manual', // custom headers would follow a cross-origin redirect: never follow
        cache: 'no-store',
        signal: controller.signal,
      });
      // A browser hides a manual redirect (type opaqueredirect, status 0): report it as one, so the
      // client reads it like any redirect to a sign-in page.
      if (response.type === 'opaqueredirect') return { status: 302, contentType: '', text: '' };
      const text = await response.text(); // inside the timeout: a stalled body counts too
      if (text.length > MAX_TEXT_CHARS) throw new ItsmError('unexpected', `${connector.name} sent an answer too large to read.`, `${text.length} characters`);
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
    } catch (error) {
      if (error instanceof ItsmError) throw error;
      if (timedOut) throw new ItsmError('unreachable', `Cannot reach ${connector.baseUrl}.`, `timed out after ${timeoutMs} ms`);
      // DNS failure, refused connection and an untrusted certificate look the same to fetch.
      throw new ItsmError('unreachable', `Cannot reach ${connector.baseUrl}.`, `network error: ${errorText(error)}`);
    } finally {
      clearTimeout(timer);
    }
  };
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
      const header = API_KEY_HEADER[connector.kind];
      if (!header) throw new ItsmSetupError('failed', `API keys are not supported for ${connector.name} yet.`);
      const headers: Record<string, string> = { [header]: key };
      const portalId = auth.portalId?.trim();
      if (portalId && connector.kind === 'sdp') headers.PORTALID = portalId; // multi-portal on-prem SDP
      return headers;
    }
    case 'basic': {
      const pair = new TextEncoder().encode(`${auth.username ?? ''}:${key}`);
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

function errorText(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
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
export async function sessionFetch(input: SessionFetchInput): Promise<SessionFetchResult> {
  try {
    // The tab may have navigated since it was chosen: never send the session's CSRF value elsewhere.
    if (location.origin !== input.expectedOrigin) return { ok: false, reason: 'wrong-origin', detail: location.origin };
    const url = new URL(input.url, input.expectedOrigin); // absolute: a page <base> cannot redirect it
    if (url.origin !== input.expectedOrigin) return { ok: false, reason: 'wrong-origin', detail: url.origin };

    const headers: Record<string, string> = Object.assign({}, input.headers);
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
      if (csrfValue !== undefined && input.csrf) url.searchParams.set(input.csrf.field, csrfValue);
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

/** Runs each request in the given portal tab/frame with the technician's own session. */
export function createSessionTransport(connector: Connector, target: SessionTarget, options: SessionTransportOptions = {}): ItsmTransport {
  const profile = SESSION_PROFILES[connector.kind];
  const expectedOrigin = new URL(connector.baseUrl).origin;
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;

  return async (request) => {
    const url = new URL(apiUrl(connector, request));
    const input: SessionFetchInput = {
      expectedOrigin,
      url: url.pathname + url.search,
      method: request.method,
      headers: { ...API_HEADERS[connector.kind], ...request.headers, ...profile?.headers },
      ...(request.form ? { form: request.form } : {}),
      ...(request.json !== undefined ? { json: JSON.stringify(request.json) } : {}),
      ...(profile?.csrf ? { csrf: profile.csrf } : {}),
      timeoutMs,
      maxChars: MAX_TEXT_CHARS,
    };
    let result: unknown;
    try {
      const results = await browser.scripting.executeScript({
        target: { tabId: target.tabId, frameIds: [target.frameId] },
        world: 'ISOLATED',
        func: sessionFetch,
        args: [input],
      });
      result = results?.[0]?.result;
    } catch (error) {
      // Tab closed, navigated to another site, or host access withdrawn.
      throw new ItsmError('failed', `Could not run the request in the ${connector.name} tab.`, errorText(error));
    }
    return readSessionResult(connector, result, timeoutMs);
  };
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
      throw new ItsmError('signed-out', `You are not signed in to ${connector.name} in this tab.`, 'no CSRF cookie in the portal tab');
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
