import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connector } from '@/utils/config/schema';
import { fakePermissions } from '../fake-extension-apis.test-helper';
import { setSecret } from '../secrets';
import { writeCredential } from './credentials';
import { itsmClientFor, ItsmSetupError } from '.';
import type { ItsmTransport } from './types';

const made = vi.hoisted(() => ({ transports: [] as unknown[], kinds: [] as string[] }));
vi.mock('./sdp', () => ({
  createSdpClient: (_connector: unknown, transport: ItsmTransport) => {
    made.transports.push(transport);
    made.kinds.push('sdp');
    return { ping: async () => ({ message: 'ok' }), getTicket: vi.fn(), addNote: vi.fn() };
  },
}));
vi.mock('./servicenow', () => ({
  createServiceNowClient: (_connector: unknown, transport: ItsmTransport) => {
    made.transports.push(transport);
    made.kinds.push('servicenow');
    return { ping: async () => ({ message: 'ok' }), getTicket: vi.fn(), addNote: vi.fn() };
  },
}));

const KEY = '0A1B2C3D-4E5F-6789-ABCD-EF012345AB12';
const connector = (auth: Connector['auth'], kind: Connector['kind'] = 'sdp'): Connector => ({
  id: 'corp',
  kind,
  name: 'Corp SDP',
  baseUrl: 'https://sdp.example.com',
  auth,
  writeNote: false,
});

async function setupError(promise: Promise<unknown>): Promise<ItsmSetupError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ItsmSetupError);
  return error as ItsmSetupError;
}

beforeEach(() => {
  made.transports = [];
  made.kinds = [];
  fakePermissions(['https://sdp.example.com/*', 'https://acme.service-now.com/*']);
});

const sn = (auth: Connector['auth']): Connector => ({ ...connector(auth, 'servicenow'), name: 'Acme', baseUrl: 'https://acme.service-now.com' });

describe('itsmClientFor', () => {
  it('session mode runs in the asking content script’s tab and frame (no tab search)', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query');
    const executeScript = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockResolvedValue([{ frameId: 3, documentId: 'd', result: { ok: true, status: 200, contentType: '', text: '{}' } }] as never);
    await itsmClientFor(connector({ type: 'session' }), { tabId: 12, frameId: 3 });
    await (made.transports[0] as ItsmTransport)({ method: 'GET', path: '/api/v3/requests/1' });
    expect(query).not.toHaveBeenCalled();
    expect(executeScript.mock.calls[0]![0]).toMatchObject({ target: { tabId: 12, frameIds: [3] }, world: 'ISOLATED' });
  });

  it('API-key mode needs the sealed key (an old plain-string key still works)', async () => {
    expect((await setupError(itsmClientFor(connector({ type: 'api-key' })))).message).toBe('No API key saved for Corp SDP.');
    await setSecret('connector:corp', KEY);
    await expect(itsmClientFor(connector({ type: 'api-key' }))).resolves.toBeTruthy();
  });

  it('ServiceNow: each mode takes its own saved credential to the right header', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('{"result":[]}', { status: 200 }));
    const headersOf = async () => {
      await (made.transports.at(-1) as ItsmTransport)({ method: 'GET', path: '/api/now/table/sys_user' });
      return fetch.mock.calls.at(-1)![1]!.headers as Headers;
    };
    await writeCredential('corp', 'api-key', { apiKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' });
    await itsmClientFor(sn({ type: 'api-key' }));
    expect(made.kinds).toEqual(['servicenow']);
    expect((await headersOf()).get('x-sn-apikey')).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f90');

    expect((await setupError(itsmClientFor(sn({ type: 'basic', username: 'svc' })))).message).toBe('No password saved for Acme.');
    await writeCredential('corp', 'basic', { password: 'pw' });
    await itsmClientFor(sn({ type: 'basic', username: 'svc' }));
    expect((await headersOf()).get('Authorization')).toBe(`Basic ${btoa('svc:pw')}`);

    expect((await setupError(itsmClientFor(sn({ type: 'oauth2', clientId: 'c', username: 'svc' })))).message).toBe('No OAuth sign-in saved for Acme.');
    await writeCredential('corp', 'oauth2', { clientSecret: 'cs', refreshToken: 'rt', accessToken: 'at-1', accessExpiresAt: Date.now() + 3_600_000 });
    await itsmClientFor(sn({ type: 'oauth2', clientId: 'c', username: 'svc' }));
    expect((await headersOf()).get('Authorization')).toBe('Bearer at-1');
    expect(fetch.mock.calls.every(([, init]) => init!.credentials === 'omit')).toBe(true);
  });

  it('refuses without host access, unsupported kinds and unsupported auth types', async () => {
    expect((await setupError(itsmClientFor(connector({ type: 'session' }, 'topdesk')))).message).toBe('TOPdesk connectors are not supported yet.');
    expect((await setupError(itsmClientFor(connector({ type: 'oauth2' })))).message).toContain('not supported');
    expect((await setupError(itsmClientFor(sn({ type: 'bearer' })))).message).toContain('not supported');
    fakePermissions([]);
    expect((await setupError(itsmClientFor(connector({ type: 'session' }), { tabId: 1, frameId: 0 }))).message).toBe(
      'PAM Bridge has no access to https://sdp.example.com yet.',
    );
  });
});
