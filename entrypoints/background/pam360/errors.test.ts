import { describe, expect, it } from 'vitest';
import type { PamErrorKind } from '@/utils/messaging/protocol';
import { describePamError, Pam360Error } from './errors';

const URL = 'https://pam.example.test:8282';

describe('describePamError', () => {
  it.each<[PamErrorKind, Partial<Pick<Pam360Error, 'pamMessage' | 'detail' | 'httpStatus'>>, string, string | undefined]>([
    [
      'bad-token',
      { pamMessage: 'API key received is not associated to any user. Authentication failed.' },
      'Token not accepted by PAM360.',
      'Generate a new auth token in PAM360 (your user menu › API / Personal Settings) and paste it here.',
    ],
    [
      'host-not-allowed',
      {},
      'Host not allowed: PAM360 does not accept this token from this computer.',
      'Ask your PAM360 administrator to allow this computer for the API user, or use your own token.',
    ],
    [
      'unreachable',
      {},
      `Cannot reach the server at ${URL}.`,
      `Check the URL and your network/VPN. If PAM360 uses a self-signed certificate, open ${URL} in a tab once and make the browser trust it.`,
    ],
    [
      'unexpected',
      {},
      'Unexpected answer: PAM360 answered something unexpected.',
      'Check that the URL points at PAM360 (not a proxy or sign-in page). Details are below.',
    ],
    ['ticket-rejected', { pamMessage: 'The ticket is closed.' }, 'PAM360 rejected the ticket: The ticket is closed.', expect.any(String)],
    ['reason-required', {}, 'PAM360 needs a reason for this account.', expect.any(String)],
    ['not-found', {}, 'PAM360 does not know this resource or account, or it is not shared with you.', expect.any(String)],
    ['input-rejected', {}, 'PAM360 refused the request as harmful input (HTTP 599).', expect.any(String)],
    ['unsupported', {}, 'This PAM360 server does not offer that check.', 'PAM360 will check the ticket when the session starts.'],
    ['failed', { pamMessage: 'Access control is not enabled.' }, 'PAM360 said: Access control is not enabled.', undefined],
    ['not-configured', {}, 'PAM360 is not set up yet.', expect.any(String)],
    ['no-host-access', {}, `PAM Bridge is not allowed to contact ${URL} yet.`, expect.any(String)],
    ['no-token', {}, 'No PAM360 auth token is saved.', expect.any(String)],
  ])('%s', (kind, init, message, next) => {
    const described = describePamError(new Pam360Error(kind, init), URL);
    expect(described.kind).toBe(kind);
    expect(described.message).toBe(message);
    expect(described.next).toEqual(next);
  });

  it('puts diagnostics in detail: own detail, HTTP status, PAM360 text when not already quoted', () => {
    const error = new Pam360Error('bad-token', { pamMessage: 'API key … failed.', detail: 'status "Failed"', httpStatus: 401 });
    expect(describePamError(error, URL).detail).toBe('status "Failed"; HTTP 401; PAM360: "API key … failed."');
    const quoted = new Pam360Error('failed', { pamMessage: 'Nope', detail: 'status "Failed"' });
    expect(describePamError(quoted, URL).detail).toBe('status "Failed"');
    expect(describePamError(new Pam360Error('input-rejected', { httpStatus: 599 }), URL).detail).toBe('HTTP 599');
    expect(describePamError(new Pam360Error('reason-required'), URL).detail).toBeUndefined();
  });

  it('any other error → internal, name and message only', () => {
    expect(describePamError(new RangeError('boom'), URL)).toEqual({
      kind: 'internal',
      message: 'Something went wrong inside PAM Bridge.',
      next: 'Try again; if it keeps happening, report it with the details below.',
      detail: 'RangeError: boom',
    });
  });

  it('copes with an empty server URL', () => {
    expect(describePamError(new Pam360Error('unreachable'), '').message).toBe('Cannot reach the PAM360 server.');
  });
});
