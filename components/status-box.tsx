import type { Summary } from '@/utils/status/summary';

/** A status line with its next step and optional diagnostics, announced to screen readers. */
/** `seq` counts completed updates, so tests (and screen readers) can tell a new result from an old one. */
export function StatusBox({ summary, busy, testId, seq = 0 }: { summary: Summary | null; busy?: string; testId: string; seq?: number }) {
  if (busy) {
    return (
      <div class="status" role="status" aria-live="polite" data-testid={testId} data-tone="unknown" data-busy="true" data-seq={seq}>
        <p class="headline">{busy}</p>
      </div>
    );
  }
  if (!summary) return <div role="status" aria-live="polite" data-testid={testId} data-seq={seq} />;
  return (
    <div class="status" role="status" aria-live="polite" data-testid={testId} data-tone={summary.tone} data-seq={seq}>
      <p class="headline">{summary.headline}</p>
      {summary.next && <p>{summary.next}</p>}
      {summary.detail && (
        <details>
          <summary>Details</summary>
          <code>{summary.detail}</code>
        </details>
      )}
    </div>
  );
}
