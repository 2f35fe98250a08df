/**
 * The PAM360 connection as the background sees it: builds the API client from the config in
 * force and the sealed token, and keeps the last connection-test result (no secrets in it).
 */
import { storage } from 'wxt/utils/storage';
import type { ConnectionState } from '@/utils/messaging/protocol';
import { createPam360Client } from './pam360/client';
import { Pam360Error } from './pam360/errors';
import { hasHostAccess } from './host-access';
import { effectiveConfig } from './policy';
import { getSecret } from './secrets';

/** Last connection test; cleared whenever the PAM360 settings change. */
export const lastConnectionItem = storage.defineItem<ConnectionState | null>('local:pam360Connection', {
  fallback: null,
});

/**
 * A client for the configured server, or a Pam360Error naming what is missing
 * (server URL, host access, token) before any request is made. Made per operation: the token
 * unsealed here serves that operation's calls (one decrypt instead of one per call).
 */
export async function pam360Client() {
  const { config } = await effectiveConfig();
  const { serverUrl, orgName } = config.pam360;
  if (!serverUrl) throw new Pam360Error('not-configured');
  if (!(await hasHostAccess(serverUrl))) throw new Pam360Error('no-host-access');
  const token = await getSecret('pam360Token');
  if (!token) throw new Pam360Error('no-token');
  return {
    serverUrl,
    orgName,
    client: createPam360Client({
      serverUrl,
      ...(orgName ? { orgName } : {}),
      getToken: async () => token,
    }),
  };
}
