/**
 * Reading ServiceDesk Plus answers: the `response_status` envelope (research §1.4) and the
 * ways SDP says "no" (HTTP code, status codes, a login page instead of JSON). Every failure
 * becomes one ItsmError with a sentence for people and a detail for diagnostics. Errors never
 * quote request headers or bodies we sent, so keys and cookies cannot leak into them.
 */
import type * as z from 'zod';
import { ItsmError, type ItsmResponse } from '../types';
import { envelopeSchema, type StatusEntry } from './schemas';

/** What the caller was doing, for the sentences. */
export interface CallContext {
  /** Session mode: an auth failure means "sign in again" rather than "key refused". */
  session: boolean;
  /** The thing asked for, e.g. "request 1001", "change 2001", "approval levels of change 2001". */
  what: string;
}

/**
 * Documented v3 status codes (sdpop-v3-api "Status codes" page) used for the wording when SDP
 * sends a code without a message; the kind mapping below uses only 4002, 4007 and 4022.
 */
export const SDP_STATUS_TEXTS: Readonly<Record<number, string>> = {
  4001: 'Id or name given in the input does not exist, is not in use, or cannot be set',
  4002: 'Forbidden: you are not allowed to perform this operation',
  4004: 'Internal error',
  4005: 'Reference exists',
  4007: 'Invalid URL or resource not found',
  4008: 'Not unique',
  4009: 'Trying to edit a non-editable field',
  4012: 'Value for a mandatory field is not provided',
  4014: 'Trying to edit a read-only field',
  4015: 'API rate limit reached',
  4016: 'Time mismatch',
  4021: 'Data type mismatch',
  4022: 'Invalid API key',
  7001: 'Not allowed by the current license',
};

const SUCCESS = 2000;

/** Parses a success answer and returns its JSON; throws ItsmError for everything else. */
export function readAnswer(response: ItsmResponse, ctx: CallContext): unknown {
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(response.text);
  } catch {
    isJson = false;
  }
  const envelope = isJson ? envelopeSchema.safeParse(json) : undefined;
  if (envelope?.success) {
    const entries = ([] as StatusEntry[]).concat(envelope.data.response_status);
    const failedEntry = entries.find((entry) => entry.status_code !== SUCCESS);
    if (failedEntry) throw envelopeError(failedEntry, response.status, ctx);
    if (response.status >= 200 && response.status < 300) return json;
  }
  // No (failed) SDP envelope: decide by HTTP status and body.
  const where = `HTTP ${response.status}, ${response.contentType || 'no content type'}`;
  if (response.status === 401 || (response.status >= 300 && response.status < 400) || looksLikeLogin(response.text)) {
    throw authError(ctx, response.status === 401 ? 'HTTP 401' : `login page instead of an API answer (${where})`);
  }
  if (response.status === 403) throw forbidden(ctx, where);
  if (response.status === 404) throw notFound(ctx, where);
  if (response.status === 415) {
    throw new ItsmError('failed', 'ServiceDesk Plus refused the request format (HTTP 415).', where);
  }
  if (response.status === 429) throw new ItsmError('failed', 'ServiceDesk Plus is rate-limiting API calls; try again in a minute.', where);
  if (response.status >= 500) throw new ItsmError('failed', `ServiceDesk Plus had a server error (HTTP ${response.status}).`, where);
  const why = !isJson
    ? `not JSON (${where})`
    : envelope?.success
      ? `success envelope with ${where}`
      : `no response_status (${where}): ${issues(envelope!.error!)}`;
  throw unexpected(why);
}

/** Parses the part we need with a schema; a mismatch is 'unexpected' with the zod path. */
export function parseAnswer<S extends z.ZodType>(schema: S, json: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw unexpected(`${what}: ${issues(parsed.error)}`);
}

/** The vendor's page code treats `__SDP__LOGIN` as "logged out" (§1.5); plus plain login forms. */
function looksLikeLogin(text: string): boolean {
  return /__SDP__LOGIN|j_security_check/i.test(text) || (/<form[\s>]/i.test(text) && /type\s*=\s*["']?password/i.test(text));
}

function envelopeError(entry: StatusEntry, httpStatus: number, ctx: CallContext): ItsmError {
  const messages = entry.messages ?? [];
  const codes = [entry.status_code, ...messages.map((m) => Number(m.status_code))].filter(Number.isFinite);
  const detail = [
    `status_code ${entry.status_code}`,
    ...messages.map((m) => [m.status_code, m.type, m.field ? `field ${m.field}` : ''].filter(Boolean).join(' ')),
    httpStatus === 200 ? '' : `HTTP ${httpStatus}`,
  ]
    .filter(Boolean)
    .join('; ');
  if (httpStatus === 401 || codes.includes(4022)) return authError(ctx, detail);
  if (httpStatus === 403 || codes.includes(4002)) return forbidden(ctx, detail);
  const saysNoSuchId = messages.some(
    (m) => (!m.field || m.field === 'id') && /invalid (request |change )?id|not found|does ?n[o']t exist|no such/i.test(m.message ?? ''),
  );
  if (httpStatus === 404 || codes.includes(4007) || saysNoSuchId) return notFound(ctx, detail);
  const said = messages
    .map((m) => {
      const text = m.message?.trim() || SDP_STATUS_TEXTS[Number(m.status_code)] || `status ${m.status_code ?? '?'}`;
      return m.field ? `${text} (field ${m.field})` : text;
    })
    .join('; ');
  const text = said || SDP_STATUS_TEXTS[entry.status_code] || `status ${entry.status_code}`;
  return new ItsmError('failed', `ServiceDesk Plus refused the request: ${text}`, detail);
}

function authError(ctx: CallContext, detail: string): ItsmError {
  return ctx.session
    ? new ItsmError('signed-out', 'Your ServiceDesk Plus session has ended. Sign in to ServiceDesk Plus again.', detail)
    : new ItsmError('bad-credentials', 'ServiceDesk Plus did not accept the API key.', detail);
}

function forbidden(ctx: CallContext, detail: string): ItsmError {
  return new ItsmError('forbidden', `ServiceDesk Plus does not let you see ${ctx.what}.`, detail);
}

function notFound(ctx: CallContext, detail: string): ItsmError {
  return new ItsmError('not-found', `ServiceDesk Plus has no ${ctx.what}.`, detail);
}

function unexpected(detail: string): ItsmError {
  return new ItsmError('unexpected', 'ServiceDesk Plus answered something unexpected.', detail);
}

/** "request.status.name: Invalid input" style: paths and zod texts only, never values. */
function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
