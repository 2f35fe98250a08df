import type { ConnectionState } from '@/utils/messaging/protocol';
import { lastConnectionItem, pam360Client } from '../connection';
import { describePamError } from '../pam360/errors';
import { effectiveConfig } from '../policy';

/**
 * Live connection test: the documented resource-types call proves the server answers and the
 * token is accepted from this computer; the resource count tells the technician what their
 * token's user can see. The result is kept for the popup.
 */
export async function testPamConnection(): Promise<ConnectionState> {
  const checkedAt = Date.now();
  let state: ConnectionState;
  try {
    const { client, serverUrl, orgName } = await pam360Client();
    await client.ping();
    const resourceCount = await client.countResources();
    state = { state: 'connected', serverUrl, orgName, resourceCount, checkedAt };
  } catch (error) {
    const { config } = await effectiveConfig();
    const described = describePamError(error, config.pam360.serverUrl);
    state = {
      state: described.kind as Exclude<ConnectionState['state'], 'connected'>,
      message: described.message,
      ...(described.next ? { next: described.next } : {}),
      ...(described.detail ? { detail: described.detail } : {}),
      checkedAt,
    };
  }
  await lastConnectionItem.setValue(state);
  return state;
}
