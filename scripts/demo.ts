/**
 * `npm run demo`: builds the extension, starts the PAM360 stand-in, opens Chromium with the
 * extension loaded and connects it to the stand-in through the options page, as a user would.
 * With a display the browser stays open until you press Ctrl+C; without one (CI, SSH) it runs
 * headless and saves screenshots of the options page and popup to demo-output/.
 */
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startPam360StandIn } from '../test/stand-ins/pam360/server';
import { launchExtension, openExtensionPage, preGrantHostAccess } from '../test/e2e/harness';
import { OptionsPage } from '../test/e2e/pages/options-page';

const OUT = resolve('demo-output');
const DEMO_TOKEN = '9A3E7C21-4B6D-4E8F-A1C3-5D7F9B2E4A60'; // stand-in user "alice"
const headed = !!process.env.DISPLAY && process.env.PAM_BRIDGE_DEMO_HEADLESS !== '1';

async function main() {
  console.log('demo: building the extension (chrome-mv3)…');
  execSync('npx wxt build', { stdio: 'inherit' });

  const pam = await startPam360StandIn({ port: Number(process.env.PAM360_PORT ?? 0) });
  console.log(`demo: PAM360 stand-in at ${pam.url} (web console user alice / Alice#2024)`);

  const session = await launchExtension({ headed });
  console.log(`demo: Chromium started ${headed ? 'with a window' : 'headless'}; extension id ${session.extensionId}`);
  await preGrantHostAccess(session, `${new URL(pam.url).protocol}//${new URL(pam.url).hostname}/*`);

  const options = await OptionsPage.open(session);
  await options.fill({ serverUrl: pam.url, token: DEMO_TOKEN });
  console.log(`demo: options › Save → ${await options.save()}`);

  const popup = await openExtensionPage(session, 'popup.html');
  await popup.waitForFunction(() => document.querySelector('[data-testid="popup-status"]')?.getAttribute('data-busy') !== 'true');
  console.log(`demo: popup → ${await popup.getByTestId('popup-status').textContent()}`);

  if (!headed) {
    mkdirSync(OUT, { recursive: true });
    await options.page.screenshot({ path: resolve(OUT, 'options.png'), fullPage: true });
    await popup.setViewportSize({ width: 380, height: 220 });
    await popup.screenshot({ path: resolve(OUT, 'popup.png') });
    console.log(`demo: no display, so screenshots were saved to ${OUT}/ (options.png, popup.png)`);
    await session.close();
    await pam.close();
    return;
  }
  await options.page.bringToFront();
  console.log('demo: the browser stays open; press Ctrl+C here to stop.');
  const stop = async () => {
    await session.close().catch(() => {});
    await pam.close();
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
