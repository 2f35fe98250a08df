/**
 * Launches Debian Chromium with the built extension (research/toolchain.md §5–6) and gives
 * tests the pieces they need: the extension id, its service worker, host-access pre-grant and
 * screenshots. Each launch uses a fresh profile that is removed on close.
 */
/// <reference types="chrome" />
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
export const SCREENSHOT_DIR = resolve('test-results/e2e');

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}; install Debian's chromium or set CHROMIUM_PATH`);
  return path;
}

/**
 * Chromium's launch options with an unpacked extension loaded (and nothing else), as
 * research/toolchain.md lists them; shared by the e2e tests, the demo and the bench.
 */
export function extensionLaunchOptions(extensionDir: string, headed = false) {
  return {
    executablePath: chromiumPath(),
    headless: false,
    viewport: { width: 1100, height: 900 },
    args: [
      ...(headed ? [] : ['--headless=new']),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}

/** `headed: true` opens a visible window (needs a display); tests run headless. */
export async function launchExtension(options: { headed?: boolean } = {}): Promise<ExtensionSession> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error('No build in .output/chrome-mv3; run `npm run build` first');
  }
  const profile = mkdtempSync(join(tmpdir(), 'pam-bridge-e2e-'));
  const context = await chromium.launchPersistentContext(profile, extensionLaunchOptions(EXTENSION_DIR, options.headed));
  // Fail a step fast and at its own line rather than at the test's timeout.
  context.setDefaultTimeout(15_000);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/**
 * Grants host access the way a user does on chrome://extensions ("Site access › add site"),
 * so the extension's own permissions.request later resolves without a prompt headless.
 */
export async function preGrantHostAccess(session: ExtensionSession, pattern: string): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(`chrome://extensions/?id=${session.extensionId}`);
  await page.evaluate(
    // developerPrivate is the private API behind chrome://extensions; not in @types/chrome.
    ([id, host]) =>
      (chrome as unknown as { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } })
        .developerPrivate.addHostPermission(id!, host!),
    [session.extensionId, pattern],
  );
  await page.close();
}

export async function openExtensionPage(session: ExtensionSession, path: 'options.html' | 'popup.html'): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${path}`);
  return page;
}

/**
 * Opens the real toolbar popup (`chrome.action.openPopup()`, as a click on the toolbar icon
 * does: over the active tab of the last-focused window) and returns the text of `selector` in it
 * once `ready` holds. Playwright does not surface that popup as a page, so `reader` — one of our
 * extension pages in a background tab — reads it through `chrome.extension.getViews`. The popup
 * is closed again before returning.
 */
export async function readToolbarPopup(
  session: ExtensionSession,
  reader: Page,
  selector: string,
  ready = '[data-busy="true"]',
): Promise<string> {
  await session.worker.evaluate(() => chrome.action.openPopup());
  const read = () =>
    reader.evaluate(
      ([css, busy]) => {
        const [popup] = chrome.extension.getViews({ type: 'popup' });
        const node = popup?.document.querySelector(css!);
        return node && !node.querySelector(busy!) && !node.matches(busy!) ? (node.textContent ?? '') : null;
      },
      [selector, ready],
    );
  const deadline = Date.now() + 10_000;
  let text = await read();
  while (text === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    text = await read();
  }
  await reader.evaluate(() => chrome.extension.getViews({ type: 'popup' }).forEach((view) => view.close()));
  if (text === null) throw new Error(`The toolbar popup did not show ${selector} within 10 s`);
  return text;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Everything the extension keeps in storage.local, as text (to prove no secret is in clear). */
export async function dumpExtensionStorage(session: ExtensionSession): Promise<string> {
  return session.worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
}
