/**
 * The one error type of the PAM360 client and the sentences the user sees for it.
 * The UI and tests rely on the exact message starts below (see protocol.ts `PamErrorKind`).
 */
import type { OperationError, PamErrorKind } from '@/utils/messaging/protocol';

export interface Pam360ErrorInit {
  /** PAM360's own `result.message`, verbatim. */
  pamMessage?: string;
  /** Diagnostics (HTTP status, content type, zod path); never secrets. */
  detail?: string;
  httpStatus?: number;
}

/** Why a PAM360 call failed, classified once at the transport/envelope level. */
export class Pam360Error extends Error {
  readonly kind: PamErrorKind;
  pamMessage?: string;
  detail?: string;
  httpStatus?: number;

  constructor(kind: PamErrorKind, init: Pam360ErrorInit = {}) {
    super(`PAM360 ${kind}${init.detail ? `: ${init.detail}` : ''}`);
    this.name = 'Pam360Error';
    this.kind = kind;
    if (init.pamMessage !== undefined) this.pamMessage = init.pamMessage;
    if (init.detail !== undefined) this.detail = init.detail;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
  }
}

/** True for a Pam360Error. */
export function isPam360Error(error: unknown): error is Pam360Error {
  return error instanceof Pam360Error;
}

type Sentences = { message: string; next?: string };

function sentences(error: Pam360Error, serverUrl: string): Sentences {
  const pam = error.pamMessage?.trim() ?? '';
  switch (error.kind) {
    case 'bad-token':
      return {
        message: 'Token not accepted by PAM360.',
        next: 'Generate a new auth token in PAM360 (your user menu › API / Personal Settings) and paste it here.',
      };
    case 'host-not-allowed':
      return {
        message: 'Host not allowed: PAM360 does not accept this token from this computer.',
        next: 'Ask your PAM360 administrator to allow this computer for the API user, or use your own token.',
      };
    case 'unreachable':
      return {
        message: serverUrl ? `Cannot reach the server at ${serverUrl}.` : 'Cannot reach the PAM360 server.',
        next: `Check the URL and your network/VPN. If PAM360 uses a self-signed certificate, open ${serverUrl || 'the PAM360 address'} in a tab once and make the browser trust it.`,
      };
    case 'unexpected':
      return {
        message: 'Unexpected answer: PAM360 answered something unexpected.',
        next: 'Check that the URL points at PAM360 (not a proxy or sign-in page). Details are below.',
      };
    case 'ticket-rejected':
      return {
        message: pam ? `PAM360 rejected the ticket: ${pam}` : 'PAM360 rejected the ticket.',
        next: 'Check the ticket ID and the ticket state in your service desk, then try again.',
      };
    case 'reason-required':
      return { message: 'PAM360 needs a reason for this account.', next: 'Enter a reason and try again.' };
    case 'not-found':
      return {
        message: 'PAM360 does not know this resource or account, or it is not shared with you.',
        next: 'Check the name in PAM360, or ask the resource owner to share it with you.',
      };
    case 'input-rejected':
      return {
        message: 'PAM360 refused the request as harmful input (HTTP 599).',
        next: 'Remove unusual characters (such as < > or quotes) from the reason and ticket ID, then try again.',
      };
    case 'unsupported':
      return {
        message: 'This PAM360 server does not offer that check.',
        next: 'PAM360 will check the ticket when the session starts.',
      };
    case 'failed':
      return { message: pam ? `PAM360 said: ${pam}` : 'PAM360 said the request failed.' };
    case 'not-configured':
      return { message: 'PAM360 is not set up yet.', next: 'Enter the PAM360 server URL in the options page.' };
    case 'no-host-access':
      return {
        message: `PAM Bridge is not allowed to contact ${serverUrl || 'the PAM360 server'} yet.`,
        next: 'Open the options page and grant access to the PAM360 server.',
      };
    case 'no-token':
      return {
        message: 'No PAM360 auth token is saved.',
        next: 'Generate an auth token in PAM360 (your user menu › API / Personal Settings) and paste it in the options page.',
      };
  }
}

/** Kinds whose sentence already quotes PAM360's message; others get it in the detail. */
const QUOTES_PAM_MESSAGE: ReadonlySet<PamErrorKind> = new Set(['ticket-rejected', 'failed']);

/**
 * Turns any error into the user-facing {message, next, detail}. Unknown errors become
 * kind 'internal' with only their name and a short message (no stack, no request data).
 */
export function describePamError(error: unknown, serverUrl: string): OperationError {
  if (!isPam360Error(error)) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      kind: 'internal',
      message: 'Something went wrong inside PAM Bridge.',
      next: 'Try again; if it keeps happening, report it with the details below.',
      detail: text.slice(0, 200),
    };
  }
  const { message, next } = sentences(error, serverUrl);
  const details: string[] = [];
  if (error.detail) details.push(error.detail);
  if (error.httpStatus !== undefined && !error.detail?.includes(`HTTP ${error.httpStatus}`)) {
    details.push(`HTTP ${error.httpStatus}`);
  }
  if (error.pamMessage && !QUOTES_PAM_MESSAGE.has(error.kind)) details.push(`PAM360: "${error.pamMessage}"`);
  const result: OperationError = { kind: error.kind, message };
  if (next) result.next = next;
  if (details.length) result.detail = details.join('; ');
  return result;
}
