import type { Summary } from '@/utils/status/summary';

/** A status line with its next step and optional diagnostics, announced to screen readers. */
export function StatusBox({ summary, busy, testId }: { summary: Summary | null; busy?: string; testId: string }) {
  if (busy) {
    return (
      <div class="status" role="status" aria-live="polite" data-testid={testId} data-tone="unknown">
        <p class="headline">{busy}</p>
      </div>
    );
  }
  if (!summary) return <div role="status" aria-live="polite" data-testid={testId} />;
  return (
    <div class="status" role="status" aria-live="polite" data-testid={testId} data-tone={summary.tone}>
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
