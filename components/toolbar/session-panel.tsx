/**
 * "Open remote session": the machines on the ticket matched to PAM360 resources, then account
 * and protocol as PAM360 allows them. The background re-checks everything on open; this panel
 * only offers what it was told.
 */
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { call } from '@/utils/messaging/client';
import type { OpenSessionResult, SessionAccount, SessionOptions, SessionResource } from '@/utils/messaging/protocol';
import type { TicketRef } from '@/utils/tickets/types';
import { CheckList } from './check-list';
import { Problem } from './problem';
import { SessionPicker, type Choice } from './session-picker';
import { trusted } from './trusted';

const POLL_MS = 10_000;

type Load = { kind: 'loading' } | { kind: 'ready'; options: SessionOptions } | { kind: 'error'; error: unknown };

export function SessionPanel({ ticketRef, label }: { ticketRef: TicketRef; label: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [choice, setChoice] = useState<Choice | null>(null);
  const [result, setResult] = useState<OpenSessionResult | { status: 'working'; message: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  async function refresh(quiet = false) {
    if (!quiet) setLoad({ kind: 'loading' });
    try {
      setLoad({ kind: 'ready', options: await call('findSessions', { ref: ticketRef }) });
    } catch (error) {
      if (!quiet) setLoad({ kind: 'error', error });
    }
  }

  // Layout effect: the look-up starts in the task of the click, not after the next frame.
  useLayoutEffect(() => {
    void refresh();
  }, [ticketRef.kind, ticketRef.id]);

  const resources = useMemo<SessionResource[]>(
    () => (load.kind === 'ready' ? load.options.machines.flatMap((m) => m.resources) : []),
    [load],
  );
  const account: SessionAccount | undefined = choice
    ? resources.find((r) => r.id === choice.resourceId)?.accounts.find((a) => a.id === choice.accountId)
    : undefined;

  // While PAM360 waits for an approver, look again now and then.
  useEffect(() => {
    if (account?.access !== 'waiting-for-approval') return;
    const timer = setInterval(() => void refresh(true), POLL_MS);
    return () => clearInterval(timer);
  }, [account?.access]);

  async function open() {
    if (!choice) return;
    setFailure(null);
    setResult({ status: 'working', message: account?.access === 'request' ? 'Requesting access…' : 'Opening the session…' });
    try {
      const outcome = await call('openSession', { ref: ticketRef, ...choice });
      setResult(outcome);
      if (outcome.status === 'access-requested' || outcome.status === 'waiting-for-approval') void refresh(true);
    } catch (error) {
      setResult(null);
      setFailure(error);
    }
  }

  if (load.kind === 'loading') {
    return <Frame label={label}><p class="pb-muted" role="status">Finding PAM360 resources for {label}…</p></Frame>;
  }
  if (load.kind === 'error') {
    return <Frame label={label}><Problem error={load.error} /></Frame>;
  }
  const { options } = load;
  return (
    <Frame label={label}>
      {!options.verdict.ok && (
        <>
          <CheckList verdict={options.verdict} />
          <p class="pb-muted">PAM360 would refuse this ticket. Fix the failed checks first.</p>
        </>
      )}
      {options.verdict.ok && (
        <SessionPicker options={options} onChoice={setChoice} busy={result?.status === 'working'} onOpen={trusted(() => void open())} onRefresh={trusted(() => void refresh())} />
      )}
      <div role="status" aria-live="polite" class="pb-result" data-status={result?.status ?? ''}>
        {result && <p>{result.message}</p>}
        {result?.status === 'refused' && result.checks && <CheckList verdict={{ ok: false, headline: 'Not valid for PAM', checks: result.checks }} />}
      </div>
      {failure !== null && <Problem error={failure} />}
    </Frame>
  );
}

function Frame({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <section class="pb-panel" aria-label={`Remote session for ${label}`} data-testid="pam-session">
      {children}
    </section>
  );
}
