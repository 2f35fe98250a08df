/**
 * The bench's world, set up like test/e2e/sdp.e2e.ts: PAM360 stand-in on 127.0.0.1, the SDP
 * stand-in with a connector on 127.0.0.2, and a second SDP stand-in on 127.0.0.3 that has no
 * connector (so no content script is registered there: the control for main-thread cost).
 * The extension is configured through its own options page; alice signs in to both portals.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumPath, EXTENSION_DIR, extensionLaunchOptions, preGrantHostAccess, type ExtensionSession } from '../../test/e2e/harness';
import { addSdpConnector, OptionsPage } from '../../test/e2e/pages/options-page';
import { signIn, toolbar } from '../../test/e2e/pages/portal';
import { startPam360StandIn, type Pam360StandIn } from '../../test/stand-ins/pam360/server';
import { startSdpStandIn, type SdpStandIn } from '../../test/stand-ins/sdp/server';

export const ALICE_PAM_TOKEN = '9A3E7C21-4B6D-4E8F-A1C3-5D7F9B2E4A60';
const ALICE = { login: 'alice', password: 'Alice#2024' };

/**
 * tsx compiles with esbuild's keepNames, which wraps named inner functions in `__name(…)`; the
 * bench's functions are serialised into pages by Playwright, so pages get a no-op `__name`.
 */
export const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

export interface BenchEnv {
  pam: Pam360StandIn;
  /** SDP stand-in with a connector (content script registered for its origin). */
  sdp: SdpStandIn;
  /** Same SDP stand-in pages, no connector: the content script never runs there. */
  control: SdpStandIn;
  session: ExtensionSession;
  /** The loaded copy of the build. */
  extensionDir: string;
  chromiumVersion: string;
  requestUrl(id: string, extra?: string, base?: string): string;
  changeUrl(id: string, extra?: string, base?: string): string;
  /** Script files the extension registered at runtime: for the SDP connector's origin, and all. */
  registeredScripts(): Promise<{ sdp: string[]; all: string[] }>;
  /** A new tab whose main world can run the bench's page functions (see NAME_SHIM). */
  newPage(): Promise<Page>;
  /** Opens (or navigates) a tab to a ticket page of the configured portal and waits for our toolbar. */
  openTicket(url: string, page?: Page): Promise<Page>;
  close(): Promise<void>;
}

function versionOf(path: string): string {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return 'unknown';
  }
}

/** Closers of what has been started, newest first when run; safe to run more than once. */
export class Cleanup {
  private closers: Array<() => Promise<void>> = [];
  add(close: () => Promise<void>): void {
    this.closers.push(close);
  }
  async run(): Promise<void> {
    while (this.closers.length) await this.closers.pop()!().catch(() => undefined);
  }
}

/** Fails a set-up step that hangs (some browser calls have no timeout of their own). */
export async function within<T>(ms: number, what: string, run: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Copies the build to a temp dir, so that a rebuild of .output during the bench (another
 * terminal, a watcher) cannot change what is measured half-way. Removed by `cleanup`.
 */
export function snapshotBuild(cleanup: Cleanup): { dir: string; builtAt: Date } {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`no build in ${EXTENSION_DIR}`);
  const dir = mkdtempSync(join(tmpdir(), 'pam-bridge-bench-ext-'));
  cleanup.add(async () => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  return { dir, builtAt: statSync(join(dir, 'manifest.json')).mtime };
}

/** test/e2e/harness.ts launchExtension, loading the extension from `extensionDir`. */
async function launchFrom(extensionDir: string, cleanup: Cleanup): Promise<ExtensionSession> {
  const profile = mkdtempSync(join(tmpdir(), 'pam-bridge-bench-profile-'));
  const removeProfile = async () => rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  cleanup.add(removeProfile);
  const context = await chromium.launchPersistentContext(profile, extensionLaunchOptions(extensionDir));
  context.setDefaultTimeout(15_000);
  const close = async () => {
    await context.close();
    await removeProfile();
  };
  cleanup.add(close);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host, worker, close };
}

/**
 * Starts everything, registering each closer in `cleanup` as soon as it exists (so a deadline
 * can stop a half-started bench); on failure closes what was started and rethrows.
 */
export async function startEnv(cleanup: Cleanup, extensionDir: string, log: (step: string) => void = () => undefined): Promise<BenchEnv> {
  const started = { push: (close: () => Promise<void>) => cleanup.add(close) };
  const closeAll = () => cleanup.run();
  try {
    const pam = await startPam360StandIn({ port: 0 });
    started.push(() => pam.close());
    const sdp = await startSdpStandIn({ port: 0, host: '127.0.0.2' });
    started.push(() => sdp.close());
    const control = await startSdpStandIn({ port: 0, host: '127.0.0.3' });
    started.push(() => control.close());
    // PAM360 learns SDP's tickets from SDP; the stand-in keeps its own registry (as in e2e).
    for (const id of ['1001', '1003', '1004', '1009', '2001', '2006']) {
      pam.setTicket(id, { state: 'open', requester: 'alice', title: `SDP ${id}` });
    }

    log('stand-ins listening; launching Chromium');
    const session = await within(60_000, 'launching Chromium', launchFrom(extensionDir, cleanup));
    await within(20_000, 'granting host access', preGrantHostAccess(session, 'http://127.0.0.1/*'));
    await within(20_000, 'granting host access', preGrantHostAccess(session, 'http://127.0.0.2/*'));

    log('configuring PAM360 and the SDP connector in the options page');
    await within(60_000, 'setting up the extension in its options page', (async () => {
      const options = await OptionsPage.open(session);
      await options.fill({ serverUrl: pam.url, token: ALICE_PAM_TOKEN });
      const saved = await options.save();
      if (!/^Connected/.test(saved)) throw new Error(`PAM360 connection not set up: ${saved}`);
      const connector = await addSdpConnector(options, { name: 'Corp SDP', url: sdp.url });
      if (!connector.includes('is set up')) throw new Error(`SDP connector not set up: ${connector}`);
      await options.page.close();
    })());

    log('signing in to both SDP stand-ins');
    await within(60_000, 'signing in to SDP', (async () => {
      const signin = await session.context.newPage();
      await signIn(signin, `${sdp.url}/`, ALICE.login, ALICE.password, 'Log in');
      await signIn(signin, `${control.url}/`, ALICE.login, ALICE.password, 'Log in');
      // Left open on a blank page: closing a tab right after a sign-in redirect sometimes stalls
      // headless Chromium (see test/e2e/sdp.e2e.ts); the browser closes it at the end.
      await signin.goto('about:blank');
    })());

    const requestUrl = (id: string, extra = '', base = sdp.url) => `${base}/WorkOrder.do?woMode=viewWO&woID=${id}${extra}`;
    const changeUrl = (id: string, extra = '', base = sdp.url) => `${base}/ChangeDetails.do?CHANGEID=${id}${extra}`;
    return {
      pam,
      sdp,
      control,
      session,
      extensionDir,
      chromiumVersion: versionOf(chromiumPath()),
      requestUrl,
      changeUrl,
      async registeredScripts() {
        const scripts = await session.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
        const origin = `${sdp.url}/*`;
        return {
          sdp: scripts.filter((x) => x.matches?.includes(origin)).flatMap((x) => x.js ?? []),
          all: scripts.flatMap((x) => x.js ?? []),
        };
      },
      async newPage() {
        const page = await session.context.newPage();
        await page.addInitScript({ content: NAME_SHIM });
        return page;
      },
      async openTicket(url, page) {
        let tab = page;
        if (!tab) {
          tab = await session.context.newPage();
          await tab.addInitScript({ content: NAME_SHIM });
        }
        await tab.goto(url);
        await toolbar(tab).getByRole('button', { name: 'Validate for PAM' }).waitFor();
        return tab;
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
