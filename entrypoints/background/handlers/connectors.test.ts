/**
 * Connector operations with the fake browser for storage; host permissions, registered content
 * scripts and tabs are in-memory fakes (fake-browser has none). The SDP client is replaced by a
 * stub whose ping() each test controls, so every error kind's sentence is checked.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { configItem, readConfig } from '@/utils/config/storage';
import type { ConnectorInput } from '@/utils/messaging/protocol';
import { requestSchemas } from '@/utils/messaging/schemas';
import { fakePermissions, fakeScripting } from '../fake-extension-apis.test-helper';
import { ItsmError, type ItsmClient, type ItsmTransport } from '../itsm/types';
import { HandlerError } from '../router';
import { readCredential } from '../itsm/credentials';
import { OAUTH_GRANT_REFUSED } from '../itsm/oauth';
import { getSecret, setSecret } from '../secrets';
import { exportConfig, importConfig } from './config-file';
import { connectorStatuses, removeConnector, saveConnector, testConnector, uniqueId } from './connectors';
import { getStatus } from './get-status';
import { savePamSettings } from './save-pam-settings';

const sdpClient = vi.hoisted(() => ({
  ping: vi.fn<() => Promise<{ message: string }>>(),
  factory: vi.fn(),
}));
vi.mock('../itsm/sdp', () => ({
  createSdpClient: (connector: unknown, transport: ItsmTransport): ItsmClient => {
    sdpClient.factory(connector, transport);
    return { ping: sdpClient.ping, getTicket: vi.fn(), addNote: vi.fn() } as unknown as ItsmClient;
  },
}));
const snClient = vi.hoisted(() => ({
  ping: vi.fn<() => Promise<{ message: string }>>(),
  factory: vi.fn(),
}));
vi.mock('../itsm/servicenow', () => ({
  createServiceNowClient: (connector: unknown, transport: ItsmTransport): ItsmClient => {
    snClient.factory(connector, transport);
    return { ping: snClient.ping, getTicket: vi.fn(), addNote: vi.fn() } as unknown as ItsmClient;
  },
}));

const KEY = '0A1B2C3D-4E5F-6789-ABCD-EF012345AB12';
const OTHER_KEY = 'FFFFFFFF-4E5F-6789-ABCD-EF0123456789';
const ORIGIN = 'https://sdp.example.com:8080';
const PATTERN = 'https://sdp.example.com/*';

const input = (extra: Partial<ConnectorInput> = {}): ConnectorInput => ({
  kind: 'sdp',
  name: 'Corp SDP',
  baseUrl: `${ORIGIN}/`,
  auth: { type: 'session' },
  ...extra,
});

let perms: ReturnType<typeof fakePermissions>;
let scripting: ReturnType<typeof fakeScripting>;

beforeEach(() => {
  perms = fakePermissions([PATTERN]);
  scripting = fakeScripting();
  sdpClient.ping.mockReset().mockResolvedValue({ message: 'Connected to ServiceDesk Plus' });
  sdpClient.factory.mockReset();
  snClient.ping.mockReset().mockResolvedValue({ message: 'Connected to ServiceNow' });
  snClient.factory.mockReset();
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(HandlerError);
  return (error as HandlerError).error;
}

describe('uniqueId', () => {
  it('slugs the name and keeps ids unique and valid', () => {
    expect(uniqueId('Corp SDP (EU)', 'sdp', new Set())).toBe('corp-sdp-eu');
    expect(uniqueId('Zürich Service Désk', 'sdp', new Set())).toBe('zurich-service-desk');
    expect(uniqueId('Corp SDP', 'sdp', new Set(['corp-sdp', 'corp-sdp-2']))).toBe('corp-sdp-3');
    expect(uniqueId('!!!', 'sdp', new Set())).toBe('sdp');
    const long = uniqueId('a'.repeat(60), 'sdp', new Set(['a'.repeat(40)]));
    expect(long).toBe(`${'a'.repeat(38)}-2`);
    expect(long).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
  });
});

describe('saveConnector', () => {
  it('adds a session connector: origin only, slug id, registered, status without secret', async () => {
    const status = await saveConnector({ connector: input({ writeNote: true }) });
    expect(status.connectors).toEqual([
      {
        connector: { id: 'corp-sdp', kind: 'sdp', name: 'Corp SDP', baseUrl: ORIGIN, auth: { type: 'session' }, writeNote: true },
        secret: { saved: false },
        hostAccess: true,
        registered: true,
        locked: false,
      },
    ]);
    expect(scripting.scripts.get('pam-bridge-corp-sdp')).toMatchObject({ js: ['portal-sdp.js'], matches: ['https://sdp.example.com:8080/*'] });
    // A second connector with the same name gets its own id.
    await saveConnector({ connector: input({ baseUrl: 'https://sdp2.example.com' }) });
    expect((await readConfig()).connectors.map((c) => c.id)).toEqual(['corp-sdp', 'corp-sdp-2']);
  });

  it('stores an API key sealed; it never appears in status, config, export or storage', async () => {
    const status = await saveConnector({ connector: input({ auth: { type: 'api-key', portalId: ' 3 ' } }), secret: ` ${KEY}\n` });
    expect(status.connectors[0]).toMatchObject({ secret: { saved: true, hint: 'ends …AB12' }, connector: { auth: { type: 'api-key', portalId: '3' } } });
    expect(await readCredential('corp-sdp', 'api-key')).toEqual({ apiKey: KEY });
    expect(JSON.stringify(status)).not.toContain(KEY);
    expect(JSON.stringify(await configItem.getValue())).not.toContain(KEY);
    expect(JSON.stringify(await exportConfig())).not.toContain(KEY);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(KEY);
  });

  it('keeps the saved key when editing without one; switching to session deletes it', async () => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    await saveConnector({ connector: input({ id: 'corp-sdp', name: 'Renamed', auth: { type: 'api-key' } }) });
    expect(await readCredential('corp-sdp', 'api-key')).toEqual({ apiKey: KEY });
    expect((await readConfig()).connectors[0]).toMatchObject({ id: 'corp-sdp', name: 'Renamed' });
    await saveConnector({ connector: input({ id: 'corp-sdp', auth: { type: 'session' } }), secret: OTHER_KEY });
    expect(await getSecret('connector:corp-sdp')).toBeNull();
  });

  it('keeps an old plain-string key (saved before the JSON slot format) when editing', async () => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    await setSecret('connector:corp-sdp', KEY); // as the previous version stored it
    const status = await saveConnector({ connector: input({ id: 'corp-sdp', name: 'Renamed', auth: { type: 'api-key' } }) });
    expect(status.connectors[0]).toMatchObject({ secret: { saved: true, hint: 'ends …AB12' } });
    expect(await getSecret('connector:corp-sdp')).toBe(KEY); // kept as it was
    expect(await readCredential('corp-sdp', 'api-key')).toEqual({ apiKey: KEY });
  });

  it('asks for the key again when the URL of an API-key connector changes', async () => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    const error = await refusal(saveConnector({ connector: input({ id: 'corp-sdp', baseUrl: 'https://elsewhere.example.com', auth: { type: 'api-key' } }) }));
    expect(error).toMatchObject({ detail: 'secret', message: 'The portal URL changed: paste the API key again, so it is only sent to the new address.' });
    expect((await readConfig()).connectors[0]!.baseUrl).toBe(ORIGIN);
  });

  it.each([
    [input({ name: '  ' }), undefined, 'name', 'Give the connector a name.'],
    [input({ baseUrl: 'javascript:alert(1)' }), undefined, 'baseUrl', 'Only https:// URLs are allowed (got javascript:)'],
    [input({ baseUrl: 'http://sdp.example.com' }), undefined, 'baseUrl', 'Use https://'],
    [input({ baseUrl: 'https://sdp.example.com/app/itdesk' }), undefined, 'baseUrl', 'e.g. https://servicedesk.example.com:8080'],
    [input({ auth: { type: 'api-key' } }), undefined, 'secret', 'Paste the API key from ServiceDesk Plus.'],
    [input({ auth: { type: 'api-key' } }), 'two words-that-are-long', 'secret', 'The API key contains spaces or line breaks; paste it again as one piece.'],
    [input({ auth: { type: 'api-key' } }), 'short', 'secret', 'This does not look like an API key (expected 16–256 characters).'],
    [input({ auth: { type: 'basic', username: 'x' } }), KEY, 'auth', 'ServiceDesk Plus connectors support: session, api-key.'],
    [input({ kind: 'jsm' }), undefined, 'kind', 'Jira Service Management connectors are not supported yet.'],
    [input({ auth: { type: 'session', portalId: '1; evil' } }), undefined, 'portalId', 'Use the Portal ID'],
    [input({ id: 'nope' }), undefined, 'id', 'There is no connector “nope”.'],
    [input({ name: 'x'.repeat(81) }), undefined, 'name', 'Too big'],
  ])('refuses bad input and changes nothing (%#)', async (connector, secret, field, message) => {
    await saveConnector({ connector: input({ baseUrl: 'https://kept.example.com', auth: { type: 'api-key' } }), secret: OTHER_KEY });
    const before = await configItem.getValue();
    const storageBefore = await fakeBrowser.storage.local.get(null);
    scripting.calls.register.mockClear();
    const error = await refusal(saveConnector({ connector, ...(secret ? { secret } : {}) }));
    expect(error.kind).toBe('bad-request');
    expect(error.detail).toBe(field);
    expect(error.message).toContain(message);
    expect(await configItem.getValue()).toEqual(before);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(storageBefore);
    expect(scripting.calls.register).not.toHaveBeenCalled();
  });

  it('refuses a second connector on the same origin', async () => {
    await saveConnector({ connector: input() });
    const error = await refusal(saveConnector({ connector: input({ name: 'Again', baseUrl: ORIGIN }) }));
    expect(error).toMatchObject({ detail: 'baseUrl', message: `The connector “Corp SDP” already uses ${ORIGIN}.` });
  });

  it('refuses changes when the admin policy sets the connectors', async () => {
    await fakeBrowser.storage.managed.set({
      connectors: [{ id: 'corp', kind: 'sdp', name: 'Corp', baseUrl: ORIGIN, auth: { type: 'session' } }],
    });
    expect(await refusal(saveConnector({ connector: input() }))).toMatchObject({ kind: 'forbidden' });
    expect(await refusal(removeConnector({ id: 'corp' }))).toMatchObject({ kind: 'forbidden' });
    expect((await readConfig()).connectors).toEqual([]);
    expect((await connectorStatuses())[0]).toMatchObject({ locked: true, connector: { id: 'corp' } });
  });

  it('stores state mapping and implementation states; absent keeps them, {} / [] clears them', async () => {
    const states = { Onhold: 'resolved', 'Awaiting vendor': 'open' } as const;
    await saveConnector({ connector: input({ states, implementationStates: [' Release ', 'Implementation'] }) });
    expect((await readConfig()).connectors[0]).toMatchObject({ states, implementationStates: ['Release', 'Implementation'] });
    // An edit that does not send them (an older form, or no override to change) keeps them, like rules.
    await saveConnector({ connector: input({ id: 'corp-sdp', name: 'Renamed', rules: { assignedToMe: 'warn' } }) });
    expect((await readConfig()).connectors[0]).toMatchObject({ name: 'Renamed', states, implementationStates: ['Release', 'Implementation'], rules: { assignedToMe: 'warn' } });
    await saveConnector({ connector: input({ id: 'corp-sdp', states: { Onhold: 'closed' }, implementationStates: ['Build'] }) });
    expect((await readConfig()).connectors[0]).toMatchObject({ states: { Onhold: 'closed' }, implementationStates: ['Build'], rules: { assignedToMe: 'warn' } });
    expect((await connectorStatuses())[0]!.connector).toMatchObject({ states: { Onhold: 'closed' }, implementationStates: ['Build'] });
    // Cleared: the keys are gone, so the client defaults apply again.
    await saveConnector({ connector: input({ id: 'corp-sdp', states: {}, implementationStates: [] }) });
    const saved = (await readConfig()).connectors[0]!;
    expect('states' in saved || 'implementationStates' in saved).toBe(false);
    expect(saved.rules).toMatchObject({ assignedToMe: 'warn' });
  });

  it('refuses a bad implementation state on its field; nothing is written', async () => {
    await saveConnector({ connector: input() });
    const before = await configItem.getValue();
    const long = await refusal(saveConnector({ connector: input({ id: 'corp-sdp', implementationStates: ['x'.repeat(81)] }) }));
    expect(long).toMatchObject({ kind: 'bad-request', detail: 'implementationStates', message: 'An implementation state has at most 80 characters.' });
    const blank = await refusal(saveConnector({ connector: input({ id: 'corp-sdp', implementationStates: ['Build', '  '] }) }));
    expect(blank).toMatchObject({ detail: 'implementationStates', message: 'An implementation state cannot be empty.' });
    const many = await refusal(saveConnector({ connector: input({ id: 'corp-sdp', implementationStates: Array.from({ length: 21 }, (_, i) => `s${i}`) }) }));
    expect(many).toMatchObject({ detail: 'implementationStates', message: 'At most 20 implementation states.' });
    expect(await configItem.getValue()).toEqual(before);
  });

  it('the saveConnector request schema accepts both fields, within bounds', () => {
    const request = (connector: Record<string, unknown>) => requestSchemas.saveConnector.safeParse({ connector: { ...input(), ...connector } }).success;
    expect(request({ states: { 'incident:3': 'in-progress' }, implementationStates: ['Scheduled'] })).toBe(true);
    expect(request({ states: {}, implementationStates: [] })).toBe(true);
    expect(request({ states: { a: 'later' } })).toBe(false);
    expect(request({ states: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`s${i}`, 'open'])) })).toBe(false);
    expect(request({ implementationStates: Array.from({ length: 51 }, (_, i) => `s${i}`) })).toBe(false);
  });

  it('an admin policy connector can set the state mapping and implementation states', async () => {
    await fakeBrowser.storage.managed.set({
      connectors: [{
        id: 'corp', kind: 'servicenow', name: 'Corp', baseUrl: 'https://corp.service-now.com', auth: { type: 'session' },
        states: { 'incident:3': 'resolved' }, implementationStates: ['change_request:-1', ' Deploy '],
      }],
    });
    expect((await connectorStatuses())[0]).toMatchObject({
      locked: true,
      connector: { id: 'corp', states: { 'incident:3': 'resolved' }, implementationStates: ['change_request:-1', 'Deploy'] },
    });
  });
});

describe('removeConnector', () => {
  it('removes the config entry, the secret, the registration and the host permission', async () => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    expect(scripting.scripts.has('pam-bridge-corp-sdp')).toBe(true);
    const status = await removeConnector({ id: 'corp-sdp' });
    expect(status.connectors).toEqual([]);
    expect((await readConfig()).connectors).toEqual([]);
    expect(await getSecret('connector:corp-sdp')).toBeNull();
    expect(scripting.scripts.size).toBe(0);
    expect(perms.remove).toHaveBeenCalledWith({ origins: [PATTERN] });
    expect(perms.granted.has(PATTERN)).toBe(false);
  });

  it('keeps the host permission while PAM360 or another connector uses that host', async () => {
    await savePamSettings({ serverUrl: 'https://sdp.example.com:8282', orgName: '' });
    await saveConnector({ connector: input() });
    await removeConnector({ id: 'corp-sdp' });
    expect(perms.remove).not.toHaveBeenCalled();

    perms.granted.add('https://a.example.com/*');
    await saveConnector({ connector: input({ name: 'A1', baseUrl: 'https://a.example.com:1' }) });
    await saveConnector({ connector: input({ name: 'A2', baseUrl: 'https://a.example.com:2' }) });
    await removeConnector({ id: 'a1' });
    expect(perms.remove).not.toHaveBeenCalled();
    expect([...scripting.scripts.keys()]).toEqual(['pam-bridge-a2']);
  });

  it('refuses an unknown id', async () => {
    expect(await refusal(removeConnector({ id: 'nope' }))).toMatchObject({ detail: 'id' });
  });
});

describe('testConnector', () => {
  it('says to grant access when the browser has not', async () => {
    await saveConnector({ connector: input() });
    perms.granted.clear();
    expect(await testConnector({ id: 'corp-sdp' })).toEqual({
      ok: false,
      message: `PAM Bridge has no access to ${ORIGIN} yet.`,
      next: 'Press Grant access.',
    });
    expect(sdpClient.factory).not.toHaveBeenCalled();
  });

  it('pings with the API key transport and reports success', async () => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    expect(await testConnector({ id: 'corp-sdp' })).toEqual({ ok: true, message: 'Connected to ServiceDesk Plus · API key accepted' });
    expect(sdpClient.factory).toHaveBeenCalledWith(expect.objectContaining({ id: 'corp-sdp' }), expect.any(Function));
  });

  it('in session mode, uses an open portal tab or says to open one', async () => {
    await saveConnector({ connector: input() });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
    expect(await testConnector({ id: 'corp-sdp' })).toEqual({
      ok: false,
      message: 'No open Corp SDP tab.',
      next: 'Open Corp SDP in a tab and sign in, then press Test connection again.',
    });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 4, url: `${ORIGIN}/WorkOrder.do`, active: true }] as never);
    expect(await testConnector({ id: 'corp-sdp' })).toEqual({ ok: true, message: 'Connected to ServiceDesk Plus · using your signed-in session' });
  });

  it('names a missing API key', async () => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    await fakeBrowser.storage.local.remove('secret:connector:corp-sdp');
    expect(await testConnector({ id: 'corp-sdp' })).toMatchObject({ ok: false, message: 'No API key saved for Corp SDP.' });
  });

  it.each([
    ['unreachable', `Cannot reach ${ORIGIN}.`, 'Check the portal URL'],
    ['bad-credentials', 'API key not accepted by ServiceDesk Plus.', 'press Edit and paste it again'],
    ['signed-out', 'You are not signed in to Corp SDP.', 'Sign in in a tab, then test again.'],
    ['forbidden', 'ServiceDesk Plus refused access for this user.', 'administrator'],
    ['not-found', `ServiceDesk Plus has no API at ${ORIGIN}.`, 'Check that the portal URL'],
    ['unexpected', 'ServiceDesk Plus answered something unexpected.', 'not a sign-in page'],
  ] as const)('explains %s with a next step', async (kind, message, next) => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    sdpClient.ping.mockRejectedValue(new ItsmError(kind, 'client text', 'HTTP 401'));
    const result = await testConnector({ id: 'corp-sdp' });
    expect(result).toMatchObject({ ok: false, message, detail: 'HTTP 401' });
    expect((result as { next: string }).next).toContain(next);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('passes the portal’s own message through for other failures', async () => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    sdpClient.ping.mockRejectedValue(new ItsmError('failed', 'ServiceDesk Plus is rate-limiting API calls; try again in a minute.'));
    expect(await testConnector({ id: 'corp-sdp' })).toEqual({ ok: false, message: 'ServiceDesk Plus is rate-limiting API calls; try again in a minute.' });
  });

  it('re-registers the content script on the way (e.g. right after Grant access)', async () => {
    perms.granted.clear();
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    expect(scripting.scripts.size).toBe(0);
    perms.granted.add(PATTERN);
    await testConnector({ id: 'corp-sdp' });
    expect((await getStatus()).connectors[0]).toMatchObject({ hostAccess: true, registered: true });
  });
});

describe('connectorStatuses', () => {
  it('reports host access and registration per connector', async () => {
    perms.granted.clear();
    await saveConnector({ connector: input() });
    expect(await connectorStatuses()).toMatchObject([{ hostAccess: false, registered: false, secret: { saved: false } }]);
  });

  it('ignores a secret slot left behind without a matching connector', async () => {
    await setSecret('connector:ghost', KEY);
    expect(await connectorStatuses()).toEqual([]);
  });
});

describe('ServiceNow connectors', () => {
  const SN = 'https://acme.service-now.com';
  const SN_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const PASSWORD = 'Corr3ct horse!';
  const CLIENT_SECRET = 'cs-Example-Secret-9z';
  const sn = (extra: Partial<ConnectorInput> = {}): ConnectorInput => ({ kind: 'servicenow', name: 'Acme', baseUrl: SN, auth: { type: 'session' }, ...extra });
  const oauth = (extra: Partial<ConnectorInput['auth']> = {}) => sn({ auth: { type: 'oauth2', clientId: 'client-1', username: 'svc.pam', ...extra } });

  /** /oauth_token.do: the password grant succeeds for exactly client-1 / CLIENT_SECRET / svc.pam / PASSWORD. */
  function tokenEndpoint() {
    return vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      expect(String(url)).toBe(`${SN}/oauth_token.do`);
      expect(init).toMatchObject({ method: 'POST', credentials: 'omit' });
      const body = new URLSearchParams(String(init!.body));
      const ok =
        body.get('grant_type') === 'password' &&
        body.get('client_id') === 'client-1' &&
        body.get('client_secret') === CLIENT_SECRET &&
        body.get('username') === 'svc.pam' &&
        body.get('password') === PASSWORD;
      return ok
        ? Response.json({ access_token: 'access-1', refresh_token: 'refresh-1', token_type: 'Bearer', expires_in: 1799 })
        : Response.json({ error_description: 'access_denied', error: 'server_error' }, { status: 401 });
    });
  }

  /** No secret anywhere but the sealed slot. */
  async function nowhere(secret: string, status: unknown) {
    expect(JSON.stringify(status)).not.toContain(secret);
    expect(JSON.stringify(await configItem.getValue())).not.toContain(secret);
    expect(JSON.stringify(await exportConfig())).not.toContain(secret);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(secret);
  }

  beforeEach(() => {
    perms.granted.add('https://acme.service-now.com/*');
  });

  it('session: nothing stored; the page script runs in every frame', async () => {
    const status = await saveConnector({ connector: sn() });
    expect(status.connectors[0]).toMatchObject({ connector: { id: 'acme', kind: 'servicenow', auth: { type: 'session' } }, secret: { saved: false }, registered: true });
    expect(scripting.scripts.get('pam-bridge-acme')).toMatchObject({ js: ['portal-servicenow.js'], allFrames: true, matches: [`${SN}/*`] });
    expect(await getSecret('connector:acme')).toBeNull();
  });

  it('accepts a custom domain and drops an SDP-only Portal ID', async () => {
    perms.granted.add('https://itsm.corp.example/*');
    const status = await saveConnector({ connector: sn({ baseUrl: 'https://itsm.corp.example/', auth: { type: 'session', portalId: '3' } }) });
    expect(status.connectors[0]!.connector).toMatchObject({ baseUrl: 'https://itsm.corp.example', auth: { type: 'session' } });
    expect(status.connectors[0]!.connector.auth).not.toHaveProperty('portalId');
  });

  it('api-key: sealed as {apiKey}, status shows only its end', async () => {
    const status = await saveConnector({ connector: sn({ auth: { type: 'api-key' } }), secret: SN_KEY });
    expect(status.connectors[0]).toMatchObject({ secret: { saved: true, hint: 'ends …8f90' } });
    expect(await readCredential('acme', 'api-key')).toEqual({ apiKey: SN_KEY });
    await nowhere(SN_KEY, status);
    expect(await refusal(saveConnector({ connector: sn({ name: 'B', baseUrl: 'https://b.service-now.com', auth: { type: 'api-key' } }) }))).toMatchObject({
      detail: 'secret',
      message: 'Paste the API key from ServiceNow.',
    });
  });

  it('basic: username in the config, password sealed as {password} and never hinted', async () => {
    const status = await saveConnector({ connector: sn({ auth: { type: 'basic', username: ' svc.pam ' } }), password: PASSWORD });
    expect(status.connectors[0]).toMatchObject({ connector: { auth: { type: 'basic', username: 'svc.pam' } }, secret: { saved: true, hint: '' } });
    expect(await readCredential('acme', 'basic')).toEqual({ password: PASSWORD });
    await nowhere(PASSWORD, status);
    await nowhere(PASSWORD.slice(-4), status);
  });

  it('basic: an empty password keeps the saved one; a new URL or username needs it again', async () => {
    await saveConnector({ connector: sn({ auth: { type: 'basic', username: 'svc.pam' } }), password: PASSWORD });
    await saveConnector({ connector: sn({ id: 'acme', name: 'Renamed', auth: { type: 'basic', username: 'svc.pam' } }) });
    expect(await readCredential('acme', 'basic')).toEqual({ password: PASSWORD });
    perms.granted.add('https://other.service-now.com/*');
    expect(await refusal(saveConnector({ connector: sn({ id: 'acme', baseUrl: 'https://other.service-now.com', auth: { type: 'basic', username: 'svc.pam' } }) }))).toMatchObject({
      detail: 'password',
      message: 'The portal URL changed: type the password again, so it is only sent to the new address.',
    });
    expect(await refusal(saveConnector({ connector: sn({ id: 'acme', auth: { type: 'basic', username: 'other' } }) }))).toMatchObject({
      detail: 'password',
      message: 'The username changed: type its password.',
    });
    await saveConnector({ connector: sn({ id: 'acme', auth: { type: 'basic', username: 'other' } }), password: 'new one' });
    expect(await readCredential('acme', 'basic')).toEqual({ password: 'new one' });
  });

  it.each([
    [sn({ auth: { type: 'basic' } }), { password: 'x' }, 'username', 'Enter the username of the ServiceNow integration user.'],
    [sn({ auth: { type: 'basic', username: 'a:b' } }), { password: 'x' }, 'username', 'characters a username cannot have'],
    [sn({ auth: { type: 'basic', username: 'svc' } }), {}, 'password', 'Enter the password of svc.'],
    [sn({ auth: { type: 'basic', username: 'svc' } }), { password: 'two\nlines' }, 'password', 'line break'],
    [sn({ auth: { type: 'oauth2', username: 'svc' } }), { clientSecret: 'c', password: 'p' }, 'clientId', 'Enter the client ID'],
    [sn({ auth: { type: 'oauth2', clientId: 'client 1', username: 'svc' } }), { clientSecret: 'c', password: 'p' }, 'clientId', 'The client ID has spaces'],
    [sn({ auth: { type: 'oauth2', clientId: 'c' } }), { clientSecret: 'c', password: 'p' }, 'username', 'Enter the ServiceNow username to sign in with.'],
    [oauth(), { password: PASSWORD }, 'clientSecret', 'Enter the client secret'],
    [oauth(), { clientSecret: CLIENT_SECRET }, 'password', 'Enter the password once: PAM Bridge signs in with it to get a refresh token and does not store it.'],
    [sn({ auth: { type: 'bearer' } }), {}, 'auth', 'ServiceNow connectors support: session, basic, oauth2, api-key.'],
  ] as const)('refuses incomplete sign-in details and changes nothing (%#)', async (connector, secrets, field, message) => {
    const fetch = tokenEndpoint();
    const before = await fakeBrowser.storage.local.get(null);
    const error = await refusal(saveConnector({ connector, ...secrets }));
    expect(error).toMatchObject({ kind: 'bad-request', detail: field });
    expect(error.message).toContain(message);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('oauth2: signs in once on save, seals client secret + refresh/access token, never the password', async () => {
    const fetch = tokenEndpoint();
    const status = await saveConnector({ connector: oauth(), clientSecret: ` ${CLIENT_SECRET} `, password: PASSWORD });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(status.connectors[0]).toMatchObject({
      connector: { auth: { type: 'oauth2', clientId: 'client-1', username: 'svc.pam' } },
      secret: { saved: true, hint: 'ends …t-9z' },
    });
    const sealed = await readCredential('acme', 'oauth2');
    expect(sealed).toMatchObject({ clientSecret: CLIENT_SECRET, refreshToken: 'refresh-1', accessToken: 'access-1' });
    expect(sealed!.accessExpiresAt).toBeGreaterThan(Date.now() + 1_700_000);
    expect(await getSecret('connector:acme')).not.toContain(PASSWORD);
    for (const secret of [PASSWORD, CLIENT_SECRET, 'refresh-1', 'access-1']) await nowhere(secret, status);
  });

  it('oauth2: a refused sign-in refuses the save, naming the problem; nothing is stored', async () => {
    tokenEndpoint();
    const error = await refusal(saveConnector({ connector: oauth(), clientSecret: CLIENT_SECRET, password: 'wrong' }));
    expect(error).toMatchObject({ kind: 'bad-request', detail: 'password' });
    expect(error.message).toContain('ServiceNow refused the sign-in: the client ID, client secret, username or password is wrong');
    expect(await getSecret('connector:acme')).toBeNull();
    expect((await readConfig()).connectors).toEqual([]);

    vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json({ error: 'invalid_client' }, { status: 401 }));
    expect(await refusal(saveConnector({ connector: oauth(), clientSecret: 'bad', password: PASSWORD }))).toMatchObject({
      detail: 'clientSecret',
      message: expect.stringContaining('ServiceNow refused the OAuth client'),
    });
    expect((await readConfig()).connectors).toEqual([]);
  });

  it('oauth2: needs host access to sign in (nothing is sent without it)', async () => {
    const fetch = tokenEndpoint();
    perms.granted.delete('https://acme.service-now.com/*');
    expect(await refusal(saveConnector({ connector: oauth(), clientSecret: CLIENT_SECRET, password: PASSWORD }))).toMatchObject({
      detail: 'baseUrl',
      message: `PAM Bridge needs access to ${SN} to sign in with OAuth. Press Save connector again and choose Allow.`,
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('oauth2: editing keeps the grant; a new password signs in again with the saved client secret', async () => {
    const fetch = tokenEndpoint();
    await saveConnector({ connector: oauth(), clientSecret: CLIENT_SECRET, password: PASSWORD });
    await saveConnector({ connector: { ...oauth(), id: 'acme', name: 'Renamed' } });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await readCredential('acme', 'oauth2')).toMatchObject({ refreshToken: 'refresh-1' });

    await saveConnector({ connector: { ...oauth(), id: 'acme' }, password: PASSWORD });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(new URLSearchParams(String(fetch.mock.calls[1]![1]!.body)).get('client_secret')).toBe(CLIENT_SECRET);

    // A new client id or URL needs the client secret (and the password) again.
    expect(await refusal(saveConnector({ connector: { ...oauth({ clientId: 'client-2' }), id: 'acme' }, password: PASSWORD }))).toMatchObject({
      detail: 'clientSecret',
      message: 'The client ID changed: enter its client secret.',
    });
    perms.granted.add('https://other.service-now.com/*');
    expect(
      await refusal(saveConnector({ connector: { ...oauth(), id: 'acme', baseUrl: 'https://other.service-now.com' }, password: PASSWORD })),
    ).toMatchObject({ detail: 'clientSecret', message: expect.stringContaining('The portal URL changed') });
    // A new client secret alone is not enough: the grant needs the password.
    expect(await refusal(saveConnector({ connector: { ...oauth(), id: 'acme' }, clientSecret: CLIENT_SECRET }))).toMatchObject({ detail: 'password' });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('switching modes replaces the slot; session deletes it', async () => {
    await saveConnector({ connector: sn({ auth: { type: 'api-key' } }), secret: SN_KEY });
    expect((await refusal(saveConnector({ connector: sn({ id: 'acme', auth: { type: 'basic', username: 'svc' } }) }))).detail).toBe('password');
    await saveConnector({ connector: sn({ id: 'acme', auth: { type: 'basic', username: 'svc' } }), password: PASSWORD });
    expect(await readCredential('acme', 'basic')).toEqual({ password: PASSWORD });
    expect(await readCredential('acme', 'api-key')).toBeNull();
    await saveConnector({ connector: sn({ id: 'acme' }) });
    expect(await getSecret('connector:acme')).toBeNull();
  });

  it('Test connection pings the ServiceNow client and says how it signed in', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json({ result: [] }));
    await saveConnector({ connector: sn({ auth: { type: 'basic', username: 'svc' } }), password: PASSWORD });
    expect(await testConnector({ id: 'acme' })).toEqual({ ok: true, message: 'Connected to ServiceNow · password accepted' });
    expect(snClient.factory).toHaveBeenCalledWith(expect.objectContaining({ kind: 'servicenow' }), expect.any(Function));
    await saveConnector({ connector: sn({ id: 'acme', auth: { type: 'api-key' } }), secret: SN_KEY });
    expect(await testConnector({ id: 'acme' })).toEqual({ ok: true, message: 'Connected to ServiceNow · API key accepted' });
  });

  it.each([
    [{ type: 'basic', username: 'svc' }, { password: PASSWORD }, new ItsmError('bad-credentials', 'x'), 'Password not accepted by ServiceNow.', 'SSO'],
    [{ type: 'api-key' }, { secret: SN_KEY }, new ItsmError('bad-credentials', 'x'), 'API key not accepted by ServiceNow.', 'REST API Key'],
    [{ type: 'oauth2', clientId: 'client-1', username: 'svc.pam' }, { clientSecret: CLIENT_SECRET, password: PASSWORD }, new ItsmError('bad-credentials', 'x'), 'ServiceNow refused the OAuth client.', 'Application Registry'],
    [{ type: 'oauth2', clientId: 'client-1', username: 'svc.pam' }, { clientSecret: CLIENT_SECRET, password: PASSWORD }, new ItsmError('bad-credentials', OAUTH_GRANT_REFUSED), 'ServiceNow refused the saved OAuth grant.', 'sign in again'],
    [{ type: 'basic', username: 'svc' }, { password: PASSWORD }, new ItsmError('signed-out', 'x'), 'You are not signed in to Acme.', 'Sign in in a tab'],
  ] as const)('explains a failed test for %j', async (auth, secrets, error, message, next) => {
    tokenEndpoint();
    await saveConnector({ connector: sn({ auth }), ...secrets });
    snClient.ping.mockRejectedValue(error);
    const result = await testConnector({ id: 'acme' });
    expect(result).toMatchObject({ ok: false, message });
    expect((result as { next: string }).next).toContain(next);
    for (const secret of [PASSWORD, SN_KEY, CLIENT_SECRET]) expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('removing the connector removes its sealed credential', async () => {
    tokenEndpoint();
    await saveConnector({ connector: oauth(), clientSecret: CLIENT_SECRET, password: PASSWORD });
    await removeConnector({ id: 'acme' });
    expect(await getSecret('connector:acme')).toBeNull();
  });
});

describe('a saved secret only goes where it was saved for (import, new PAM360 URL)', () => {
  const PAM_TOKEN = '9A3E7C21-4B6D-4E8F-A1C3-5D7F9B2E4A60';
  const withConnector = (connector: object) => async () => {
    const file = await exportConfig();
    return importConfig({ text: JSON.stringify({ ...file, config: { ...file.config, connectors: [{ ...file.config.connectors[0], ...connector }] } }) });
  };

  it('an import that keeps a connector’s address and account keeps its key', async () => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    await withConnector({ name: 'Renamed by file' })();
    expect(await readCredential('corp-sdp', 'api-key')).toEqual({ apiKey: KEY });
  });

  it('an import that points a connector elsewhere, or drops it, forgets its key', async () => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    await withConnector({ baseUrl: 'https://attacker.example.com' })();
    expect(await readCredential('corp-sdp', 'api-key')).toBeNull();

    await saveConnector({ connector: input({ id: 'corp-sdp', auth: { type: 'api-key' } }), secret: KEY });
    const file = await exportConfig();
    await importConfig({ text: JSON.stringify({ ...file, config: { ...file.config, connectors: [] } }) });
    expect(await readCredential('corp-sdp', 'api-key')).toBeNull();
  });

  it('a new PAM360 server URL without a new token forgets the token; with one, keeps the new one', async () => {
    await savePamSettings({ serverUrl: 'https://pam360.example.com', orgName: '', token: PAM_TOKEN });
    await savePamSettings({ serverUrl: 'https://pam360.example.com', orgName: 'Corp' });
    expect(await getSecret('pam360Token')).toBe(PAM_TOKEN);
    await savePamSettings({ serverUrl: 'https://other.example.com', orgName: 'Corp' });
    expect(await getSecret('pam360Token')).toBeNull();
    await savePamSettings({ serverUrl: 'https://third.example.com', orgName: 'Corp', token: PAM_TOKEN });
    expect(await getSecret('pam360Token')).toBe(PAM_TOKEN);
  });
});
