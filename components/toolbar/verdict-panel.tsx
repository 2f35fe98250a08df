/** "Validate for PAM": asks the background for the verdict and shows it line by line. */
import { useLayoutEffect, useState } from 'preact/hooks';
import { call } from '@/utils/messaging/client';
import type { ValidationResult } from '@/utils/messaging/protocol';
import type { TicketRef } from '@/utils/tickets/types';
import { CheckList } from './check-list';
import { Problem } from './problem';
import { trusted } from './trusted';

type State = { kind: 'checking' } | { kind: 'done'; result: ValidationResult } | { kind: 'error'; error: unknown };

export function VerdictPanel({ ticketRef, label, round }: { ticketRef: TicketRef; label: string; round: number }) {
  const [state, setState] = useState<State>({ kind: 'checking' });

  async function run(fresh: boolean) {
    setState({ kind: 'checking' });
    try {
      setState({ kind: 'done', result: await call('validateTicket', { ref: ticketRef, fresh }) });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }

  // A new press of "Validate for PAM" (round) re-runs the check. A layout effect sends the request
  // in the task of the click; a plain effect would wait for the next frame (~12 ms in the bench).
  useLayoutEffect(() => {
    void run(round > 1);
  }, [ticketRef.kind, ticketRef.id, round]);

  return (
    <section class="pb-panel" aria-label={`PAM validation for ${label}`} data-testid="pam-verdict">
      <div role="status" aria-live="polite" data-state={state.kind}>
        {state.kind === 'checking' && <p class="pb-muted">Checking {label}…</p>}
        {state.kind === 'done' && <CheckList verdict={state.result.verdict} />}
      </div>
      {state.kind === 'error' && <Problem error={state.error} />}
      {state.kind !== 'checking' && (
        <div class="pb-actions">
          <button type="button" onClick={trusted(() => void run(true))}>Check again</button>
        </div>
      )}
    </section>
  );
}
