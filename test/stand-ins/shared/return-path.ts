// Where to go after a login form: a parameter of the form, else of the login page that sent it
// (its URL is the Referer). Only local paths: a stand-in must not be an open redirector.
import type { IncomingMessage } from 'node:http';
import { header } from './http-request';

export function returnPath(req: IncomingMessage, form: URLSearchParams, param: string, fallback: string): string {
  let target = form.get(param);
  if (!target) {
    try {
      target = new URL(header(req, 'referer') ?? '').searchParams.get(param);
    } catch {
      target = null;
    }
  }
  return target && target.startsWith('/') && !target.startsWith('//') ? target : fallback;
}
