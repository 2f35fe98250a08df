import { browser } from 'wxt/browser';
import type { Status } from '@/utils/messaging/protocol';
import { lastConnectionItem } from '../connection';
import { hasHostAccess } from '../host-access';
import { effectiveConfig } from '../policy';
import { getSecret, hintFor } from '../secrets';
import { connectorStatuses } from './connectors';

/** Everything options and the popup show about PAM360 and the connectors, without any secret. */
export async function getStatus(): Promise<Status> {
  const [{ config, locks }, token, connection] = await Promise.all([
    effectiveConfig(),
    getSecret('pam360Token'),
    lastConnectionItem.getValue(),
  ]);
  const { serverUrl, orgName } = config.pam360;
  return {
    version: browser.runtime.getManifest().version,
    pam360: {
      serverUrl,
      orgName,
      token: token ? { saved: true, hint: hintFor(token) } : { saved: false },
      hostAccess: await hasHostAccess(serverUrl),
      locked: { serverUrl: locks.serverUrl, orgName: locks.orgName },
    },
    connection,
    connectors: await connectorStatuses(),
  };
}
