/// <reference types="chrome" />
/**
 * Issue: "ServiceNow: both buttons in the classic UI, Next Experience and workspaces". The built
 * extension in Chromium against the ServiceNow stand-in (127.0.0.3) and PAM360 (127.0.0.1).
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPam360StandIn, type Pam360StandIn } from '../stand-ins/pam360/server';
import { startServiceNowStandIn, type ServiceNowStandIn } from '../stand-ins/servicenow/server';
import { launchExtension, preGrantHostAccess, screenshot, type ExtensionSession } from './harness';
import { addServiceNowConnector, OptionsPage } from './pages/options-page';
import { signIn } from './pages/portal';

const ALICE_PAM_TOKEN = '9A3E7C21-4B6D-4E8F-A1C3-5D7F9B2E4A60';
const SYS = {
  INC1: '0d16139b97e2e2a49391f06fc11f2583', // open, alice, srv-web-01
  INC2: 'd849d49ce8ffeebf5f4d0beb6f1c37e5', // closed
  INC5: '1793bafcf69d73a6093bb56d9fcff8c3', // CI kiosk-17
  CHG1: 'a7d0638b8d6c7af4c0a5cedfe9746f3f', // implement, approved, window now, + dc01
  CHG2: '27ad2083c9bd10f2a15fb242927041a6', // scheduled, approved
  CHG4: '948fd02a2f14c3d17dd29b809ce7dc23', // approval pending
  CHG5: '9fb1fc0bd09a1bdfa42f71fed213aaf2', // window past
  RITM1: '43edad87baba099398ef1ae8824affe4', // db-linux-02
  TASK1: '464a3a08848f9dd7c79eaaa98c6c3770', // no CI
};

let pam: Pam360StandIn;
let sn: ServiceNowStandIn;
let session: ExtensionSession;
let page: Page;

/** The toolbar wherever it is: top document (workspace, direct classic) or the gsft_main frame. */
function toolbarIn(scope: Page | FrameLocator): Locator {
  return scope.locator('pam-bridge-toolbar');
}

async function validateIn(scope: Page | FrameLocator): Promise<string> {
  const bar = toolbarIn(scope);
  await bar.getByRole('button', { name: 'Validate for PAM' }).click();
  const status = bar.getByTestId('pam-verdict').getByRole('status');
  await status.locator('.pb-headline').waitFor();
  return (await status.textContent()) ?? '';
}

const line = (scope: Page | FrameLocator, id: string) => toolbarIn(scope).locator(`li[data-check="${id}"]`);

beforeAll(async () => {
  pam = await startPam360StandIn({ port: 0 });
  sn = await startServiceNowStandIn({ port: 0, host: '127.0.0.3' });
  for (const number of ['INC0010001', 'CHG0030001', 'CHG0030002', 'RITM0010001']) {
    pam.setTicket(number, { state: 'open', requester: 'alice' });
  }
  session = await launchExtension();
  await preGrantHostAccess(session, 'http://127.0.0.1/*');
  await preGrantHostAccess(session, 'http://127.0.0.3/*');
  const options = await OptionsPage.open(session);
  await options.fill({ serverUrl: pam.url, token: ALICE_PAM_TOKEN });
  expect(await options.save()).toMatch(/^Connected/);
  expect(await addServiceNowConnector(options, { name: 'Corp ServiceNow', url: sn.url, writeNote: true })).toContain('Saved.');
  await options.page.close();

  const consolePage = await session.context.newPage();
  await signIn(consolePage, `${pam.url}/`, 'alice', 'Alice#2024', 'Sign in');
  page = await session.context.newPage();
  await page.goto(`${sn.url}/login.do`);
  await page.getByLabel('User name').fill('alice');
  await page.getByLabel('Password').fill('Alice#2024');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Log in' }).click()]);
});

afterAll(async () => {
  await session?.close();
  await sn?.close();
  await pam?.close();
});

describe('classic UI', () => {
  it('direct form: toolbar in the form header, verdict for the record', async () => {
    await page.goto(`${sn.url}/incident.do?sys_id=${SYS.INC1}`);
    const bar = toolbarIn(page);
    await bar.getByRole('button', { name: 'Validate for PAM' }).waitFor();
    expect(await bar.count()).toBe(1);
    expect(await page.locator('.navbar-right pam-bridge-toolbar').count()).toBe(1);
    expect(await validateIn(page)).toMatch(/^Valid for PAM/);
    await screenshot(page, 'sn-classic-valid');
  });

  it('nav_to.do: the toolbar is inside iframe#gsft_main, never in the wrapper', async () => {
    await page.goto(`${sn.url}/nav_to.do?uri=${encodeURIComponent(`change_request.do?sys_id=${SYS.CHG1}`)}`);
    const frame = page.frameLocator('iframe#gsft_main');
    await toolbarIn(frame).getByRole('button', { name: 'Validate for PAM' }).waitFor();
    expect(await toolbarIn(frame).count()).toBe(1);
    expect(await page.locator('pam-bridge-toolbar').count()).toBe(0); // none in the wrapper page itself
    expect(await validateIn(frame)).toMatch(/^Valid for PAM/);
  });

  it.each([
    ['incident', 'INC2', 'open', 'Status is Closed'],
    ['change_request', 'CHG4', 'approved', 'pending'],
    ['change_request', 'CHG5', 'inside-window', 'Window ended'],
    ['sc_task', 'TASK1', 'target-on-ticket', 'The ticket names no machine'],
  ])('%s %s is not valid: %s fails', async (table, key, check, reason) => {
    await page.goto(`${sn.url}/${table}.do?sys_id=${SYS[key as keyof typeof SYS]}`);
    expect(await validateIn(page)).toMatch(/^Not valid for PAM/);
    expect(await line(page, check).getAttribute('data-status')).toBe('fail');
    expect(await line(page, check).textContent()).toContain(reason);
  });

  it('an unknown CI: no PAM360 resource', async () => {
    await page.goto(`${sn.url}/incident.do?sys_id=${SYS.INC5}`);
    await toolbarIn(page).getByRole('button', { name: 'Open remote session' }).click();
    await expect.poll(() => toolbarIn(page).getByTestId('pam-session').textContent()).toContain('No PAM360 resource matches kiosk-17');
  });
});

describe('Next Experience wrapping the classic form', () => {
  it('reaches the form frame through the macroponent shadow root; session opens with the number as reason; work note', async () => {
    const target = encodeURIComponent(`change_request.do?sys_id=${SYS.CHG2}`);
    await page.goto(`${sn.url}/now/nav/ui/classic/params/target/${target}`);
    const frame = page.frameLocator('iframe#gsft_main');
    await toolbarIn(frame).getByRole('button', { name: 'Validate for PAM' }).waitFor();
    expect(await validateIn(frame)).toMatch(/^Valid for PAM/);
    await screenshot(page, 'sn-polaris-valid');
    await toolbarIn(frame).getByRole('button', { name: 'Open remote session' }).click();
    const panel = toolbarIn(frame).getByTestId('pam-session');
    await panel.getByLabel('Account').selectOption({ label: 'svc_deploy' });
    const launchTab = session.context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Open session' }).click();
    const launched = await launchTab;
    await launched.waitForURL(/rdp\.ma/);
    expect(pam.state.launches.at(-1)).toMatchObject({ resourceId: '301', accountId: '3012', ticketId: 'CHG0030002' });
    expect(pam.state.launches.at(-1)?.reason).toContain('CHG0030002');
    await expect.poll(() => sn.state.workNotes.length).toBeGreaterThan(0);
    expect(sn.state.workNotes.at(-1)).toMatchObject({ table: 'change_request', sys_id: SYS.CHG2 });
    expect(sn.state.workNotes.at(-1)?.text).toContain('svc_deploy');
    await launched.close();
  });
});

describe('Service Operations Workspace', () => {
  it('anchors in the record’s action bar through nested shadow roots and follows record switches', async () => {
    await page.goto(`${sn.url}/now/sow/record/incident/${SYS.INC1}`);
    const bar = toolbarIn(page);
    await bar.getByRole('button', { name: 'Validate for PAM' }).waitFor();
    expect(await bar.locator('[data-ticket]').getAttribute('data-ticket')).toBe(`incident:${SYS.INC1}`);
    expect(await validateIn(page)).toMatch(/^Valid for PAM/);
    await screenshot(page, 'sow-valid');

    // Open another record in the workspace (pushState + asynchronous re-render).
    await page.evaluate((sysId) => {
      history.pushState({}, '', `/now/sow/record/change_request/${sysId}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, SYS.CHG1);
    await expect.poll(() => bar.locator('[data-ticket]').getAttribute('data-ticket'), { timeout: 5000 }).toBe(`change:${SYS.CHG1}`);
    expect(await bar.count()).toBe(1);
    expect(await validateIn(page)).toMatch(/^Valid for PAM/);
    await screenshot(page, 'sow-switched');
  });
});
