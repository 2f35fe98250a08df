/**
 * `npm run demo`: builds the extension, starts the stand-ins (PAM360 on 127.0.0.1, ServiceDesk
 * Plus on 127.0.0.2, ServiceNow on 127.0.0.3), opens Chromium with the extension loaded and sets
 * it up through its own options page as an admin would: PAM360 URL + token, then an SDP and a
 * ServiceNow connector. It signs in everywhere as the technician "alice" and opens an SDP request
 * and change, a ServiceNow incident (Next Experience) and a change in the workspace.
 * With a display the browser stays open until Ctrl+C; without one (CI, SSH) it runs headless
 * and saves screenshots to demo-output/.
 */
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startPam360StandIn } from '../test/stand-ins/pam360/server';
import { startSdpStandIn } from '../test/stand-ins/sdp/server';
import { startServiceNowStandIn } from '../test/stand-ins/servicenow/server';
import { launchExtension, openExtensionPage, preGrantHostAccess } from '../test/e2e/harness';
import { addSdpConnector, addServiceNowConnector, OptionsPage } from '../test/e2e/pages/options-page';
import { signIn, toolbar, validate } from '../test/e2e/pages/portal';

const OUT = resolve('demo-output');
const PAM_TOKEN = '9A3E7C21-4B6D-4E8F-A1C3-5D7F9B2E4A60'; // PAM360 stand-in user "alice"
const headed = !!process.env.DISPLAY && process.env.PAM_BRIDGE_DEMO_HEADLESS !== '1';
const shots: string[] = [];

async function shot(page: Page, name: string, fullPage = true) {
  if (headed) return;
  const file = resolve(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  shots.push(`${name}.png`);
}

/** The verdict as one log line: the headline, then the failed checks, if any. */
async function verdictSummary(scope: Page | FrameLocator): Promise<string> {
  const panel = scope.locator('pam-bridge-toolbar').getByTestId('pam-verdict');
  const headline = (await panel.locator('.pb-headline').textContent()) ?? '';
  const failed = (await panel.locator('li[data-status=fail]').allTextContents()).map((line) => line.replace(/^✗failed: /, ''));
  return failed.length ? `${headline} (failed: ${failed.join('; ')})` : headline;
}

/** Status texts are made of separate paragraphs; keep a space between their sentences. */
const sentences = (text: string) => text.replace(/([.!?])(?=[A-Z])/g, '$1 ');

async function main() {
  console.log('demo: building the extension (chrome-mv3)…');
  execSync('npx wxt build', { stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });

  const pam = await startPam360StandIn({ port: Number(process.env.PAM360_PORT ?? 0) });
  const sdp = await startSdpStandIn({ port: Number(process.env.SDP_PORT ?? 0), host: '127.0.0.2' });
  const sn = await startServiceNowStandIn({ port: Number(process.env.SERVICENOW_PORT ?? 0), host: '127.0.0.3' });
  // PAM360 checks tickets against the ITSM; its stand-in keeps its own registry of them.
  for (const id of ['1001', '1004', '2001', '2006', 'INC0010001', 'CHG0030001', 'CHG0030002']) {
    pam.setTicket(id, { state: 'open', requester: 'alice', title: `Ticket ${id}` });
  }
  console.log(`demo: PAM360 at ${pam.url} · ServiceDesk Plus at ${sdp.url} · ServiceNow at ${sn.url} (technician alice / Alice#2024 everywhere)`);

  const session = await launchExtension({ headed });
  console.log(`demo: Chromium started ${headed ? 'with a window' : 'headless'}; extension id ${session.extensionId}`);
  // What "Allow" in the browser's permission prompt does, done up front (no prompt headless).
  await preGrantHostAccess(session, 'http://127.0.0.1/*');
  await preGrantHostAccess(session, 'http://127.0.0.2/*');
  await preGrantHostAccess(session, 'http://127.0.0.3/*');

  const options = await OptionsPage.open(session);
  await options.fill({ serverUrl: pam.url, token: PAM_TOKEN });
  console.log(`demo: options › PAM360 › Save → ${await options.save()}`);
  console.log(`demo: options › Add connector → ${sentences(await addSdpConnector(options, { name: 'Corp ServiceDesk', url: sdp.url, writeNote: true }))}`);
  console.log(`demo: options › Add connector → ${sentences(await addServiceNowConnector(options, { name: 'Corp ServiceNow', url: sn.url, writeNote: true }))}`);
  await shot(options.page, 'options');

  const consolePage = await session.context.newPage();
  await signIn(consolePage, `${pam.url}/`, 'alice', 'Alice#2024', 'Sign in');

  const request = await session.context.newPage();
  await signIn(request, `${sdp.url}/`, 'alice', 'Alice#2024', 'Log in');
  await request.goto(`${sdp.url}/WorkOrder.do?woMode=viewWO&woID=1001&spa=1`);
  await validate(request);
  console.log(`demo: request 1001 › Validate for PAM → ${await verdictSummary(request)}`);
  await shot(request, 'sdp-request-validated', false);
  // The popup opened as a tab describes the tab used before it: here, request 1001.
  const popup = await openExtensionPage(session, 'popup.html');
  await popup.waitForFunction(() => document.querySelector('[data-testid="popup-status"]')?.getAttribute('data-busy') !== 'true');
  await popup.getByTestId('popup-tab').locator('[data-tone]:not([data-busy])').waitFor();
  console.log(`demo: popup → ${await popup.getByTestId('popup-status').textContent()}`);
  console.log(`demo: popup › This tab → ${(await popup.getByTestId('popup-tab').locator('.status p, .status li').allTextContents()).join(' — ')}`);
  await popup.setViewportSize({ width: 380, height: 420 });
  await shot(popup, 'popup', false);
  if (!headed) await popup.close();

  const change = await session.context.newPage();
  await change.goto(`${sdp.url}/ChangeDetails.do?CHANGEID=2002`);
  await validate(change);
  console.log(`demo: change 2002 (pending approval) › Validate for PAM → ${await verdictSummary(change)}`);
  await shot(change, 'sdp-change-not-valid', false);
  await change.goto(`${sdp.url}/ChangeDetails.do?CHANGEID=2001`);
  await toolbar(change).getByRole('button', { name: 'Open remote session' }).click();
  await toolbar(change).getByTestId('pam-session').getByRole('button', { name: 'Open session' }).waitFor();
  await shot(change, 'sdp-change-session-panel', false);

  const snPage = await session.context.newPage();
  await snPage.goto(`${sn.url}/login.do`);
  await snPage.getByLabel('User name').fill('alice');
  await snPage.getByLabel('Password').fill('Alice#2024');
  await Promise.all([snPage.waitForLoadState('load'), snPage.getByRole('button', { name: 'Log in' }).click()]);
  await snPage.goto(`${sn.url}/now/nav/ui/classic/params/target/${encodeURIComponent('incident.do?sys_id=0d16139b97e2e2a49391f06fc11f2583')}`);
  const snFrame = snPage.frameLocator('iframe#gsft_main');
  await snFrame.locator('pam-bridge-toolbar').getByRole('button', { name: 'Validate for PAM' }).click();
  await snFrame.locator('pam-bridge-toolbar .pb-headline').waitFor();
  console.log(`demo: ServiceNow INC0010001 (Next Experience) › Validate for PAM → ${await verdictSummary(snFrame)}`);
  await shot(snPage, 'servicenow-classic-validated', false);
  const workspace = await session.context.newPage();
  await workspace.goto(`${sn.url}/now/sow/record/change_request/a7d0638b8d6c7af4c0a5cedfe9746f3f`);
  await validate(workspace);
  console.log(`demo: ServiceNow CHG0030001 (workspace) › Validate for PAM → ${await verdictSummary(workspace)}`);
  await shot(workspace, 'servicenow-workspace-validated', false);

  if (!headed) {
    const launched = session.context.waitForEvent('page');
    await toolbar(change).getByTestId('pam-session').getByRole('button', { name: 'Open session' }).click();
    const page = await launched;
    await page.waitForURL(/\.ma\?/);
    console.log(`demo: Open session → ${page.url()}`);
    await shot(page, 'pam360-session-launched', false);
    console.log(`demo: no display, so screenshots were saved to ${OUT}/ (${shots.join(', ')})`);
    await session.close();
    await Promise.all([pam.close(), sdp.close(), sn.close()]);
    return;
  }
  await change.bringToFront();
  console.log('demo: the browser stays open — try the buttons on the SDP tabs. Press Ctrl+C here to stop.');
  const stop = async () => {
    await session.close().catch(() => {});
    await Promise.all([pam.close(), sdp.close(), sn.close()]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  session.context.on('close', stop);
}

main().catch((error: unknown) => {
  console.error('demo failed:', error);
  process.exit(1);
});
