import { configSchema } from '@/utils/config/schema';
import { configItem, readConfig } from '@/utils/config/storage';
import { checkToken } from '@/utils/config/token';
import { checkServerUrl } from '@/utils/config/url';
import type { SavePamSettingsInput, Status } from '@/utils/messaging/protocol';
import { lastConnectionItem } from '../connection';
import { effectiveConfig } from '../policy';
import { HandlerError } from '../router';
import { forgetUnboundSecrets } from '../secret-binding';
import { setSecret } from '../secrets';
import { getStatus } from './get-status';

/**
 * Saves the PAM360 server URL, orgName and (optionally) a new token. Everything is checked
 * before anything is written: bad input changes nothing (design.md rule 6).
 */
export async function savePamSettings(input: SavePamSettingsInput): Promise<Status> {
  const { locks } = await effectiveConfig();
  const url = input.serverUrl.trim();
  let serverUrl = '';
  if (url) {
    const checked = checkServerUrl(url);
    if (!checked.ok) throw invalid('serverUrl', checked.message);
    serverUrl = checked.origin;
  }
  const token = input.token?.trim() ? checkToken(input.token) : undefined;
  if (token && !token.ok) throw invalid('token', token.message);

  const current = await readConfig();
  const next = configSchema.safeParse({
    ...current,
    pam360: {
      serverUrl: locks.serverUrl ? current.pam360.serverUrl : serverUrl,
      orgName: locks.orgName ? current.pam360.orgName : input.orgName.trim(),
    },
  });
  if (!next.success) throw invalid('orgName', next.error.issues[0]?.message ?? 'invalid value');

  // A token belongs to its server: a new URL without a new token forgets the old one.
  await forgetUnboundSecrets(current, next.data);
  if (token?.ok) await setSecret('pam360Token', token.token);
  await configItem.setValue(next.data);
  await lastConnectionItem.setValue(null);
  return getStatus();
}

function invalid(field: string, message: string): HandlerError {
  return new HandlerError({ kind: 'bad-request', message, detail: field });
}
