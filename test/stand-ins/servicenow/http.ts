// Raw HTTP helpers of the ServiceNow stand-in and the Table API's error envelope
// `{"error":{"message","detail"},"status":"failure"}` with the texts research and public
// clients show (research §2.5; fixtures README of the product client).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SnError {
  message: string;
  detail: string | null;
}

/** Error texts; statuses in `sendError` calls. [C/P] where public clients quote them, else [I]. */
export const ERR = {
  // [C/D] 401 for missing/wrong credentials and for a session call without X-UserToken (KB0565021).
  notAuthenticated: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
  // [P] 404, also when a row ACL hides the record.
  noRecord: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" },
  // [P] 403 when the record is readable but not writable.
  aclUpdate: { message: 'Operation Failed', detail: 'ACL Exception Update Failed due to security constraints' },
  invalidTable: (table: string): SnError => ({ message: `Invalid table ${table}`, detail: null }),
  // [P] unknown /api/ paths.
  noResource: { message: 'Requested URI does not represent any resource', detail: null },
  badJson: { message: 'Exception while reading request', detail: 'The payload is not valid JSON.' },
  methodNotSupported: (method: string): SnError => ({ message: 'Method not Supported', detail: `${method} is not supported by this stand-in` }),
} satisfies Record<string, SnError | ((x: string) => SnError)>;

const JSON_TYPE = 'application/json;charset=UTF-8';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The Table API failure envelope. */
export function sendError(res: ServerResponse, status: number, error: SnError): void {
  sendJson(res, status, { error, status: 'failure' });
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/html;charset=UTF-8', 'Content-Length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(302, { Location: location, 'Content-Length': '0', ...headers });
  res.end();
}

/** HTML-escapes text for the few pages built here (the renderer escapes its own). */
export function esc(v: unknown): string {
  return String(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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

/** Cookie header → name/value map. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** One request header as a string. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
