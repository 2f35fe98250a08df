// Writing replies. The three products all answer with these content types, and every reply
// carries Content-Length (no chunked bodies) so clients see what the products send.
import type { ServerResponse } from 'node:http';

export type ReplyHeaders = Record<string, string | string[]>;

/** JSON text as is (PAM360's "malformed" fault sends a cut one). */
export function sendJsonText(res: ServerResponse, status: number, text: string, headers: ReplyHeaders = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: ReplyHeaders = {}): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: ReplyHeaders = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/html;charset=UTF-8', 'Content-Length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

/** 302 to a local path. */
export function redirect(res: ServerResponse, location: string, headers: ReplyHeaders = {}): void {
  res.writeHead(302, { Location: location, 'Content-Length': '0', ...headers });
  res.end();
}
