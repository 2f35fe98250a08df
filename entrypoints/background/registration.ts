/**
 * Runtime content scripts (design.md rule 5): exactly one registered script per configured
 * connector whose origin the browser granted us; nothing on any other page. `syncContentScripts`
 * makes the browser's registrations equal that wish from storage alone (MV3 workers restart:
 * no state that matters lives here), so calling it again is always safe.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Connector, PortalKind } from '@/utils/config/schema';
import { originPattern } from '@/utils/config/url';
import { hasHostAccess } from './host-access';
import { effectiveConfig } from './policy';

type Script = Browser.scripting.RegisteredContentScript;

export const SCRIPT_PREFIX = 'pam-bridge-';
export const scriptId = (connectorId: string) => SCRIPT_PREFIX + connectorId;

/**
 * Kinds that have a page script (entrypoints/portal-<kind>.ts → portal-<kind>.js).
 * Only these are registered: registering a file the build does not have fails in the browser.
 */
export const CONTENT_SCRIPTS: Partial<Record<PortalKind, { allFrames: boolean }>> = {
  sdp: { allFrames: false }, // SDP renders tickets in the top frame (research §1.3)
  // Classic UI renders the form inside iframe#gsft_main (also under Next Experience): every frame
  // gets the script, and each decides whether it shows a ticket (research §0.2, §2.1).
  servicenow: { allFrames: true },
};

/** Firefox rejects ports in match patterns; Chromium honours them. */
const IS_FIREFOX = import.meta.env.FIREFOX || globalThis.location?.protocol === 'moz-extension:';

/** The match pattern for a connector's pages: its origin, with the port on Chromium. */
export function matchPattern(baseUrl: string, firefox = IS_FIREFOX): string {
  const url = new URL(baseUrl);
  return url.port && !firefox ? `${url.protocol}//${url.hostname}:${url.port}/*` : originPattern(baseUrl);
}

/** The script registration a connector should have (undefined: its kind has no content script). */
export function scriptFor(connector: Connector, firefox = IS_FIREFOX): Script | undefined {
  const entry = CONTENT_SCRIPTS[connector.kind];
  if (!entry) return undefined;
  return {
    id: scriptId(connector.id),
    js: [`portal-${connector.kind}.js`],
    matches: [matchPattern(connector.baseUrl, firefox)],
    // From the start of parsing, so the toolbar can follow the header within a frame.
    runAt: 'document_start',
    allFrames: entry.allFrames,
    persistAcrossSessions: true,
  };
}

export interface SyncResult {
  registered: string[];
  updated: string[];
  removed: string[];
  /** Per script id: why the browser refused it (the others still went through). */
  errors: Record<string, string>;
}

// Serialises overlapping syncs (onAdded + save + storage change arrive together) so two runs
// never register the same id; it holds no data, so a restarted worker loses nothing.
let queue: Promise<unknown> = Promise.resolve();

export function syncContentScripts(options: { firefox?: boolean } = {}): Promise<SyncResult> {
  const run = queue.then(() => sync(options.firefox ?? IS_FIREFOX));
  queue = run.catch(() => undefined);
  return run;
}

/** Resolves once any sync already started has finished (status reads wait for it). */
export function syncSettled(): Promise<void> {
  return queue.then(() => undefined);
}

async function sync(firefox: boolean): Promise<SyncResult> {
  const { config } = await effectiveConfig();
  const wanted = new Map<string, Script>();
  for (const connector of config.connectors) {
    const script = scriptFor(connector, firefox);
    if (script && (await hasHostAccess(connector.baseUrl))) wanted.set(script.id, script);
  }
  const existing = (await browser.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(SCRIPT_PREFIX));
  const result: SyncResult = { registered: [], updated: [], removed: [], errors: {} };

  const stale = existing.filter((s) => !wanted.has(s.id)).map((s) => s.id);
  if (stale.length) {
    await attempt(result, stale.join(','), () => browser.scripting.unregisterContentScripts({ ids: stale }));
    if (!result.errors[stale.join(',')]) result.removed.push(...stale);
  }
  // One call per script: the browser refuses a whole batch when one entry is bad.
  for (const script of wanted.values()) {
    const current = existing.find((s) => s.id === script.id);
    if (!current) {
      if (await attempt(result, script.id, () => browser.scripting.registerContentScripts([script]))) result.registered.push(script.id);
    } else if (!same(current, script)) {
      if (await attempt(result, script.id, () => browser.scripting.updateContentScripts([script]))) result.updated.push(script.id);
    }
  }
  return result;
}

async function attempt(result: SyncResult, id: string, run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    result.errors[id] = error instanceof Error ? error.message : String(error);
    return false;
  }
}

function same(a: Script, b: Script): boolean {
  const list = (x?: string[]) => JSON.stringify([...(x ?? [])].sort());
  return (
    list(a.matches) === list(b.matches) &&
    list(a.js) === list(b.js) &&
    (a.runAt ?? 'document_idle') === b.runAt &&
    (a.allFrames ?? false) === b.allFrames &&
    (a.persistAcrossSessions ?? true) === b.persistAcrossSessions
  );
}

/** Whether the connector's content script is registered right now. */
export async function isRegistered(connectorId: string): Promise<boolean> {
  try {
    return (await browser.scripting.getRegisteredContentScripts({ ids: [scriptId(connectorId)] })).length > 0;
  } catch {
    return false;
  }
}

/**
 * syncContentScripts for callers that must not fail on it (a save, a listener): problems are
 * logged, and the status shows whether a portal's script is registered.
 */
export async function syncQuietly(): Promise<void> {
  try {
    const result = await syncContentScripts();
    if (Object.keys(result.errors).length) console.warn('PAM Bridge: content script registration', result.errors);
  } catch (error) {
    console.warn('PAM Bridge: content script registration failed', String(error));
  }
}

/**
 * Keeps registrations in step: at worker start, browser start/install, when host access is
 * granted or withdrawn (options or the browser's own site-access UI), and when the config or
 * the admin policy changes. Listeners are added synchronously, as MV3 requires.
 */
export function startRegistrationSync(): void {
  const run = () => void syncQuietly();
  browser.runtime.onStartup.addListener(run);
  browser.runtime.onInstalled.addListener(run);
  browser.permissions.onAdded.addListener(run);
  browser.permissions.onRemoved.addListener(run);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && 'config' in changes)) run();
  });
  run();
}
