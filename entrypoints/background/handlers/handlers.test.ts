/**
 * The PAM360 operations against the real stand-in server (Node's fetch on loopback) with the
 * fake browser for storage. Host access is the one browser API faked here (fake-browser has none).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startPam360StandIn, type Pam360StandIn } from '@/test/stand-ins/pam360/server';
import { configItem } from '@/utils/config/storage';
import { HandlerError } from '../router';
import { getSecret } from '../secrets';
import { clearPamToken } from './clear-pam-token';
import { exportConfig, importConfig } from './config-file';
import { getStatus } from './get-status';
import { savePamSettings } from './save-pam-settings';
import { testPamConnection } from './test-pam-connection';

const ALICE = '9A3E7C21-4B6D-4E8F-A1C3-5D7F9B2E4A60';
const CAROL = 'E6A1D3B8-2F4C-4B9D-8E7A-3C5F1D9B6A27';
let pam: Pam360StandIn;
let granted: boolean;

beforeAll(async () => {
  pam = await startPam360StandIn({ port: 0 });
});
afterAll(() => pam.close());
beforeEach(() => {
  granted = true;
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => granted);
  pam.resetFaults();
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(HandlerError);
  return (error as HandlerError).error;
}

describe('savePamSettings', () => {
  it('stores the origin and the token sealed; status shows only a hint', async () => {
    const status = await savePamSettings({ serverUrl: `${pam.url}/`, orgName: '', token: ` ${ALICE} ` });
    expect(status.pam360).toMatchObject({ serverUrl: pam.url, token: { saved: true, hint: 'ends …4A60' }, hostAccess: true });
    expect(JSON.stringify(status)).not.toContain(ALICE);
    expect(await getSecret('pam360Token')).toBe(ALICE);
  });

  it('keeps the saved token when none is given', async () => {
    await savePamSettings({ serverUrl: pam.url, orgName: '', token: ALICE });
    await savePamSettings({ serverUrl: pam.url, orgName: 'Corp IT' });
    expect(await getSecret('pam360Token')).toBe(ALICE);
    expect((await getStatus()).pam360.orgName).toBe('Corp IT');
  });

  it('refuses a bad URL or token and changes nothing', async () => {
    await savePamSettings({ serverUrl: pam.url, orgName: '', token: ALICE });
    const before = await configItem.getValue();
    expect(await refusal(savePamSettings({ serverUrl: 'javascript:alert(1)', orgName: '' }))).toMatchObject({ detail: 'serverUrl' });
    expect(await refusal(savePamSettings({ serverUrl: 'https://ok.example.com', orgName: '', token: 'a b' }))).toMatchObject({
      detail: 'token',
      message: 'The token contains spaces or line breaks; paste it again as one piece.',
    });
    expect(await configItem.getValue()).toEqual(before);
    expect(await getSecret('pam360Token')).toBe(ALICE);
  });

  it('does not overwrite fields locked by policy', async () => {
    await fakeBrowser.storage.managed.set({ pam360ServerUrl: 'https://pam360.corp.example:8282' });
    const status = await savePamSettings({ serverUrl: pam.url, orgName: 'Mine' });
    expect(status.pam360).toMatchObject({ serverUrl: 'https://pam360.corp.example:8282', orgName: 'Mine', locked: { serverUrl: true, orgName: false } });
  });
});

describe('testPamConnection', () => {
  it('names what is missing before calling PAM360', async () => {
    expect(await testPamConnection()).toMatchObject({ state: 'not-configured' });
    await savePamSettings({ serverUrl: pam.url, orgName: '' });
    granted = false;
    expect(await testPamConnection()).toMatchObject({ state: 'no-host-access' });
    granted = true;
    expect(await testPamConnection()).toMatchObject({ state: 'no-token' });
  });

  it('connects with a good token and remembers the result', async () => {
    await savePamSettings({ serverUrl: pam.url, orgName: '', token: ALICE });
    const state = await testPamConnection();
    expect(state).toMatchObject({ state: 'connected', serverUrl: pam.url, resourceCount: 6 });
    expect((await getStatus()).connection).toEqual(state);
  });

  it('switches tenant with orgName (MSP)', async () => {
    await savePamSettings({ serverUrl: pam.url, orgName: 'acme industries', token: CAROL });
    expect(await testPamConnection()).toMatchObject({ state: 'connected', orgName: 'acme industries', resourceCount: 2 });
  });

  it('reports bad token, server down and malformed answers with their messages', async () => {
    await savePamSettings({ serverUrl: pam.url, orgName: '', token: '11111111-2222-3333-4444-555555555555' });
    expect(await testPamConnection()).toMatchObject({ state: 'bad-token', message: 'Token not accepted by PAM360.' });
    await savePamSettings({ serverUrl: pam.url, orgName: '', token: ALICE });
    pam.setFaults({ malformed: true });
    expect(await testPamConnection()).toMatchObject({ state: 'unexpected', message: 'Unexpected answer: PAM360 answered something unexpected.' });
  });

  it('forgets the last result when settings change or the token is cleared', async () => {
    await savePamSettings({ serverUrl: pam.url, orgName: '', token: ALICE });
    await testPamConnection();
    const status = await clearPamToken();
    expect(status.connection).toBeNull();
    expect(status.pam360.token).toEqual({ saved: false });
  });
});

describe('export and import', () => {
  it('round-trips the config without any secret', async () => {
    await savePamSettings({ serverUrl: pam.url, orgName: 'Corp IT', token: ALICE });
    const file = await exportConfig();
    expect(file).toMatchObject({ format: 'pam-bridge-config', version: 1, config: { pam360: { serverUrl: pam.url, orgName: 'Corp IT' } } });
    expect(JSON.stringify(file)).not.toContain(ALICE);
    await savePamSettings({ serverUrl: 'https://other.example.com', orgName: '' });
    const status = await importConfig({ text: JSON.stringify(file) });
    expect(status.pam360).toMatchObject({ serverUrl: pam.url, orgName: 'Corp IT' });
  });

  it.each([
    ['not json', 'This file is not JSON.'],
    ['{"hello":1}', 'This is not a PAM Bridge settings file.'],
    ['{"format":"pam-bridge-config","version":99,"config":{}}', 'This comes from a newer PAM Bridge (format 99'],
    [
      '{"format":"pam-bridge-config","version":1,"config":{"pam360":{"serverUrl":"http://pam.example.com"}}}',
      'Not imported: config.pam360.serverUrl — Use https://',
    ],
    [
      '{"format":"pam-bridge-config","version":1,"config":{"connectors":[{"id":"sdp","kind":"glpi","name":"x","baseUrl":"https://x.example","auth":{"type":"session"}}]}}',
      'Not imported: config.connectors.0.kind',
    ],
    ['{"format":"pam-bridge-config","version":1,"config":{},"token":"x"}', 'Not imported: (file)'],
  ])('refuses %s and changes nothing', async (text, message) => {
    await savePamSettings({ serverUrl: pam.url, orgName: 'Corp IT' });
    const before = await configItem.getValue();
    expect((await refusal(importConfig({ text }))).message).toContain(message);
    expect(await configItem.getValue()).toEqual(before);
  });
});
