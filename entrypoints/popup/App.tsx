/**
 * Popup: PAM360 status at a glance with the next step, and a way to settings. It re-tests the
 * connection when the last test is missing or older than a minute, so "Connected" is current.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { StatusBox } from '@/components/status-box';
import { call, OperationFailed } from '@/utils/messaging/client';
import { describeConnection, summarize, type Summary } from '@/utils/status/summary';

const FRESH_MS = 60_000;

export function App() {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [busy, setBusy] = useState<string | undefined>('Checking PAM360…');

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
  }, []);

  return (
    <main>
      <h1>PAM Bridge</h1>
      <StatusBox summary={summary} busy={busy} testId="popup-status" />
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
