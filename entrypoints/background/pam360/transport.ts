/**
 * HTTP transport to PAM360's REST API (research/pam360-api.md §1), on ofetch with its own
 * retry and error throwing turned off, so we control every step: token only in the AUTHTOKEN
 * header, a timeout per attempt, retries for GETs only, and the body read as text so a sign-in
 * page or truncated JSON is reported, not thrown raw.
 */
import { networkErrorText } from '../network-error';
import { deadline } from '../deadline';
import { createFetch } from 'ofetch';
import { Pam360Error } from './errors';
import { failureError, isSuccess, readEnvelope, type FailureMapper } from './envelope';
import type { Envelope } from './schemas';

export interface TransportOptions {
  /** PAM360 origin, e.g. https://pam360.example.com:8282. */
  serverUrl: string;
  /** MSP organisation; the header is sent only when this is non-empty. */
  orgName?: string;
  /** Reads the saved token at call time (it may change between calls). */
  getToken: () => Promise<string | null>;
  /** Per attempt; default 15000. */
  timeoutMs?: number;
  /** Extra attempts for idempotent GETs; default 2. */
  retries?: number;
  fetch?: typeof fetch;
  /** Backoff sleep; injectable so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface PamRequest {
  method: 'GET' | 'POST';
  /** Path below /restapi/json/v1/, segments already encoded (see `pathSegment`). */
  path: string;
  /** `operation.Details`, sent as INPUT_DATA (query for GET, urlencoded body for POST). */
  input?: Record<string, unknown>;
  /** Plain query parameters where the API takes them (RESOURCENAME, ACCOUNTNAME). */
  query?: Record<string, string>;
  /** Operation-specific reading of a Failed envelope. */
  onFailed?: FailureMapper;
}

export type Transport = (request: PamRequest) => Promise<Envelope>;

const API_PREFIX = '/restapi/json/v1/';
const BACKOFF_BASE_MS = 250; // 250 ms, 750 ms, 2250 ms …
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Encodes one path segment; '.'/'..' cannot be sent (URL parsing would collapse them). */
export function pathSegment(value: string, what: string): string {
  if (!value || value === '.' || value === '..') {
    throw new Pam360Error('not-found', { detail: `invalid ${what}: "${value}"` });
  }
  return encodeURIComponent(value);
}

/** Encodes an ID segment; PAM360 IDs are digits, so anything outside [A-Za-z0-9_-] is refused. */
export function idSegment(value: string, what: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new Pam360Error('not-found', { detail: `invalid ${what}: "${value.slice(0, 64)}"` });
  }
  return value;
}

function apiUrl(serverUrl: string, request: PamRequest): string {
  let origin: string;
  try {
    const url = new URL(serverUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    origin = url.origin;
  } catch {
    throw new Pam360Error('not-configured', { detail: 'the server URL is missing or not an http(s) URL' });
  }
  const params: string[] = [];
  for (const [key, value] of Object.entries(request.query ?? {})) {
    params.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  if (request.method === 'GET' && request.input) {
    params.push(`INPUT_DATA=${encodeURIComponent(inputData(request.input))}`);
  }
  return `${origin}${API_PREFIX}${request.path}${params.length ? `?${params.join('&')}` : ''}`;
}

function inputData(details: Record<string, unknown>): string {
  return JSON.stringify({ operation: { Details: details } });
}

/** Replaces the token wherever it might have been echoed (defence in depth). */
function redactor(token: string): (text: string | undefined) => string | undefined {
  return (text) => (text === undefined || token.length < 4 ? text : text.split(token).join('[redacted]'));
}

type Raw = { status: number; contentType: string; text: string; redirected: boolean };
type Attempt = { raw: Raw } | { networkError: Pam360Error };

/** Creates the transport; every request resolves to a success envelope or throws Pam360Error. */
export function createTransport(options: TransportOptions): Transport {
  const timeoutMs = options.timeoutMs ?? 15000;
  const retries = Math.max(0, options.retries ?? 2);
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const $fetch = createFetch({ fetch: doFetch, Headers: globalThis.Headers, AbortController: globalThis.AbortController });
  const sleep = options.sleep ?? defaultSleep;
  const orgName = options.orgName?.trim() ?? '';

  async function once(url: string, init: RequestInit): Promise<Attempt> {
    const limit = deadline(timeoutMs);
    try {
      // The body is read inside the call, so the timeout covers it too.
      const response = await $fetch.raw<string, 'text'>(url, {
        ...(init as Record<string, unknown>),
        signal: limit.signal,
        responseType: 'text',
        ignoreResponseError: true, // HTTP errors are interpreted below, with the body
        retry: 0, // retries are ours: GETs only, with backoff
      });
      const text = response._data ?? '';
      const redirected = response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
      return { raw: { status: response.status, contentType: response.headers.get('content-type') ?? '', text, redirected } };
    } catch (error) {
      // A timeout is not retried: the user would wait (retries + 1) × timeoutMs.
      if (limit.expired()) throw new Pam360Error('unreachable', { detail: `timed out after ${timeoutMs} ms` });
      // Browsers report DNS failure, refused connection and an untrusted certificate alike.
      return { networkError: new Pam360Error('unreachable', { detail: `network error: ${networkErrorText(error)}` }) };
    } finally {
      limit.clear();
    }
  }

  async function send(request: PamRequest, token: string): Promise<Envelope> {
    const url = apiUrl(options.serverUrl, request);
    const headers: Record<string, string> = { AUTHTOKEN: token, Accept: 'application/json' };
    if (orgName) headers.orgName = orgName;
    const init: RequestInit = {
      method: request.method,
      headers,
      credentials: 'omit', // the token is the only credential; no ambient web-session cookies
      redirect: 'manual', // custom headers survive cross-origin redirects: never follow one
      cache: 'no-store',
    };
    if (request.method === 'POST') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
      init.body = new URLSearchParams({ INPUT_DATA: inputData(request.input ?? {}) }).toString();
    }
    // Only idempotent GETs are retried; a POST (access request) must never be sent twice.
    const attempts = request.method === 'GET' ? retries + 1 : 1;
    for (let attempt = 0; ; attempt++) {
      const last = attempt + 1 >= attempts;
      const result = await once(url, init);
      if ('networkError' in result) {
        if (last) throw result.networkError;
      } else {
        const outcome = interpret(result.raw, request.onFailed);
        if ('envelope' in outcome) return outcome.envelope;
        if (!outcome.retryable || last) throw outcome.error;
      }
      await sleep(BACKOFF_BASE_MS * 3 ** attempt);
    }
  }

  return async (request) => {
    let token: string | null;
    try {
      token = (await options.getToken())?.trim() ?? null; // pasted tokens often carry a newline
    } catch {
      throw new Pam360Error('no-token', { detail: 'the saved token could not be read' });
    }
    if (!token) throw new Pam360Error('no-token');
    // Header values must be printable ASCII; otherwise fetch throws a TypeError that would
    // read like a network problem.
    if (!/^[\x21-\x7e]+$/.test(token)) {
      throw new Pam360Error('bad-token', { detail: 'the saved token contains spaces or characters a token cannot have' });
    }
    if (orgName && !/^[\x20-\x7e]+$/.test(orgName)) {
      throw new Pam360Error('not-configured', { detail: 'the organisation name must use plain ASCII characters' });
    }
    try {
      return await send(request, token);
    } catch (error) {
      if (!(error instanceof Pam360Error)) throw error;
      const redact = redactor(token);
      const init: ConstructorParameters<typeof Pam360Error>[1] = {};
      const pamMessage = redact(error.pamMessage);
      const detail = redact(error.detail);
      if (pamMessage !== undefined) init.pamMessage = pamMessage;
      if (detail !== undefined) init.detail = detail;
      if (error.httpStatus !== undefined) init.httpStatus = error.httpStatus;
      throw new Pam360Error(error.kind, init);
    }
  };
}

type Outcome = { envelope: Envelope } | { error: Pam360Error; retryable: boolean };

/** Decides what one HTTP answer means. Retryable only: 5xx (not 599) without an envelope. */
function interpret(raw: Raw, onFailed?: FailureMapper): Outcome {
  const { status } = raw;
  if (raw.redirected) {
    const error = new Pam360Error('unexpected', {
      detail: `the server redirected the API call (HTTP ${status}), e.g. to a sign-in page`,
    });
    if (status) error.httpStatus = status;
    return { error, retryable: false };
  }
  if (status === 599) {
    return { error: new Pam360Error('input-rejected', { httpStatus: 599 }), retryable: false };
  }
  const read = readEnvelope(raw.text, { httpStatus: status, contentType: raw.contentType });
  if (!(read instanceof Pam360Error)) {
    if (!isSuccess(read)) return { error: failureError(read, status, onFailed), retryable: false };
    if (status >= 200 && status < 300) return { envelope: read };
    return {
      error: new Pam360Error('unexpected', { detail: `success envelope with HTTP ${status}`, httpStatus: status }),
      retryable: false,
    };
  }
  if (status >= 500) {
    // A gateway in front of PAM360 answering 502/503/504 means PAM360 itself is not reachable.
    const gateway = status === 502 || status === 503 || status === 504;
    const error = gateway ? new Pam360Error('unreachable', { detail: `HTTP ${status} from the server`, httpStatus: status }) : read;
    return { error, retryable: true };
  }
  return { error: read, retryable: false };
}
