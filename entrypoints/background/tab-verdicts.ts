/**
 * The last "Validate for PAM" verdict per tab, for the popup's "This tab" part.
 *
 * Kept in `storage.session`: it survives service-worker restarts and is gone with the browser
 * session. Its access level stays the default, TRUSTED_CONTEXTS, so content scripts cannot read
 * it — nothing in PAM Bridge calls `storage.session.setAccessLevel` (a unit test keeps it so).
 * A record is a summary only: connector id, ticket ref and display id, ok, headline, the failed
 * checks' labels and short reasons, and when. No title, no assignee, no ticket body, no secret.
 *
 * A record goes when its tab closes, and when the tab navigates to another ticket (a URL change
 * we can see: tabs we have host access to). Writes and drops of one tab run one after another,
 * so a drop decided on an old record never removes a newer one.
 */
import { browser } from 'wxt/browser';
import type { TabVerdict, ValidationResult } from '@/utils/messaging/protocol';
import type { TicketRef } from '@/utils/tickets/types';
import { isSameTicket, tabTicket } from '@/utils/status/tab-page';
import { effectiveConfig } from './policy';

const PREFIX = 'tabVerdict:';
const key = (tabId: number) => `${PREFIX}${tabId}`;

const LABEL_MAX = 80;
const REASON_MAX = 200;
const FAILED_MAX = 10;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The summary kept for a tab from one validation (pure). */
export function tabVerdictOf(ref: TicketRef & { connectorId: string }, result: ValidationResult): TabVerdict {
  const displayId = result.ticket?.displayId;
  return {
    connectorId: ref.connectorId,
    ticket: { kind: ref.kind, id: ref.id, ...(ref.table ? { table: ref.table } : {}), ...(displayId ? { displayId: cut(displayId, 64) } : {}) },
    ok: result.verdict.ok,
    headline: cut(result.verdict.headline, 40),
    failed: result.verdict.checks
      .filter((c) => c.status === 'fail')
      .slice(0, FAILED_MAX)
      .map((c) => ({ label: cut(c.label, LABEL_MAX), reason: cut(c.reason, REASON_MAX) })),
    checkedAt: result.checkedAt,
  };
}

// One chain per tab: its reads-then-writes never interleave.
const chains = new Map<number, Promise<unknown>>();

function serial<T>(tabId: number, work: () => Promise<T>): Promise<T> {
  const run = (chains.get(tabId) ?? Promise.resolve()).then(work, work);
  const settled = run.catch(() => undefined);
  chains.set(tabId, settled);
  void settled.then(() => {
    if (chains.get(tabId) === settled) chains.delete(tabId);
  });
  return run;
}

function isTabVerdict(value: unknown): value is TabVerdict {
  const v = value as TabVerdict | undefined;
  return !!v && typeof v.connectorId === 'string' && typeof v.ok === 'boolean' && typeof v.checkedAt === 'number' && !!v.ticket && Array.isArray(v.failed);
}

async function read(tabId: number): Promise<TabVerdict | null> {
  const value = (await browser.storage.session.get(key(tabId)))[key(tabId)];
  return isTabVerdict(value) ? value : null;
}

/** What each tab's stored record is, so a verdict served again from the cache is not written again. */
const written = new Map<number, string>();
const fingerprint = (v: TabVerdict) => `${v.connectorId}:${v.ticket.kind}:${v.ticket.table ?? ''}:${v.ticket.id}:${v.checkedAt}`;

export function rememberTabVerdict(tabId: number, verdict: TabVerdict): Promise<void> {
  // Repeated presses within the cache window get the same verdict: skip the storage round trip,
  // which would otherwise compete with the next answers in the worker (bench: cached p95).
  if (written.get(tabId) === fingerprint(verdict)) return Promise.resolve();
  written.set(tabId, fingerprint(verdict));
  return serial(tabId, () => browser.storage.session.set({ [key(tabId)]: verdict })).catch((error: unknown) => {
    written.delete(tabId);
    throw error;
  });
}

/** For tests: forget what was written (as a restarted service worker would). */
export function resetTabVerdictMemoryForTests(): void {
  written.clear();
}

export function tabVerdict(tabId: number): Promise<TabVerdict | null> {
  return serial(tabId, () => read(tabId));
}

export function forgetTabVerdict(tabId: number): Promise<void> {
  written.delete(tabId);
  return serial(tabId, () => browser.storage.session.remove(key(tabId)));
}

/** The tab now shows `url`: drop its record if that URL is another ticket of a configured portal. */
export function tabNavigated(tabId: number, url: string): Promise<void> {
  return serial(tabId, async () => {
    const last = await read(tabId);
    if (!last) return;
    const found = tabTicket(url, (await effectiveConfig()).config.connectors);
    if (found?.match && !isSameTicket(last, found.connector.id, found.match)) {
      written.delete(tabId);
      await browser.storage.session.remove(key(tabId));
    }
  });
}

/** Listeners that keep the records in step with tabs (registered once, from the background's start). */
export function startTabVerdictCleanup(): void {
  browser.tabs.onRemoved.addListener((tabId) => void forgetTabVerdict(tabId).catch(() => undefined));
  const onUpdated = (tabId: number, change: { url?: string }) => {
    // changeInfo.url is only there for tabs whose origin we may access — the portals.
    if (change.url) void tabNavigated(tabId, change.url).catch(() => undefined);
  };
  if (import.meta.env.FIREFOX) {
    // Firefox can filter events, so the background is not woken for titles, favicons, loading.
    (browser.tabs.onUpdated.addListener as (listener: typeof onUpdated, filter: { properties: string[] }) => void)(onUpdated, {
      properties: ['url'],
    });
  } else {
    browser.tabs.onUpdated.addListener(onUpdated);
  }
}
