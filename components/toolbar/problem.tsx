import { OperationFailed } from '@/utils/messaging/client';

/** An error with its next step, for the panels. */
export function Problem({ error }: { error: unknown }) {
  const message = error instanceof OperationFailed ? error.error.message : 'PAM Bridge could not finish that.';
  const next = error instanceof OperationFailed ? error.error.next : 'Reload the page and try again.';
  const detail = error instanceof OperationFailed ? error.error.detail : String(error);
  return (
    <div class="pb-problem" role="alert">
      <p class="pb-headline">{message}</p>
      {next && <p>{next}</p>}
      {detail && (
        <details>
          <summary>Details</summary>
          <code>{detail}</code>
        </details>
      )}
    </div>
  );
}
