/**
 * Portal connectors: save, remove, test, and their status for options and the popup.
 * Everything is checked before anything is written (design.md rule 6); secrets go sealed to
 * the connector's slot `connector:<id>` (itsm/credentials.ts) and never into the config, a
 * status or an export. OAuth connectors sign in once on save (the password is not stored).
 */
import { browser } from 'wxt/browser';
import { configSchema, connectorSchema, type Connector, type PortalKind } from '@/utils/config/schema';
import { configItem, readConfig } from '@/utils/config/storage';
import { checkToken } from '@/utils/config/token';
import { checkServerUrl, originPattern } from '@/utils/config/url';
import type { ConnectorStatus, ConnectorTestResult, SaveConnectorInput, Status } from '@/utils/messaging/protocol';
import { hasHostAccess } from '../host-access';
import { itsmClientFor, ItsmSetupError, PORTAL_LABELS, SUPPORTED_AUTH } from '../itsm';
import { credentialStatus, deleteCredential, readCredential, writeCredential, type CredentialByType, type StoredAuthType } from '../itsm/credentials';
import { OAUTH_GRANT_REFUSED, OAuthSignInError, signInWithPassword } from '../itsm/oauth';
import { ItsmError } from '../itsm/types';
import { effectiveConfig } from '../policy';
import { isRegistered, syncQuietly, syncSettled } from '../registration';
import { HandlerError } from '../router';
import { getStatus } from './get-status';

const LOCKED_MESSAGE = 'Your administrator manages the portal connectors; they cannot be changed here.';

/** Non-secret sign-in names: no spaces around, no control characters. */
const NAME_PATTERN = /^[^\s\x00-\x1f\x7f](?:[^\x00-\x1f\x7f]{0,198}[^\s\x00-\x1f\x7f])?$/;

export async function saveConnector({ connector: input, secret, password, clientSecret }: SaveConnectorInput): Promise<Status> {
  const { locks } = await effectiveConfig();
  if (locks.connectors) throw new HandlerError({ kind: 'forbidden', message: LOCKED_MESSAGE });
  const current = await readConfig();
  const existing = input.id ? current.connectors.find((c) => c.id === input.id) : undefined;
  if (input.id && !existing) throw invalid('id', `There is no connector “${input.id}”.`);

  const name = input.name.trim();
  if (!name) throw invalid('name', 'Give the connector a name.');
  const url = checkServerUrl(input.baseUrl);
  if (!url.ok) throw invalid('baseUrl', portalUrlMessage(url.message, input.kind));
  const origin = url.origin;
  const label = PORTAL_LABELS[input.kind];
  const authTypes = SUPPORTED_AUTH[input.kind];
  if (!authTypes) throw invalid('kind', `${label} connectors are not supported yet.`);
  const type = input.auth.type;
  if (!authTypes.includes(type)) throw invalid('auth', `${label} connectors support: ${authTypes.join(', ')}.`);
  const portalId = input.kind === 'sdp' ? (input.auth.portalId?.trim() ?? '') : '';
  if (portalId && !/^[A-Za-z0-9_-]{1,64}$/.test(portalId)) {
    throw invalid('portalId', 'Use the Portal ID from the portal’s address (the number after PORTALID=).');
  }
  const needsUsername = type === 'basic' || type === 'oauth2';
  const username = needsUsername ? (input.auth.username?.trim() ?? '') : '';
  if (needsUsername) {
    if (!username) throw invalid('username', type === 'basic' ? `Enter the username of the ${label} integration user.` : `Enter the ${label} username to sign in with.`);
    if (!NAME_PATTERN.test(username) || (type === 'basic' && username.includes(':'))) {
      throw invalid('username', 'The username has characters a username cannot have here; type it again.');
    }
  }
  const clientId = type === 'oauth2' ? (input.auth.clientId?.trim() ?? '') : '';
  if (type === 'oauth2') {
    if (!clientId) throw invalid('clientId', 'Enter the client ID from System OAuth › Application Registry.');
    if (!/^[\x21-\x7e]{1,200}$/.test(clientId)) throw invalid('clientId', 'The client ID has spaces or characters a client ID does not have; paste it again.');
  }
  // One connector per origin: the content script and the sender check map an origin to one connector.
  const clash = current.connectors.find((c) => c.id !== existing?.id && c.baseUrl === origin);
  if (clash) throw invalid('baseUrl', `The connector “${clash.name}” already uses ${origin}.`);

  const states = input.states ?? existing?.states;
  const implementationStates = input.implementationStates ?? existing?.implementationStates;
  const id = existing?.id ?? uniqueId(name, input.kind, new Set(current.connectors.map((c) => c.id)));
  const parsed = connectorSchema.safeParse({
    id,
    kind: input.kind,
    name,
    baseUrl: origin,
    auth: {
      type,
      ...(portalId ? { portalId } : {}),
      ...(username ? { username } : {}),
      ...(clientId ? { clientId } : {}),
    },
    // Absent in the input: keep the saved override; empty: remove it (back to the defaults).
    ...(states && Object.keys(states).length ? { states } : {}),
    ...(implementationStates?.length ? { implementationStates } : {}),
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

  // Last check, as it may ask the portal (OAuth sign-in); it writes nothing itself.
  const plan = await planSecret(parsed.data, existing, { secret, password, clientSecret }, label);

  // Nothing was written until here.
  if (plan.action === 'set') await writeCredential(id, plan.type, plan.value);
  if (plan.action === 'delete') await deleteCredential(id);
  await configItem.setValue(next.data);
  await syncQuietly();
  return getStatus();
}

type SecretPlan =
  | { [T in StoredAuthType]: { action: 'set'; type: T; value: CredentialByType[T] } }[StoredAuthType]
  | { action: 'delete' }
  | { action: 'keep' };

const typed = (value: string | undefined) => (value !== undefined && value.trim() !== '' ? value : undefined);

async function planSecret(
  connector: Connector,
  existing: Connector | undefined,
  secrets: { secret?: string | undefined; password?: string | undefined; clientSecret?: string | undefined },
  label: string,
): Promise<SecretPlan> {
  const { type } = connector.auth;
  // A saved secret is only ever sent where it was saved for.
  const sameOrigin = !!existing && existing.baseUrl === connector.baseUrl;
  switch (type) {
    // Session mode stores nothing: the technician's own portal session is the credential.
    case 'session':
      return { action: 'delete' };

    case 'api-key': {
      const key = typed(secrets.secret);
      if (key) {
        const checked = checkSecret(key);
        if (!checked.ok) throw invalid('secret', checked.message);
        return { action: 'set', type, value: { apiKey: checked.secret } };
      }
      const saved = existing?.auth.type === 'api-key' ? await readCredential(existing.id, 'api-key') : null;
      if (!saved) throw invalid('secret', `Paste the API key from ${label}.`);
      if (!sameOrigin) throw invalid('secret', 'The portal URL changed: paste the API key again, so it is only sent to the new address.');
      return { action: 'keep' };
    }

    case 'basic': {
      const password = typed(secrets.password);
      if (password) {
        const problem = checkPassword(password);
        if (problem) throw invalid('password', problem);
        return { action: 'set', type, value: { password } };
      }
      const saved = existing?.auth.type === 'basic' ? await readCredential(existing.id, 'basic') : null;
      if (!saved) throw invalid('password', `Enter the password of ${connector.auth.username}.`);
      if (!sameOrigin) throw invalid('password', 'The portal URL changed: type the password again, so it is only sent to the new address.');
      if (existing!.auth.username !== connector.auth.username) throw invalid('password', 'The username changed: type its password.');
      return { action: 'keep' };
    }

    case 'oauth2': {
      const saved = existing?.auth.type === 'oauth2' ? await readCredential(existing.id, 'oauth2') : null;
      const typedSecret = typed(secrets.clientSecret)?.trim();
      if (typedSecret && !/^[\x21-\x7e]{1,1024}$/.test(typedSecret)) {
        throw invalid('clientSecret', 'The client secret has spaces or characters a client secret does not have; paste it again.');
      }
      const sameClient = !!saved && sameOrigin && existing!.auth.clientId === connector.auth.clientId;
      const clientSecret = typedSecret ?? (sameClient ? saved!.clientSecret : undefined);
      if (!clientSecret) {
        if (saved && !sameOrigin) throw invalid('clientSecret', 'The portal URL changed: enter the client secret and password again, so they are only sent to the new address.');
        if (saved) throw invalid('clientSecret', 'The client ID changed: enter its client secret.');
        throw invalid('clientSecret', 'Enter the client secret from System OAuth › Application Registry.');
      }
      const password = typed(secrets.password);
      if (!password) {
        // Nothing about the sign-in changed: keep the saved refresh token.
        if (!typedSecret && sameClient && existing!.auth.username === connector.auth.username) return { action: 'keep' };
        throw invalid('password', 'Enter the password once: PAM Bridge signs in with it to get a refresh token and does not store it.');
      }
      const problem = checkPassword(password);
      if (problem) throw invalid('password', problem);
      const origin = new URL(connector.baseUrl).origin;
      if (!(await hasHostAccess(connector.baseUrl))) {
        throw invalid('baseUrl', `PAM Bridge needs access to ${origin} to sign in with OAuth. Press Save connector again and choose Allow.`);
      }
      try {
        const credential = await signInWithPassword(connector, { clientSecret, password });
        return { action: 'set', type, value: credential };
      } catch (error) {
        if (error instanceof OAuthSignInError) throw invalid(error.field, error.message);
        throw error;
      }
    }

    default:
      throw invalid('auth', `Sign-in type “${type}” is not supported for ${label}.`);
  }
}

/** A password as typed (spaces allowed); refuses only what a paste gets wrong. */
function checkPassword(password: string): string | undefined {
  if (/[\r\n]/.test(password)) return 'The password contains a line break; type it again.';
  if (/[\x00-\x1f\x7f]/.test(password)) return 'The password contains control characters; type it again.';
  return undefined;
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
export function portalUrlMessage(message: string, kind: PortalKind = 'sdp'): string {
  return message.replaceAll('pam360.example.com:8282', kind === 'servicenow' ? 'yourcompany.service-now.com' : 'servicedesk.example.com:8080');
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
  await deleteCredential(id);
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
    const how = ACCEPTED[connector.auth.type] ?? 'signed in';
    return { ok: true, message: `${pinged.message}${as} · ${how}` };
  } catch (error) {
    return describeConnectorError(error, connector);
  }
}

const ACCEPTED: Partial<Record<Connector['auth']['type'], string>> = {
  session: 'using your signed-in session',
  'api-key': 'API key accepted',
  basic: 'password accepted',
  oauth2: 'OAuth sign-in accepted',
};

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
      return badCredentials(error, connector, product);
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

function badCredentials(error: ItsmError, connector: Connector, product: string): Extract<ConnectorTestResult, { ok: false }> {
  const detail = error.detail ? { detail: error.detail } : {};
  switch (connector.auth.type) {
    case 'basic':
      return {
        ok: false,
        message: `Password not accepted by ${product}.`,
        next: `Check the username and password of the integration user (users who sign in only through SSO have no local password), then press Edit and type the password again.`,
        ...detail,
      };
    case 'oauth2':
      if (error.message === OAUTH_GRANT_REFUSED) {
        return { ok: false, message: `${product} refused the saved OAuth grant.`, next: 'Press Edit, enter the password and save to sign in again.', ...detail };
      }
      return {
        ok: false,
        message: `${product} refused the OAuth client.`,
        next: 'Check the client ID and client secret in System OAuth › Application Registry, then press Edit and sign in again.',
        ...detail,
      };
    default:
      return {
        ok: false,
        message: `API key not accepted by ${product}.`,
        next:
          connector.kind === 'servicenow'
            ? 'Check the key in ServiceNow (System Web Services › API Access Policies › REST API Key: active, and allowed by an API access policy), then press Edit and paste it again.'
            : `Check the key in ${product} (it stops working when it expires or the technician’s login is disabled), then press Edit and paste it again.`,
        ...detail,
      };
  }
}

/** What options and the popup show per connector; a secret only as its hint. */
export async function connectorStatuses(): Promise<ConnectorStatus[]> {
  await syncSettled(); // a registration change under way shows once it is done
  const { config, locks } = await effectiveConfig();
  return Promise.all(
    config.connectors.map(async (connector): Promise<ConnectorStatus> => {
      const [secret, hostAccess, registered] = await Promise.all([
        credentialStatus(connector),
        hasHostAccess(connector.baseUrl),
        isRegistered(connector.id),
      ]);
      return {
        connector,
        secret,
        hostAccess,
        registered,
        locked: locks.connectors,
      };
    }),
  );
}

function invalid(field: string, message: string): HandlerError {
  return new HandlerError({ kind: 'bad-request', message, detail: field });
}
