/**
 * Reading PAM360's envelope (research/pam360-api.md §3): business errors arrive as HTTP 200
 * with `result.status = "Failed"`, so success is decided here, never by the HTTP code alone.
 */
import type * as z from 'zod';
import type { PamErrorKind } from '@/utils/messaging/protocol';
import { Pam360Error } from './errors';
import { envelopeSchema, type Envelope } from './schemas';

/** Maps a Failed envelope's message to an operation-specific kind; undefined = 'failed'. */
export type FailureMapper = (message: string, envelope: Envelope) => PamErrorKind | undefined;

const PREVIEW_CHARS = 120;

/** First ~120 characters of a body, whitespace collapsed, for diagnostics. */
export function bodyPreview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS)}…` : flat;
}

export interface BodyMeta {
  httpStatus: number;
  contentType: string;
}

/**
 * Parses a body into the envelope, or explains why it is not one. Returns a Pam360Error
 * (kind 'unexpected') instead of throwing so the transport can still decide on retries.
 */
export function readEnvelope(text: string, meta: BodyMeta): Envelope | Pam360Error {
  const where = `HTTP ${meta.httpStatus}, content-type ${meta.contentType || 'none'}`;
  if (!text.trim()) {
    // PMP quirk (§1): a request from a host that is not the API user's registered host
    // may get no payload at all.
    return new Pam360Error('unexpected', {
      detail: `empty answer (${where}); PAM360 sends nothing when the API user's host check fails`,
      ...statusOf(meta),
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return new Pam360Error('unexpected', {
      detail: `not JSON (${where}): "${bodyPreview(text)}"`,
      ...statusOf(meta),
    });
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    return new Pam360Error('unexpected', {
      detail: `not a PAM360 answer (${where}): ${issueSummary(parsed.error, [])}`,
      ...statusOf(meta),
    });
  }
  return parsed.data.operation;
}

/** httpStatus only when it says something (not the usual 200). */
function statusOf(meta: BodyMeta): { httpStatus?: number } {
  return meta.httpStatus === 200 ? {} : { httpStatus: meta.httpStatus };
}

/**
 * Success iff status is "Success"/"true" (any case) and statusCode, when present, is 2xxxx
 * (20000 is the one documented code, §3) or an HTTP-style 2xx: a success message with
 * statusCode 200 must not read as a failure.
 */
export function isSuccess(envelope: Envelope): boolean {
  const status = envelope.result.status.trim().toLowerCase();
  if (status !== 'success' && status !== 'true') return false;
  const code = envelope.result.statusCode;
  return code == null || /^2\d{2}(\d{2})?$/.test(String(code).trim());
}

/** The kinds every operation shares; checked before any operation-specific mapping. */
function genericKind(message: string): PamErrorKind | undefined {
  if (/not associated to any user/i.test(message)) return 'bad-token';
  if (/not allowed to access from this host/i.test(message)) return 'host-not-allowed';
  return undefined;
}

/** Messages that read like "no such resource/account" (exact texts are unknown, §2.2). */
export function soundsNotFound(message: string): boolean {
  return /not found|no such|not exist|n['’]t exist|invalid (resource|account)|not shared/i.test(message);
}

/** Turns a non-success envelope into the error to throw. */
export function failureError(envelope: Envelope, httpStatus: number, mapper?: FailureMapper): Pam360Error {
  const message = envelope.result.message?.trim() ?? '';
  // A PAM360 envelope with HTTP 401 is an authentication failure whatever its wording:
  // research §8 q4 expects newer builds may use 401 where PMP answered 200.
  const kind = genericKind(message) ?? (httpStatus === 401 ? 'bad-token' : undefined) ?? mapper?.(message, envelope) ?? 'failed';
  const init: ConstructorParameters<typeof Pam360Error>[1] = { pamMessage: message };
  const code = envelope.result.statusCode;
  const parts = [`status "${envelope.result.status}"`];
  if (code != null) parts.push(`statusCode ${String(code)}`);
  if (envelope.name) parts.push(`operation "${envelope.name}"`);
  init.detail = parts.join(', ');
  if (httpStatus !== 200) init.httpStatus = httpStatus;
  return new Pam360Error(kind, init);
}

/** Parses `Details` with a schema; a mismatch is 'unexpected' with the zod issue path. */
export function parseDetails<S extends z.ZodType>(schema: S, details: unknown, operation: string): z.output<S> {
  const parsed = schema.safeParse(details);
  if (parsed.success) return parsed.data;
  throw new Pam360Error('unexpected', { detail: `${operation}: ${issueSummary(parsed.error, ['Details'])}` });
}

/** "Details.ACCOUNT LIST.0.ACCOUNT ID: Invalid input" style; paths and zod texts only, no values. */
function issueSummary(error: z.ZodError, root: string[]): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${[...root, ...issue.path.map(String)].join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
