import type { TabSummary } from '@/utils/status/tab-summary';

/**
 * The popup's "This tab" part: a region headed "This tab" whose text says everything (the
 * colored edge only repeats it). `lastUsed`: the popup is open as a tab itself, so it describes
 * the tab used before it.
 */
export function TabStatusBox({ summary, lastUsed }: { summary: TabSummary | null; lastUsed: boolean }) {
  return (
    <section class="this-tab" aria-labelledby="this-tab-heading" data-testid="popup-tab">
      <h2 id="this-tab-heading">This tab</h2>
      {lastUsed && <p class="hint">This page is open in a tab, so this is about the tab you used before it.</p>}
      {summary ? (
        <div class="status" role="status" aria-live="polite" data-tone={summary.tone}>
          {summary.ticket && <p class="ticket">{summary.ticket}</p>}
          <p class="headline">{summary.headline}</p>
          {summary.failed.length > 0 && (
            <ul class="failed" aria-label="Failed checks">
              {summary.failed.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          {summary.next && <p>{summary.next}</p>}
        </div>
      ) : (
        <div class="status" role="status" aria-live="polite" data-tone="unknown" data-busy="true">
          <p class="headline">Looking at this tab…</p>
        </div>
      )}
    </section>
  );
}
