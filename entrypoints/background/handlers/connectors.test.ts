/**
 * Connector operations with the fake browser for storage; host permissions, registered content
 * scripts and tabs are in-memory fakes (fake-browser has none). The SDP client is replaced by a
 * stub whose ping() each test controls, so every error kind's sentence is checked.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { configItem, readConfig } from '@/utils/config/storage';
import type { ConnectorInput } from '@/utils/messaging/protocol';
import { fakePermissions, fakeScripting } from '../fake-extension-apis.test-helper';
import { ItsmError, type ItsmClient, type ItsmTransport } from '../itsm/types';
import { HandlerError } from '../router';
import { getSecret, setSecret } from '../secrets';
import { exportConfig } from './config-file';
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
    expect(scripting.scripts.get('pam-bridge-corp-sdp')).toMatchObject({ js: ['content-scripts/sdp.js'], matches: ['https://sdp.example.com:8080/*'] });
    // A second connector with the same name gets its own id.
    await saveConnector({ connector: input({ baseUrl: 'https://sdp2.example.com' }) });
    expect((await readConfig()).connectors.map((c) => c.id)).toEqual(['corp-sdp', 'corp-sdp-2']);
  });

  it('stores an API key sealed; it never appears in status, config, export or storage', async () => {
    const status = await saveConnector({ connector: input({ auth: { type: 'api-key', portalId: ' 3 ' } }), secret: ` ${KEY}\n` });
    expect(status.connectors[0]).toMatchObject({ secret: { saved: true, hint: 'ends …AB12' }, connector: { auth: { type: 'api-key', portalId: '3' } } });
    expect(await getSecret('connector:corp-sdp')).toBe(KEY);
    expect(JSON.stringify(status)).not.toContain(KEY);
    expect(JSON.stringify(await configItem.getValue())).not.toContain(KEY);
    expect(JSON.stringify(await exportConfig())).not.toContain(KEY);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(KEY);
  });

  it('keeps the saved key when editing without one; switching to session deletes it', async () => {
    await saveConnector({ connector: input({ auth: { type: 'api-key' } }), secret: KEY });
    await saveConnector({ connector: input({ id: 'corp-sdp', name: 'Renamed', auth: { type: 'api-key' } }) });
    expect(await getSecret('connector:corp-sdp')).toBe(KEY);
    expect((await readConfig()).connectors[0]).toMatchObject({ id: 'corp-sdp', name: 'Renamed' });
    await saveConnector({ connector: input({ id: 'corp-sdp', auth: { type: 'session' } }), secret: OTHER_KEY });
    expect(await getSecret('connector:corp-sdp')).toBeNull();
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
    [input({ kind: 'servicenow' }), undefined, 'kind', 'ServiceNow connectors are not supported yet.'],
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
