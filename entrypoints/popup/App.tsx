/**
 * Popup: PAM360 status at a glance with the next step, and a way to settings. It re-tests the
 * connection when the last test is missing or older than a minute, so "Connected" is current.
 * "This tab" says whether the tab is a ticket page of a configured portal and what its last
 * "Validate for PAM" said (the background keeps that per tab).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { StatusBox } from '@/components/status-box';
import { TabStatusBox } from '@/components/tab-status';
import { call, OperationFailed } from '@/utils/messaging/client';
import type { TabStatus } from '@/utils/messaging/protocol';
import { describeConnection, summarize, type Summary } from '@/utils/status/summary';
import { pickTab, summarizeTab, type TabSummary } from '@/utils/status/tab-summary';

const FRESH_MS = 60_000;

/**
 * The tab to describe and whether the popup is open as a tab itself. From the toolbar it is the
 * active tab of the last-focused window; popup.html opened as a tab describes the tab used before.
 */
async function tabToDescribe(): Promise<{ tabId: number | undefined; lastUsed: boolean }> {
  const own = await browser.tabs.getCurrent(); // undefined in the toolbar popup
  const tabs = await browser.tabs.query(own ? {} : { active: true, lastFocusedWindow: true });
  return { tabId: pickTab(tabs, own?.id), lastUsed: !!own };
}

async function describeTab(): Promise<{ summary: TabSummary; lastUsed: boolean }> {
  let lastUsed = false;
  try {
    const target = await tabToDescribe();
    lastUsed = target.lastUsed;
    const status: TabStatus = target.tabId === undefined ? { state: 'no-tab' } : await call('getTabStatus', { tabId: target.tabId });
    return { summary: summarizeTab(status, Date.now()), lastUsed };
  } catch (error) {
    const message = error instanceof OperationFailed ? error.error.message : error instanceof Error ? error.message : String(error);
    return { summary: { tone: 'error', headline: `Could not look at this tab: ${message}`, failed: [] }, lastUsed };
  }
}

export function App() {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [busy, setBusy] = useState<string | undefined>('Checking PAM360…');
  const [tab, setTab] = useState<{ summary: TabSummary; lastUsed: boolean } | null>(null);

  async function refresh(force: boolean) {
    setBusy('Checking PAM360…');
    try {
      const status = await call('getStatus', {});
      const current = summarize(status);
      const stale = !status.connection || Date.now() - status.connection.checkedAt > FRESH_MS;
      const canTest = status.pam360.serverUrl && status.pam360.hostAccess && status.pam360.token.saved;
      if (canTest && (force || stale)) {
        setSummary(describeConnection(await call('testPamConnection', {})));
      } else {
        setSummary(current);
      }
    } catch (error) {
      setSummary({
        tone: 'error',
        headline: error instanceof OperationFailed ? error.error.message : String(error),
        next: 'Reload the extension from the browser’s extensions page.',
        needsTest: false,
      });
    }
    setBusy(undefined);
  }

  useEffect(() => {
    void refresh(false);
    void describeTab().then(setTab);
  }, []);

  return (
    <main>
      <h1>PAM Bridge</h1>
      <StatusBox summary={summary} busy={busy} testId="popup-status" />
      <TabStatusBox summary={tab?.summary ?? null} lastUsed={tab?.lastUsed ?? false} />
      <div class="actions">
        <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
          Open settings
        </button>
        <button type="button" onClick={() => void refresh(true)} disabled={!!busy}>
          Test connection
        </button>
      </div>
    </main>
  );
}
