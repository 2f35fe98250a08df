/**
 * Portal connectors: save, remove, test, and their status for options and the popup.
 * Everything is checked before anything is written (design.md rule 6); secrets go to
 * secrets.ts under `connector:<id>` and never into the config, a status or an export.
 */
import { browser } from 'wxt/browser';
import { configSchema, connectorSchema, type Connector, type PortalKind } from '@/utils/config/schema';
import { configItem, readConfig } from '@/utils/config/storage';
import { checkToken } from '@/utils/config/token';
import { checkServerUrl, originPattern } from '@/utils/config/url';
import type { ConnectorInput, ConnectorStatus, ConnectorTestResult, Status } from '@/utils/messaging/protocol';
import { hasHostAccess } from '../connection';
import { itsmClientFor, ItsmSetupError, PORTAL_LABELS, secretName, SUPPORTED_AUTH } from '../itsm';
import { ItsmError } from '../itsm/types';
import { effectiveConfig } from '../policy';
import { isRegistered, syncContentScripts, syncSettled } from '../registration';
import { HandlerError } from '../router';
import { deleteSecret, getSecret, hintFor, setSecret } from '../secrets';
import { getStatus } from './get-status';

const LOCKED_MESSAGE = 'Your administrator manages the portal connectors; they cannot be changed here.';

export async function saveConnector({ connector: input, secret }: { connector: ConnectorInput; secret?: string }): Promise<Status> {
  const { locks } = await effectiveConfig();
  if (locks.connectors) throw new HandlerError({ kind: 'forbidden', message: LOCKED_MESSAGE });
  const current = await readConfig();
  const existing = input.id ? current.connectors.find((c) => c.id === input.id) : undefined;
  if (input.id && !existing) throw invalid('id', `There is no connector “${input.id}”.`);

  const name = input.name.trim();
  if (!name) throw invalid('name', 'Give the connector a name.');
  const url = checkServerUrl(input.baseUrl);
  if (!url.ok) throw invalid('baseUrl', portalUrlMessage(url.message));
  const origin = url.origin;
  const label = PORTAL_LABELS[input.kind];
  const authTypes = SUPPORTED_AUTH[input.kind];
  if (!authTypes) throw invalid('kind', `${label} connectors are not supported yet.`);
  if (!authTypes.includes(input.auth.type)) throw invalid('auth', `${label} connectors support: ${authTypes.join(', ')}.`);
  const portalId = input.auth.portalId?.trim() ?? '';
  if (portalId && !/^[A-Za-z0-9_-]{1,64}$/.test(portalId)) {
    throw invalid('portalId', 'Use the Portal ID from the portal’s address (the number after PORTALID=).');
  }
  // One connector per origin: the content script and the sender check map an origin to one connector.
  const clash = current.connectors.find((c) => c.id !== existing?.id && c.baseUrl === origin);
  if (clash) throw invalid('baseUrl', `The connector “${clash.name}” already uses ${origin}.`);

  const id = existing?.id ?? uniqueId(name, input.kind, new Set(current.connectors.map((c) => c.id)));
  const secretPlan = await planSecret(input.auth.type, secret, existing, origin, label);

  const parsed = connectorSchema.safeParse({
    id,
    kind: input.kind,
    name,
    baseUrl: origin,
    auth: {
      type: input.auth.type,
      ...(portalId ? { portalId } : {}),
      ...(input.auth.username?.trim() ? { username: input.auth.username.trim() } : {}),
      ...(input.auth.clientId?.trim() ? { clientId: input.auth.clientId.trim() } : {}),
    },
    ...(existing?.states ? { states: existing.states } : {}),
    ...((input.rules ?? existing?.rules) ? { rules: input.rules ?? existing?.rules } : {}),
    writeNote: input.writeNote ?? existing?.writeNote ?? false,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? 'connector'), issue.message);
  }
  const connectors = existing
    ? current.connectors.map((c) => (c.id === id ? parsed.data : c))
    : [...current.connectors, parsed.data];
  const next = configSchema.safeParse({ ...current, connectors });
  if (!next.success) throw invalid('connectors', `At most 50 connectors; remove one first.`);

  // Nothing was written until here.
  if (secretPlan.action === 'set') await setSecret(secretName(id), secretPlan.secret);
  if (secretPlan.action === 'delete') await deleteSecret(secretName(id));
  await configItem.setValue(next.data);
  await syncQuietly();
  return getStatus();
}

type SecretPlan = { action: 'set'; secret: string } | { action: 'delete' } | { action: 'keep' };

async function planSecret(
  type: Connector['auth']['type'],
  secret: string | undefined,
  existing: Connector | undefined,
  origin: string,
  label: string,
): Promise<SecretPlan> {
  // Session mode stores nothing: the technician's own portal session is the credential.
  if (type === 'session') return { action: 'delete' };
  if (secret?.trim()) {
    const checked = checkSecret(secret);
    if (!checked.ok) throw invalid('secret', checked.message);
    return { action: 'set', secret: checked.secret };
  }
  const saved = existing ? await getSecret(secretName(existing.id)) : null;
  if (!saved) throw invalid('secret', `Paste the API key from ${label}.`);
  // A key is only ever sent where it was saved for.
  if (existing && existing.baseUrl !== origin) {
    throw invalid('secret', 'The portal URL changed: paste the API key again, so it is only sent to the new address.');
  }
  return { action: 'keep' };
}

/** Same shape rules as the PAM360 token (utils/config/token.ts), worded for an API key. */
export function checkSecret(input: string): { ok: true; secret: string } | { ok: false; message: string } {
  const checked = checkToken(input);
  if (checked.ok) return { ok: true, secret: checked.token };
  const text = input.trim();
  if (/\s/.test(text)) return { ok: false, message: 'The API key contains spaces or line breaks; paste it again as one piece.' };
  if (text.length < 16 || text.length > 256) return { ok: false, message: 'This does not look like an API key (expected 16–256 characters).' };
  return { ok: false, message: 'The API key has characters an API key does not have; paste it again.' };
}

/** checkServerUrl's sentences, with a portal example instead of the PAM360 one. */
export function portalUrlMessage(message: string): string {
  return message.replaceAll('pam360.example.com:8282', 'servicedesk.example.com:8080');
}

/** "Corp SDP (EU)" → "corp-sdp-eu"; unique among `taken` ("corp-sdp-eu-2", …). */
export function uniqueId(name: string, kind: PortalKind, taken: Set<string>): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const base = slug || kind;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, 40 - suffix.length).replace(/-+$/, '') + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function removeConnector({ id }: { id: string }): Promise<Status> {
  const { config: effective, locks } = await effectiveConfig();
  if (locks.connectors) throw new HandlerError({ kind: 'forbidden', message: LOCKED_MESSAGE });
  const current = await readConfig();
  const target = current.connectors.find((c) => c.id === id);
  if (!target) throw invalid('id', `There is no connector “${id}”.`);
  const rest = current.connectors.filter((c) => c.id !== id);

  await configItem.setValue({ ...current, connectors: rest });
  await deleteSecret(secretName(id));
  // Give host access back unless another connector or PAM360 itself still needs that origin.
  const pattern = originPattern(target.baseUrl);
  const pam360 = effective.pam360.serverUrl;
  const stillUsed = rest.some((c) => originPattern(c.baseUrl) === pattern) || (!!pam360 && originPattern(pam360) === pattern);
  if (!stillUsed) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  await syncQuietly(); // unregisters its content script
  return getStatus();
}

export async function testConnector({ id }: { id: string }): Promise<ConnectorTestResult> {
  const { config } = await effectiveConfig();
  const connector = config.connectors.find((c) => c.id === id);
  if (!connector) return { ok: false, message: `There is no connector “${id}”.`, next: 'Reload this page.' };
  const origin = new URL(connector.baseUrl).origin;
  if (!(await hasHostAccess(connector.baseUrl))) {
    return { ok: false, message: `PAM Bridge has no access to ${origin} yet.`, next: 'Press Grant access.' };
  }
  await syncQuietly(); // self-heals the registration, e.g. right after Grant access
  try {
    const client = await itsmClientFor(connector);
    const pinged = await client.ping();
    const as = pinged.user && !pinged.message.includes(pinged.user.name) ? ` as ${pinged.user.name}` : '';
    const how = connector.auth.type === 'session' ? 'using your signed-in session' : 'API key accepted';
    return { ok: true, message: `${pinged.message}${as} · ${how}` };
  } catch (error) {
    return describeConnectorError(error, connector);
  }
}

/** Turns a failed test into one sentence with the next step (never a secret). */
export function describeConnectorError(error: unknown, connector: Connector): Extract<ConnectorTestResult, { ok: false }> {
  const product = PORTAL_LABELS[connector.kind];
  const origin = new URL(connector.baseUrl).origin;
  const result = (message: string, next?: string, detail?: string) => ({
    ok: false as const,
    message,
    ...(next ? { next } : {}),
    ...(detail ? { detail } : {}),
  });
  if (error instanceof ItsmSetupError) return result(error.message, error.next, error.detail);
  if (!(error instanceof ItsmError)) {
    return result('The test failed: PAM Bridge hit an internal error.', undefined, error instanceof Error ? error.message : String(error));
  }
  switch (error.kind) {
    case 'unreachable':
      return result(
        `Cannot reach ${origin}.`,
        `Check the portal URL and that this computer can open ${origin} in a tab (an untrusted certificate looks the same).`,
        error.detail,
      );
    case 'bad-credentials':
      return result(
        `API key not accepted by ${product}.`,
        `Check the key in ${product} (it stops working when it expires or the technician’s login is disabled), then press Edit and paste it again.`,
        error.detail,
      );
    case 'signed-out':
      return result(`You are not signed in to ${connector.name}.`, 'Sign in in a tab, then test again.', error.detail);
    case 'forbidden':
      return result(`${product} refused access for this user.`, `Ask your ${product} administrator for access to requests and changes.`, error.detail);
    case 'not-found':
      return result(`${product} has no API at ${origin}.`, `Check that the portal URL is the address you open ${product} at.`, error.detail);
    case 'unexpected':
      return result(
        `${product} answered something unexpected.`,
        `Check that ${origin} is ${product} itself, not a sign-in page or proxy in front of it.`,
        error.detail,
      );
    default:
      return result(error.message, undefined, error.detail);
  }
}

/** What options and the popup show per connector; a secret only as its hint. */
export async function connectorStatuses(): Promise<ConnectorStatus[]> {
  await syncSettled(); // a registration change under way shows once it is done
  const { config, locks } = await effectiveConfig();
  return Promise.all(
    config.connectors.map(async (connector): Promise<ConnectorStatus> => {
      const [secret, hostAccess, registered] = await Promise.all([
        getSecret(secretName(connector.id)),
        hasHostAccess(connector.baseUrl).catch(() => false),
        isRegistered(connector.id),
      ]);
      return {
        connector,
        secret: secret ? { saved: true, hint: hintFor(secret) } : { saved: false },
        hostAccess,
        registered,
        locked: locks.connectors,
      };
    }),
  );
}

/** Registration problems never fail a save; the status shows whether the script is registered. */
async function syncQuietly(): Promise<void> {
  try {
    const result = await syncContentScripts();
    if (Object.keys(result.errors).length) console.warn('PAM Bridge: content script registration', result.errors);
  } catch (error) {
    console.warn('PAM Bridge: content script registration failed', String(error));
  }
}

function invalid(field: string, message: string): HandlerError {
  return new HandlerError({ kind: 'bad-request', message, detail: field });
}
