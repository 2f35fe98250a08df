// Reading requests: the parts every stand-in server needs before its own routing and auth.
import type { IncomingMessage } from 'node:http';

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

/** One request header as a string (the first, if it came more than once). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Cookie header → name/value map. Values are kept as sent unless `decode` is given; the stand-ins
 * differ there on purpose (see each caller), and a malformed value must fail or pass as before.
 */
export function parseCookies(cookieHeader: string | undefined, decode: (value: string) => string = (v) => v): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (cookieHeader ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    out[part.slice(0, i).trim()] = decode(part.slice(i + 1).trim());
  }
  return out;
}

/** URI-decodes a cookie value when it can be, else keeps it as sent. */
export function decodeOrKeep(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
