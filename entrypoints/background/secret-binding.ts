/**
 * A saved secret is only ever sent where it was saved for. The connector form enforces that when
 * a connector is edited (handlers/connectors.ts, planSecret); changes that bypass the form — an
 * imported settings file, a new PAM360 server URL saved without a new token — forget every secret
 * whose binding changed, so a file cannot point a saved API key, password or token at another host.
 */
import type { Config, Connector } from '@/utils/config/schema';
import { deleteCredential } from './itsm/credentials';
import { deleteSecret } from './secrets';

/** What a connector's secret is bound to: the address, the sign-in type and the account it names. */
function binding({ baseUrl, auth }: Connector): string {
  return JSON.stringify([baseUrl, auth.type, auth.username ?? '', auth.clientId ?? '']);
}

/** Deletes the secrets `before` had that `after` would send elsewhere (or no longer uses). */
export async function forgetUnboundSecrets(before: Config, after: Config): Promise<void> {
  if (before.pam360.serverUrl && before.pam360.serverUrl !== after.pam360.serverUrl) await deleteSecret('pam360Token');
  const kept = new Map(after.connectors.map((c) => [c.id, binding(c)]));
  for (const connector of before.connectors) {
    if (kept.get(connector.id) !== binding(connector)) await deleteCredential(connector.id);
  }
}
