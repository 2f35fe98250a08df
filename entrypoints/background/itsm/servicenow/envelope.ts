/**
 * Reading ServiceNow answers: `{"result": …}` on success, the Table API error envelope
 * `{"error":{"message","detail"},"status":"failure"}` otherwise, and the HTML pages an instance
 * may send instead (sign-in page, "instance hibernating"). Every failure becomes one ItsmError
 * with a sentence for people and a detail for diagnostics. Errors quote ServiceNow's own
 * message/detail (short texts), never a page body and never anything we sent.
 */
import type * as z from 'zod';
import type { Connector } from '@/utils/config/schema';
import { ItsmError, type ItsmResponse } from '../types';
import { errorEnvelopeSchema } from './schemas';

export interface CallContext {
  /** How the connector signs in: decides the sentence for HTTP 401. */
  auth: Connector['auth']['type'];
  /** The thing asked for, e.g. "incident 0123…", "affected CIs of change 4567…". */
  what: string;
  /** A write (work note): 403 then means "may not add a note", not "may not see". */
  write?: boolean;
}

/** Returns the parsed JSON of a success answer; throws ItsmError for everything else. */
export function readAnswer(response: ItsmResponse, ctx: CallContext): unknown {
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(response.text);
  } catch {
    isJson = false;
  }
  const where = `HTTP ${response.status}, ${response.contentType || 'no content type'}`;
  const ok = response.status >= 200 && response.status < 300;
  const envelope = isJson ? errorEnvelopeSchema.safeParse(json) : undefined;
  if (envelope?.success) {
    const { message, detail } = envelope.data.error;
    const said = [message, detail].map((s) => s?.trim().slice(0, 200)).filter(Boolean).join(' — ');
    throw byStatus(response.status, ctx, said ? `HTTP ${response.status}: ${said}` : where, said, detail ?? '');
  }
  if (ok && isJson && json !== null && typeof json === 'object' && 'result' in json) return json;
  if (!isJson && /hibernat/i.test(response.text)) {
    // Developer instances sleep and answer every call with a wake-up page [P].
    throw new ItsmError('failed', 'The ServiceNow instance is hibernating. Wake it up from the developer portal, then try again.', where);
  }
  if ((response.status >= 300 && response.status < 400) || (!isJson && looksLikeLogin(response.text))) {
    throw authError(ctx, response.status >= 300 && response.status < 400 ? `redirect instead of an API answer (${where})` : `sign-in page instead of an API answer (${where})`);
  }
  if (!ok) throw byStatus(response.status, ctx, where, '', '');
  throw unexpected(isJson ? `no "result" in the answer (${where})` : `not JSON (${where})`);
}

/** Parses the part we need; a mismatch is 'unexpected' with zod paths (never values). */
export function parseAnswer<S extends z.ZodType>(schema: S, json: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw unexpected(`${what}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}

/** A ServiceNow sign-in page: the login form posts user_name / user_password to login.do [I]. */
function looksLikeLogin(text: string): boolean {
  return /login\.do|user_password|sysverb_login/i.test(text) || (/<form[\s>]/i.test(text) && /type\s*=\s*["']?password/i.test(text));
}

function byStatus(status: number, ctx: CallContext, detail: string, said: string, snDetail: string): ItsmError {
  if (status === 401) return authError(ctx, detail);
  if (status === 403) {
    const sentence = ctx.write ? `ServiceNow does not let you add a work note to ${ctx.what}.` : `ServiceNow does not let you see ${ctx.what}.`;
    return new ItsmError('forbidden', sentence, detail);
  }
  if (status === 404) {
    // A row ACL also answers 404 "Record doesn't exist or ACL restricts the record retrieval" [P]:
    // ServiceNow will not say which, so neither do we.
    const hidden = /acl/i.test(snDetail) ? ', or does not let you see it' : '';
    return new ItsmError('not-found', `ServiceNow has no ${ctx.what}${hidden}.`, detail);
  }
  if (status === 429) return new ItsmError('failed', 'ServiceNow is rate-limiting API calls; try again in a minute.', detail);
  if (status >= 500) return new ItsmError('failed', `ServiceNow had a server error (HTTP ${status}).`, detail);
  if (said) return new ItsmError('failed', `ServiceNow refused the request: ${said}`, detail);
  // An error envelope on a 2xx (never seen, but it is not a success either).
  return new ItsmError('failed', `ServiceNow refused the request (HTTP ${status}).`, detail);
}

const AUTH_SENTENCES: Partial<Record<Connector['auth']['type'], string>> = {
  'api-key': 'ServiceNow did not accept the API key.',
  basic: 'ServiceNow did not accept the user name and password.',
  bearer: 'ServiceNow did not accept the access token.',
  oauth2: 'ServiceNow did not accept the OAuth sign-in.',
};

function authError(ctx: CallContext, detail: string): ItsmError {
  if (ctx.auth === 'session') {
    return new ItsmError('signed-out', 'Your ServiceNow session has ended. Sign in to ServiceNow again.', detail);
  }
  return new ItsmError('bad-credentials', AUTH_SENTENCES[ctx.auth] ?? 'ServiceNow did not accept the credentials.', detail);
}

function unexpected(detail: string): ItsmError {
  return new ItsmError('unexpected', 'ServiceNow answered something unexpected.', detail);
}
