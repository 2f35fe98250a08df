// Raw HTTP helpers of the SDP stand-in and SDP's JSON envelope. Every v3 answer carries
// `response_status {status_code, status, messages?}`; 2000 = success (research §1.4).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SdpMessage {
  status_code: number;
  type: 'failed';
  message?: string;
  field?: string;
}

/**
 * Error texts. Codes and their HTTP statuses follow the on-prem v3 "Status codes" page
 * (4001→400, 4002→403, 4007→404, 4012→400, 4021→400, 4022→401); every message text is [I].
 */
export const MSG = {
  invalidKey: { status_code: 4022, type: 'failed', message: 'Invalid API key received' },
  csrf: { status_code: 4002, type: 'failed', message: 'Invalid CSRF token' },
  forbidden: (noun: string): SdpMessage => ({ status_code: 4002, type: 'failed', message: `User does not have permission to view this ${noun}` }),
  invalidId: (noun: string): SdpMessage => ({ status_code: 4007, type: 'failed', message: `Invalid ${noun} id` }),
  invalidUrl: { status_code: 4007, type: 'failed', message: 'Invalid URL' },
  badJson: { status_code: 4000, type: 'failed', message: 'Invalid input_data: not a JSON object' },
  // [P] research §1.7: change notes reject show_to_requester this way.
  extraKey: (field: string): SdpMessage => ({ status_code: 4001, type: 'failed', field, message: 'EXTRA_KEY_FOUND_IN_JSON' }),
  // SDP omits the message on mandatory-field errors [I].
  mandatory: (field: string): SdpMessage => ({ status_code: 4012, type: 'failed', field }),
  typeMismatch: (field: string): SdpMessage => ({ status_code: 4021, type: 'failed', field, message: 'Data type mismatch' }),
  internal: { status_code: 4004, type: 'failed', message: 'Internal error' },
} satisfies Record<string, SdpMessage | ((x: string) => SdpMessage)>;

const HTTP_OF: Record<number, number> = { 4000: 400, 4001: 400, 4002: 403, 4004: 500, 4007: 404, 4012: 400, 4021: 400, 4022: 401 };

/** `{"response_status":{"status_code":2000,"status":"success"}, ...payload}`; list/approval answers use the array form. */
export function sendSuccess(res: ServerResponse, payload: Record<string, unknown>, arrayStatus = false): void {
  const status = { status_code: 2000, status: 'success' };
  sendJson(res, 200, { response_status: arrayStatus ? [status] : status, ...payload });
}

/** A failed envelope; the HTTP status follows the (first) message's code. */
export function sendFailure(res: ServerResponse, message: SdpMessage, httpStatus = HTTP_OF[message.status_code] ?? 400): void {
  sendJson(res, httpStatus, { response_status: { status_code: 4000, status: 'failed', messages: [message] } });
}

/** JSON with SDP's content type. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** An HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/html;charset=UTF-8', 'Content-Length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

/** 302 to a local path. */
export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(302, { Location: location, 'Content-Length': '0', ...headers });
  res.end();
}

/** HTML-escapes text for the few pages built here (the renderer escapes its own). */
export function esc(v: unknown): string {
  return String(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What Tomcat (SDP's servlet container) answers for unknown paths. */
export function tomcat404(res: ServerResponse, path: string): void {
  sendHtml(res, 404, `<!DOCTYPE html><html><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1><p><b>Description</b> ${esc(path)}</p><h3>Apache Tomcat</h3></body></html>`);
}

/** Reads the whole body as text (capped: a test server has no business with big uploads). */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Cookie header → name/value map (values URI-decoded when they can be). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
    }
  }
  return out;
}
