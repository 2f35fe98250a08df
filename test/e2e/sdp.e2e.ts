/**
 * Issue: "ServiceDesk Plus: Validate for PAM and Open remote session". The built extension in
 * Chromium; the SDP stand-in (portal pages + v3 API) on 127.0.0.2 and the PAM360 stand-in on
 * 127.0.0.1, so the portal and PAM360 are different hosts as in real life.
 */
/// <reference types="chrome" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPam360StandIn, type Pam360StandIn } from '../stand-ins/pam360/server';
import { startSdpStandIn, type SdpStandIn } from '../stand-ins/sdp/server';
import { launchExtension, openExtensionPage, preGrantHostAccess, readToolbarPopup, screenshot, type ExtensionSession } from './harness';
import { addSdpConnector, OptionsPage } from './pages/options-page';
import { checkLine, signIn, toolbar, validate } from './pages/portal';

const ALICE_PAM_TOKEN = '9A3E7C21-4B6D-4E8F-A1C3-5D7F9B2E4A60';
const ALICE_SDP_KEY = '8F14E45F-CEEA-467A-9575-DB3FC2A8B1D2';

let pam: Pam360StandIn;
let sdp: SdpStandIn;
let session: ExtensionSession;
let portal: Page;

const requestUrl = (id: string, extra = '') => `${sdp.url}/WorkOrder.do?woMode=viewWO&woID=${id}${extra}`;
const changeUrl = (id: string) => `${sdp.url}/ChangeDetails.do?CHANGEID=${id}`;

async function openTicket(url: string): Promise<void> {
  await portal.goto(url);
  await toolbar(portal).getByRole('button', { name: 'Validate for PAM' }).waitFor();
}

// popup.html opened as a tab is the active tab itself, so it describes the tab used before it
// (the portal, brought to the front first, as it is for a technician working in it).
async function thisTab(name: string): Promise<string> {
  const popup = await openExtensionPage(session, 'popup.html');
  const box = popup.getByRole('region', { name: 'This tab' }).getByRole('status');
  await expect.poll(() => box.getAttribute('data-busy')).toBeNull();
  const text = (await box.textContent()) ?? '';
  await screenshot(popup, `popup-this-tab-${name}`);
  await popup.close();
  return text;
}

beforeAll(async () => {
  pam = await startPam360StandIn({ port: 0 });
  sdp = await startSdpStandIn({ port: 0, host: '127.0.0.2' });
  // PAM360 learns SDP's tickets from SDP itself; the stand-in keeps its own registry.
  for (const id of ['1001', '2001', '2006']) pam.setTicket(id, { state: 'open', requester: 'alice', title: `SDP ${id}` });
  session = await launchExtension();
  await preGrantHostAccess(session, 'http://127.0.0.1/*');
  await preGrantHostAccess(session, 'http://127.0.0.2/*');

  const options = await OptionsPage.open(session);
  await options.fill({ serverUrl: pam.url, token: ALICE_PAM_TOKEN });
  expect(await options.save()).toMatch(/^Connected/);
  expect(await addSdpConnector(options, { name: 'Corp SDP', url: sdp.url, writeNote: true })).toContain('Saved. Corp SDP is set up.');
  await screenshot(options.page, 'sdp-options-connector');
  await options.page.close();

  portal = await session.context.newPage();
  await signIn(portal, `${sdp.url}/`, 'alice', 'Alice#2024', 'Log in');
});

afterAll(async () => {
  await session?.close();
  await sdp?.close();
  await pam?.close();
});

describe('ServiceDesk Plus toolbar', () => {
  it('appears on request and change pages of the granted portal only, once', async () => {
    await openTicket(requestUrl('1001'));
    expect(await toolbar(portal).count()).toBe(1);
    await expect.poll(() => toolbar(portal).getByRole('button', { name: 'Open remote session' }).isVisible()).toBe(true);
    await screenshot(portal, 'sdp-request-toolbar');
    await openTicket(changeUrl('2001'));
    await portal.goto(`${sdp.url}/WorkOrder.do`);
    await portal.waitForTimeout(300);
    expect(await toolbar(portal).count()).toBe(0);
  });

  it('valid change: every check passes or is not needed', async () => {
    await openTicket(changeUrl('2001'));
    const text = await validate(portal);
    expect(text).toMatch(/^Valid for PAM/);
    for (const id of ['exists', 'open', 'approved', 'implementation-stage', 'inside-window', 'target-on-ticket']) {
      expect(await checkLine(portal, id).getAttribute('data-status')).toBe('pass');
    }
    expect(await checkLine(portal, 'assigned-to-me').textContent()).toContain('Rule turned off');
    await screenshot(portal, 'sdp-change-valid');
  });

  it.each([
    ['change', '2002', 'approved', 'Approval is pending'],
    ['change', '2003', 'inside-window', 'Window ended'],
    ['change', '2004', 'implementation-stage', 'Stage is Planning'],
    ['request', '1002', 'open', 'Status is Closed'],
    ['request', '1007', 'open', 'Status is Cancelled'],
    ['request', '1008', 'target-on-ticket', 'The ticket names no machine'],
  ])('%s %s is not valid, with the right failed line', async (kind, id, check, reason) => {
    await openTicket(kind === 'change' ? changeUrl(id) : requestUrl(id));
    expect(await validate(portal)).toMatch(/^Not valid for PAM/);
    expect(await checkLine(portal, check).getAttribute('data-status')).toBe('fail');
    expect(await checkLine(portal, check).textContent()).toContain(reason);
  });

  it('a page script calling .click() on our button does nothing', async () => {
    await openTicket(requestUrl('1001'));
    const calls = sdp.state.apiCalls.length;
    await portal.evaluate(() => {
      const root = document.querySelector('pam-bridge-toolbar')!.shadowRoot!;
      for (const button of root.querySelectorAll('button')) button.click();
    });
    await portal.waitForTimeout(500);
    expect(await toolbar(portal).getByTestId('pam-verdict').count()).toBe(0);
    expect(await toolbar(portal).getByTestId('pam-session').count()).toBe(0);
    expect(sdp.state.apiCalls.length).toBe(calls);
  });

  it('SPA swap and tab switch: still one toolbar, for the ticket in view', async () => {
    await openTicket(requestUrl('1001', '&spa=1'));
    await portal.locator('a[data-spa="true"][href*="woID=1003"]').first().click();
    await expect.poll(() => portal.url()).toContain('woID=1003');
    await expect.poll(() => toolbar(portal).locator('[data-ticket]').getAttribute('data-ticket')).toBe('request:1003');
    expect(await toolbar(portal).count()).toBe(1);
    await portal.evaluate(() => (location.hash = '#tasks'));
    await portal.waitForTimeout(300);
    expect(await toolbar(portal).count()).toBe(1);
    expect(await toolbar(portal).locator('[data-ticket]').getAttribute('data-ticket')).toBe('request:1003');
  });

  it('waits for a late-loading header', async () => {
    await portal.goto(requestUrl('1001', '&lateMs=600'));
    await toolbar(portal).getByRole('button', { name: 'Validate for PAM' }).waitFor();
    expect(await portal.locator('#WOHeader').count()).toBe(1);
  });
});

describe('popup: This tab', () => {
  it('the toolbar popup names the ticket in the active tab and its last verdict', async () => {
    const reader = await openExtensionPage(session, 'options.html'); // reads the popup from a background tab
    await portal.bringToFront();
    await openTicket(requestUrl('1001'));
    expect(await validate(portal)).toMatch(/^Valid for PAM/);
    const text = await readToolbarPopup(session, reader, '[data-testid="popup-tab"]');
    expect(text).toContain('This tab');
    expect(text).toContain('Corp SDP (ServiceDesk Plus) · request 1001');
    expect(text).toContain('Valid for PAM · checked just now');
    await reader.close();
  });

  it('popup.html open as a tab describes the tab used before it; another ticket is not checked yet', async () => {
    await portal.bringToFront();
    expect(await thisTab('valid')).toContain('request 1001Valid for PAM · checked just now');
    await portal.bringToFront();
    await openTicket(requestUrl('1003'));
    expect(await thisTab('not-checked')).toContain('request 1003Not checked yet — press Validate for PAM on the page.');
  });
});

describe('Open remote session', () => {
  it('not signed in to PAM360: the console opens with the message', async () => {
    await openTicket(changeUrl('2001'));
    await toolbar(portal).getByRole('button', { name: 'Open remote session' }).click();
    const panel = toolbar(portal).getByTestId('pam-session');
    await panel.getByRole('button', { name: 'Open session' }).waitFor();
    const consoleTab = session.context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Open session' }).click();
    const opened = await consoleTab;
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`${pam.url}/`);
    await expect.poll(() => panel.locator('.pb-result').textContent()).toContain('You are not signed in to the PAM360 web console');
    await opened.close();
  });

  it('valid change: the session opens on PAM360’s launch page with resource, account, protocol and ticket', async () => {
    const consolePage = await session.context.newPage();
    await signIn(consolePage, `${pam.url}/`, 'alice', 'Alice#2024', 'Sign in');
    // The console tab stays open, as it would for a technician (closing it right after the
    // sign-in redirect sometimes stalls headless Chromium for a minute).

    await openTicket(changeUrl('2001'));
    await toolbar(portal).getByRole('button', { name: 'Open remote session' }).click();
    const panel = toolbar(portal).getByTestId('pam-session');
    await panel.getByRole('radio', { name: /srv-web-01/ }).check();
    await panel.getByLabel('Account').selectOption({ label: 'svc_deploy' });
    await panel.getByLabel('Protocol').selectOption({ label: 'Windows Remote Desktop' });
    await screenshot(portal, 'sdp-session-panel');
    const launchTab = session.context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Open session' }).click();
    const launched = await launchTab;
    await launched.waitForURL(/rdp\.ma/);
    expect(await launched.textContent('body')).toContain('srv-web-01');
    await screenshot(launched, 'sdp-launched');
    const record = pam.state.launches.at(-1)!;
    expect(record).toMatchObject({ protocol: 'RDP', resourceId: '301', accountId: '3012', user: 'alice', ticketId: '2001' });
    expect(record.reason).toContain('CH-1');
    await expect.poll(() => panel.locator('.pb-result').textContent()).toContain('A private note was added to the ticket.');
    const note = sdp.state.notes.at(-1)!;
    expect(note).toMatchObject({ kind: 'change', id: '2001' });
    expect(note.description).toContain('opened a Windows Remote Desktop session through PAM360 to srv-web-01 as svc_deploy');
    await launched.close();
  });

  it('an account under access control: request, wait for approval, then open', async () => {
    await openTicket(changeUrl('2001'));
    await toolbar(portal).getByRole('button', { name: 'Open remote session' }).click();
    const panel = toolbar(portal).getByTestId('pam-session');
    await panel.getByRole('radio', { name: /dc01/ }).check();
    await panel.getByLabel('Account').selectOption({ label: 'CORP\\da-admin (needs approval)' });
    await panel.getByRole('button', { name: 'Request access' }).click();
    await expect.poll(() => panel.locator('.pb-result').textContent()).toContain('requested in PAM360');
    await panel.getByRole('button', { name: 'Waiting for approval' }).waitFor();
    await screenshot(portal, 'sdp-waiting-for-approval');
    expect(pam.approve('3021')).toBe(1);
    await panel.getByRole('button', { name: 'Check again' }).click();
    await panel.getByRole('radio', { name: /dc01/ }).check();
    const launchTab = session.context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Open session' }).click();
    const launched = await launchTab;
    await launched.waitForURL(/rdp\.ma/);
    expect(pam.state.launches.at(-1)).toMatchObject({ resourceId: '302', accountId: '3021', user: 'alice' });
    await launched.close();
  });

  it('a machine PAM360 does not know: the panel says so', async () => {
    await openTicket(requestUrl('1005'));
    await toolbar(portal).getByRole('button', { name: 'Open remote session' }).click();
    const panel = toolbar(portal).getByTestId('pam-session');
    await expect.poll(() => panel.textContent()).toContain('No PAM360 resource matches kiosk-17, or it is not shared with you.');
  });

  it('a ticket that is not valid cannot open a session', async () => {
    await openTicket(requestUrl('1002'));
    await toolbar(portal).getByRole('button', { name: 'Open remote session' }).click();
    const panel = toolbar(portal).getByTestId('pam-session');
    await expect.poll(() => panel.textContent()).toContain('PAM360 would refuse this ticket');
    expect(await panel.getByRole('button', { name: 'Open session' }).count()).toBe(0);
  });
});

describe('connector settings', () => {
  it('host access revoked: buttons go; Grant access brings them back', async () => {
    await session.worker.evaluate(() => chrome.permissions.remove({ origins: ['http://127.0.0.2/*'] }));
    await expect
      .poll(() => session.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length))
      .toBe(0);
    await portal.bringToFront();
    await portal.goto(requestUrl('1001'));
    await portal.waitForTimeout(400);
    expect(await toolbar(portal).count()).toBe(0);
    // The browser now hides the tab's address from us; the popup says so and points to Grant access.
    expect(await thisTab('no-access')).toBe(
      'PAM Bridge can’t read this page.If it is a page of Corp SDP, open settings and press Grant access for that connector.',
    );

    // The user allows the site when the browser asks (pre-granted: headless has no prompt).
    await preGrantHostAccess(session, 'http://127.0.0.2/*');
    const options = await OptionsPage.open(session);
    const group = options.page.getByRole('group', { name: 'Corp SDP' });
    await group.getByRole('button', { name: 'Grant access' }).click();
    await expect.poll(() => group.getByRole('button', { name: 'Grant access' }).count()).toBe(0);
    await options.page.close();
    await openTicket(requestUrl('1001'));
    expect(await toolbar(portal).count()).toBe(1);
  });

  it('"Assigned to me" turned on: someone else’s ticket fails that line', async () => {
    const options = await OptionsPage.open(session);
    const group = options.page.getByRole('group', { name: 'Corp SDP' });
    await group.getByRole('button', { name: 'Edit' }).click();
    await options.page.getByLabel('Assigned to me', { exact: true }).selectOption({ label: 'Required' });
    await options.page.getByRole('button', { name: 'Save connector' }).click();
    await options.page.getByRole('button', { name: 'Save connector' }).waitFor({ state: 'detached' });
    await options.page.close();
    await openTicket(requestUrl('1003'));
    expect(await validate(portal)).toMatch(/^Not valid for PAM/);
    expect(await checkLine(portal, 'assigned-to-me').textContent()).toContain('Assigned to Bob Keller, not you');
    await openTicket(requestUrl('1001'));
    expect(await checkLine(portal, 'assigned-to-me').count()).toBe(0); // panel closed after navigation
    expect(await validate(portal)).toMatch(/^Valid for PAM/);
  });

  it('API key mode reads tickets with the stored key', async () => {
    const options = await OptionsPage.open(session);
    await options.page.getByRole('group', { name: 'Corp SDP' }).getByRole('button', { name: 'Edit' }).click();
    await options.page.getByLabel('Authentication').selectOption({ label: 'API key' });
    await options.page.getByLabel('API key', { exact: true }).fill(ALICE_SDP_KEY);
    await options.page.getByRole('button', { name: 'Save connector' }).click();
    await options.page.getByRole('button', { name: 'Save connector' }).waitFor({ state: 'detached' });
    const group = options.page.getByRole('group', { name: 'Corp SDP' });
    await group.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => options.page.getByTestId('connector-result-corp-sdp').textContent()).toContain('Connected to ServiceDesk Plus');
    await screenshot(options.page, 'sdp-options-api-key');
    expect(await options.page.content()).not.toContain(ALICE_SDP_KEY);
    await options.page.close();
    await openTicket(requestUrl('1006'));
    expect(await validate(portal)).toMatch(/^Not valid for PAM/);
    expect(sdp.state.apiCalls.at(-1)).toMatchObject({ auth: 'api-key' });
  });
});
