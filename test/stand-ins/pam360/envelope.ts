// The PAM360 JSON envelope and the raw HTTP helpers shared by the API and the web console.
// Business results are always HTTP 200; Details is omitted when empty or on failure (research §3).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Envelope {
  operation: {
    name: string;
    result: { status: string; message: string; statusCode?: number };
    totalRows?: number;
    Details?: unknown;
  };
}

export function success(name: string, message: string, details?: unknown, totalRows?: number): Envelope {
  const op: Envelope['operation'] = { name, result: { status: 'Success', message } };
  if (totalRows !== undefined) op.totalRows = totalRows;
  if (details !== undefined && !(Array.isArray(details) && details.length === 0)) op.Details = details;
  return { operation: op };
}

/** Failed envelope; Details only for the one known case that carries it (STATUSCODE 3). */
export function failed(name: string, message: string, details?: Record<string, unknown>): Envelope {
  const op: Envelope['operation'] = { name, result: { status: 'Failed', message } };
  if (details) op.Details = details;
  return { operation: op };
}

export function sendJson(res: ServerResponse, body: unknown, truncate = false): void {
  let text = JSON.stringify(body);
  // Fault "malformed": cut the body mid-way so JSON.parse fails, still HTTP 200.
  if (truncate) text = text.slice(0, Math.max(12, Math.floor(text.length / 2)));
  res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/html;charset=UTF-8', 'Content-Length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(302, { Location: location, 'Content-Length': '0', ...headers });
  res.end();
}

export function escapeHtml(v: unknown): string {
  return String(v)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

/** What a Java servlet container (Tomcat) answers for unknown paths / wrong methods. */
export function servletError(res: ServerResponse, status: 404 | 405 | 503, path: string): void {
  const reason = { 404: 'Not Found', 405: 'Method Not Allowed', 503: 'Service Unavailable' }[status];
  const html = page(
    `HTTP Status ${status} – ${reason}`,
    `<h1>HTTP Status ${status} – ${reason}</h1><hr><p><b>Type</b> Status Report</p>` +
      `<p><b>Description</b> ${escapeHtml(path)}</p><hr><h3>Apache Tomcat</h3>`,
  );
  sendHtml(res, status, html);
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

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** Input sanitiser: PAM360 answers HTTP 599 when it sees script in the input (research §3). */
export function isHarmful(...texts: string[]): boolean {
  return texts.some((t) => /<\s*script/i.test(t));
}

export function sendHarmful(res: ServerResponse): void {
  const html = page('PAM360', '<p>The request was rejected: detected harmful content in the input.</p>');
  // research: "HTTP 599 (status text OK)"
  res.writeHead(599, 'OK', { 'Content-Type': 'text/html;charset=UTF-8', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}
