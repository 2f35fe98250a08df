import { describe, expect, it } from 'vitest';
import type { Status } from '../messaging/protocol';
import { summarize } from './summary';

function status(overrides: Partial<Status['pam360']> = {}, connection: Status['connection'] = null): Status {
  return {
    version: '0.1.0',
    pam360: {
      serverUrl: 'https://pam360.example.com:8282',
      orgName: '',
      token: { saved: true, hint: 'ends …AB12' },
      hostAccess: true,
      locked: { serverUrl: false, orgName: false },
      ...overrides,
    },
    connection,
    connectors: [],
  };
}

describe('summarize', () => {
  it('walks the setup steps in order, each with a next step', () => {
    expect(summarize(status({ serverUrl: '', hostAccess: false, token: { saved: false } }))).toMatchObject({
      tone: 'warn',
      headline: 'PAM360 is not set up.',
      next: 'Open settings and enter the PAM360 server URL.',
    });
    expect(summarize(status({ hostAccess: false }))).toMatchObject({
      tone: 'warn',
      headline: 'PAM Bridge has no access to https://pam360.example.com:8282 yet.',
    });
    expect(summarize(status({ token: { saved: false } }))).toMatchObject({ tone: 'warn', headline: 'No PAM360 auth token saved.' });
    expect(summarize(status())).toMatchObject({ tone: 'unknown', needsTest: true });
  });

  it('reports a connection with the resource count', () => {
    const summary = summarize(
      status({}, { state: 'connected', serverUrl: 'https://pam360.example.com:8282', orgName: 'Acme', resourceCount: 1, checkedAt: 1 }),
    );
    expect(summary.tone).toBe('ok');
    expect(summary.headline).toBe(
      'Connected to PAM360 at https://pam360.example.com:8282 (organization Acme) · token accepted · 1 resource visible to this token’s user',
    );
  });

  it('reports a failed test with its message, next step and details', () => {
    const summary = summarize(
      status({}, { state: 'bad-token', message: 'Token not accepted by PAM360.', next: 'Generate a new auth token', detail: 'Authentication', checkedAt: 1 }),
    );
    expect(summary).toEqual({ tone: 'error', headline: 'Token not accepted by PAM360.', next: 'Generate a new auth token', detail: 'Authentication', needsTest: false });
  });
});
