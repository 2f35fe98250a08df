/// <reference types="chrome" />
/**
 * Issue: "the extension talks to PAM360 end to end". The built extension in Chromium, the
 * PAM360 stand-in on loopback, and the options page and popup driven by their visible names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPam360StandIn, type Pam360StandIn } from '../stand-ins/pam360/server';
import {
  dumpExtensionStorage,
  launchExtension,
  openExtensionPage,
  preGrantHostAccess,
  screenshot,
  type ExtensionSession,
} from './harness';
import { OptionsPage } from './pages/options-page';

const ALICE = '9A3E7C21-4B6D-4E8F-A1C3-5D7F9B2E4A60'; // seeded, sees the corpit resources
const SVC_HOST_LOCKED = '7E2B9D4F-6A1C-4D8E-B3F5-9C7A1E5B2D08'; // registered for 10.20.30.40 only
const CAROL = 'E6A1D3B8-2F4C-4B9D-8E7A-3C5F1D9B6A27'; // Acme Industries tenant
const UNKNOWN = '11111111-2222-3333-4444-555555555555';

let pam: Pam360StandIn;
let session: ExtensionSession;
const urlsSeen: string[] = [];

beforeAll(async () => {
  pam = await startPam360StandIn({ port: 0 });
  session = await launchExtension();
  session.context.on('request', (request) => urlsSeen.push(request.url()));
  await preGrantHostAccess(session, 'http://127.0.0.1/*');
});

afterAll(async () => {
  await session?.close();
  await pam?.close();
});

async function popupText(name: string): Promise<string> {
  const popup = await openExtensionPage(session, 'popup.html');
  const status = popup.getByTestId('popup-status');
  await popup.waitForFunction(() => document.querySelector('[data-testid="popup-status"]')?.getAttribute('data-busy') !== 'true');
  await screenshot(popup, `popup-${name}`);
  const text = (await status.textContent()) ?? '';
  await popup.close();
  return text;
}

describe('PAM360 connection from the options page', () => {
  it('starts unconfigured, and the popup says what to do', async () => {
    expect(await popupText('unconfigured')).toContain('PAM360 is not set up.Open settings and enter the PAM360 server URL.');
  });

  it('refuses a javascript: URL and a plain-http remote URL without saving anything', async () => {
    const options = await OptionsPage.open(session);
    await options.fill({ serverUrl: 'javascript:alert(1)', token: ALICE });
    await options.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => options.page.getByRole('alert').textContent()).toContain('Only https:// URLs are allowed');
    await options.fill({ serverUrl: 'http://pam360.example.com:8282' });
    await options.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => options.page.getByRole('alert').textContent()).toContain('Use https://');
    expect(await dumpExtensionStorage(session)).not.toContain('secret:pam360Token');
    await options.page.close();
  });

  it('good token → Connected, and the token is only ever hinted', async () => {
    const options = await OptionsPage.open(session);
    await options.fill({ serverUrl: pam.url, token: ALICE });
    const result = await options.save();
    expect(result).toMatch(/^Connected to PAM360 at http:\/\/127\.0\.0\.1:\d+ · token accepted · 6 resources visible/);
    expect(await options.page.getByTestId('token-hint').textContent()).toContain('Token saved (ends …4A60)');
    expect(await options.token().inputValue()).toBe('');
    await screenshot(options.page, 'options-connected');

    // After a reload the page knows only the hint.
    await options.page.reload();
    await options.serverUrl().waitFor();
    expect(await options.serverUrl().inputValue()).toBe(pam.url);
    expect(await options.token().inputValue()).toBe('');
    expect(await options.page.content()).not.toContain(ALICE);
    expect(await options.testConnection()).toMatch(/^Connected/);
    await options.page.close();
    expect(await popupText('connected')).toMatch(/^Connected to PAM360 at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('unknown token → the token message', async () => {
    const options = await OptionsPage.open(session);
    await options.fill({ token: UNKNOWN });
    const result = await options.save();
    expect(result).toContain('Token not accepted by PAM360.');
    expect(result).toContain('Generate a new auth token');
    await screenshot(options.page, 'options-bad-token');
    await options.page.close();
    expect(await popupText('bad-token')).toContain('Token not accepted by PAM360.');
  });

  it('token registered for another host → the host message', async () => {
    const options = await OptionsPage.open(session);
    await options.fill({ token: SVC_HOST_LOCKED });
    expect(await options.save()).toContain('Host not allowed: PAM360 does not accept this token from this computer.');
    await options.page.close();
    expect(await popupText('host-not-allowed')).toContain('Host not allowed');
  });

  it('malformed answer → unexpected answer, with details', async () => {
    const options = await OptionsPage.open(session);
    await options.fill({ token: ALICE });
    await options.save();
    pam.setFaults({ malformed: true });
    try {
      const result = await options.testConnection();
      expect(result).toContain('Unexpected answer: PAM360 answered something unexpected.');
      expect(result).toContain('Details');
      await screenshot(options.page, 'options-unexpected');
      expect(await popupText('unexpected')).toContain('Unexpected answer');
    } finally {
      pam.resetFaults();
    }
    await options.page.close();
  });

  it('server down → cannot reach the server', async () => {
    const down = await startPam360StandIn({ port: 0 });
    const downUrl = down.url;
    await down.close();
    const options = await OptionsPage.open(session);
    await options.fill({ serverUrl: downUrl, token: ALICE });
    const result = await options.save();
    expect(result).toContain(`Cannot reach the server at ${downUrl}.`);
    await screenshot(options.page, 'options-unreachable');
    await options.page.close();
    expect(await popupText('unreachable')).toContain('Cannot reach the server');
  });

  it('MSP: the organization picks the tenant', async () => {
    const options = await OptionsPage.open(session);
    await options.fill({ serverUrl: pam.url, orgName: 'Acme Industries', token: CAROL });
    expect(await options.save()).toMatch(/^Connected to PAM360 at http:\/\/127\.0\.0\.1:\d+ \(organization Acme Industries\) · token accepted · 2 resources visible/);
    await options.fill({ orgName: '' });
    await options.save();
    await options.page.close();
  });

  it('no token / no host access: the popup names the missing step', async () => {
    const options = await OptionsPage.open(session);
    await options.page.getByRole('button', { name: 'Forget token' }).click();
    await expect.poll(() => options.page.getByTestId('token-hint').textContent()).toContain('No token saved.');
    await options.page.close();
    expect(await popupText('no-token')).toContain('No PAM360 auth token saved.Open settings and paste your PAM360 auth token.');

    // Revoke host access as a user would in the browser's site-access settings.
    await session.worker.evaluate(() => chrome.permissions.remove({ origins: ['http://127.0.0.1/*'] }));
    expect(await popupText('no-host-access')).toMatch(/PAM Bridge has no access to http:\/\/127\.0\.0\.1:\d+ yet\.Open settings and press Save/);
  });

  it('never exposes the token: not in clear storage, not in any URL', async () => {
    const storage = await dumpExtensionStorage(session);
    for (const token of [ALICE, SVC_HOST_LOCKED, UNKNOWN, CAROL]) {
      expect(storage).not.toContain(token);
      expect(urlsSeen.join('\n')).not.toContain(token);
      expect(pam.state.requests.map((r) => r.path).join('\n')).not.toContain(token);
    }
    expect(pam.state.requests.length).toBeGreaterThan(0);
  });
});
