/**
 * One-glance summary of the PAM360 status for the popup and the options header: what state we
 * are in and the next step. Pure, so every state is unit-tested.
 */
import { OperationFailed } from '../messaging/client';
import type { ConnectionState, Status } from '../messaging/protocol';

export type Tone = 'ok' | 'warn' | 'error' | 'unknown';

export interface Summary {
  tone: Tone;
  headline: string;
  next?: string;
  detail?: string;
  /** The state needs a live test before it can be trusted. */
  needsTest: boolean;
}

export function describeConnection(connection: ConnectionState): Summary {
  if (connection.state === 'connected') {
    const count = connection.resourceCount;
    const visible =
      count === undefined ? '' : ` · ${count} resource${count === 1 ? '' : 's'} visible to this token’s user`;
    const org = connection.orgName ? ` (organization ${connection.orgName})` : '';
    return {
      tone: 'ok',
      headline: `Connected to PAM360 at ${connection.serverUrl}${org} · token accepted${visible}`,
      needsTest: false,
    };
  }
  return {
    tone: 'error',
    headline: connection.message,
    ...(connection.next ? { next: connection.next } : {}),
    ...(connection.detail ? { detail: connection.detail } : {}),
    needsTest: false,
  };
}

export function summarize(status: Status): Summary {
  const { pam360, connection } = status;
  if (!pam360.serverUrl) {
    return { tone: 'warn', headline: 'PAM360 is not set up.', next: 'Open settings and enter the PAM360 server URL.', needsTest: false };
  }
  if (!pam360.hostAccess) {
    return {
      tone: 'warn',
      headline: `PAM Bridge has no access to ${pam360.serverUrl} yet.`,
      next: 'Open settings and press Save, then allow access when the browser asks.',
      needsTest: false,
    };
  }
  if (!pam360.token.saved) {
    return { tone: 'warn', headline: 'No PAM360 auth token saved.', next: 'Open settings and paste your PAM360 auth token.', needsTest: false };
  }
  if (!connection) {
    return { tone: 'unknown', headline: 'Connection not tested yet.', next: 'Press Test connection.', needsTest: true };
  }
  return describeConnection(connection);
}

/** A failed operation as a status box shows it: the background's sentence, next step and detail. */
export function failure(error: unknown): Summary {
  if (error instanceof OperationFailed) {
    const { message, next, detail } = error.error;
    return { tone: 'error', headline: message, ...(next ? { next } : {}), ...(detail ? { detail } : {}), needsTest: false };
  }
  return { tone: 'error', headline: String(error), needsTest: false };
}
