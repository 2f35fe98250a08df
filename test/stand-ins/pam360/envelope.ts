// The PAM360 JSON envelope and the HTML pages and errors shared by the API and the web console
// (the generic HTTP helpers are in ../shared).
// Business results are always HTTP 200; Details is omitted when empty or on failure (research §3).
import type { ServerResponse } from 'node:http';
import { esc } from '../shared/html-escape';
import { sendHtml, sendJsonText } from '../shared/http-reply';

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

/** An API answer: always HTTP 200 (research §3). */
export function sendEnvelope(res: ServerResponse, envelope: Envelope, truncate = false): void {
  let text = JSON.stringify(envelope);
  // Fault "malformed": cut the body mid-way so JSON.parse fails, still HTTP 200.
  if (truncate) text = text.slice(0, Math.max(12, Math.floor(text.length / 2)));
  sendJsonText(res, 200, text);
}

export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>${body}</body></html>`;
}

/** What a Java servlet container (Tomcat) answers for unknown paths / wrong methods. */
export function servletError(res: ServerResponse, status: 404 | 405 | 503, path: string): void {
  const reason = { 404: 'Not Found', 405: 'Method Not Allowed', 503: 'Service Unavailable' }[status];
  const html = page(
    `HTTP Status ${status} – ${reason}`,
    `<h1>HTTP Status ${status} – ${reason}</h1><hr><p><b>Type</b> Status Report</p>` +
      `<p><b>Description</b> ${esc(path)}</p><hr><h3>Apache Tomcat</h3>`,
  );
  sendHtml(res, status, html);
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
