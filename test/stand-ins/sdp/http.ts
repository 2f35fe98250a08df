// SDP's JSON envelope and its servlet container's 404 page (generic HTTP helpers: ../shared).
// Every v3 answer carries `response_status {status_code, status, messages?}`; 2000 = success
// (research §1.4).
import type { ServerResponse } from 'node:http';
import { escByCode } from '../shared/html-escape';
import { sendHtml, sendJson } from '../shared/http-reply';

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

/** What Tomcat (SDP's servlet container) answers for unknown paths. */
export function tomcat404(res: ServerResponse, path: string): void {
  sendHtml(res, 404, `<!DOCTYPE html><html><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1><p><b>Description</b> ${escByCode(path)}</p><h3>Apache Tomcat</h3></body></html>`);
}
