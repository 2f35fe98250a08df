import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connector } from '@/utils/config/schema';
import { getSecret, setSecret } from '../secrets';
import { credentialStatus, deleteCredential, parseCredential, readCredential, writeCredential } from './credentials';

const KEY = '0A1B2C3D-4E5F-6789-ABCD-EF012345AB12';

const connector = (type: Connector['auth']['type']): Connector => ({
  id: 'corp',
  kind: 'servicenow',
  name: 'Corp',
  baseUrl: 'https://corp.service-now.com',
  auth: { type },
  writeNote: false,
});

describe('connector credentials (one sealed JSON slot per connector)', () => {
  it('reads an old plain-string SDP key as {apiKey} (transparent migration)', async () => {
    await setSecret('connector:corp', KEY); // the format before this change
    expect(await readCredential('corp', 'api-key')).toEqual({ apiKey: KEY });
    expect(await credentialStatus({ ...connector('api-key'), kind: 'sdp' })).toEqual({ saved: true, hint: 'ends …AB12' });
    // Anything that is not a JSON object is a plain key too.
    expect(parseCredential('12345678901234567890')).toEqual({ apiKey: '12345678901234567890' });
    expect(parseCredential('"quoted"')).toEqual({ apiKey: '"quoted"' });
    expect(parseCredential('null')).toEqual({ apiKey: 'null' });
  });

  it('writes small JSON per auth type, sealed, and zod-checks it on read', async () => {
    await writeCredential('corp', 'basic', { password: 'p@ss word' });
    expect(await getSecret('connector:corp')).toBe('{"password":"p@ss word"}');
    expect(await readCredential('corp', 'basic')).toEqual({ password: 'p@ss word' });
    // The slot holds a password, not a key or an OAuth grant.
    expect(await readCredential('corp', 'api-key')).toBeNull();
    expect(await readCredential('corp', 'oauth2')).toBeNull();
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('p@ss');

    await writeCredential('corp', 'oauth2', { clientSecret: 'cs-0001', refreshToken: 'rt', accessToken: 'at', accessExpiresAt: 5 });
    expect(await readCredential('corp', 'oauth2')).toEqual({ clientSecret: 'cs-0001', refreshToken: 'rt', accessToken: 'at', accessExpiresAt: 5 });
    expect(await readCredential('corp', 'basic')).toBeNull();

    await setSecret('connector:corp', '{"clientSecret":"x","refreshToken":""}'); // malformed
    expect(await readCredential('corp', 'oauth2')).toBeNull();
    await expect(writeCredential('corp', 'basic', { password: '' })).rejects.toThrow();
  });

  it('status hints never show a password; keys and client secrets by their last 4 only', async () => {
    await writeCredential('corp', 'basic', { password: 'hunter2-long' });
    expect(await credentialStatus(connector('basic'))).toEqual({ saved: true, hint: '' });
    await writeCredential('corp', 'oauth2', { clientSecret: 'client-secret-wxyz', refreshToken: 'rt' });
    expect(await credentialStatus(connector('oauth2'))).toEqual({ saved: true, hint: 'ends …wxyz' });
    expect(await credentialStatus(connector('basic'))).toEqual({ saved: false });
    expect(await credentialStatus(connector('session'))).toEqual({ saved: false });
    await deleteCredential('corp');
    expect(await credentialStatus(connector('oauth2'))).toEqual({ saved: false });
  });
});
