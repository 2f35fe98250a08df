import { useEffect, useState } from 'preact/hooks';
import { ConfigTransfer } from '@/components/config-transfer';
import { ConnectorsSection } from '@/components/connectors-section';
import { IdentityNote } from '@/components/identity-note';
import { Pam360Section } from '@/components/pam360-section';
import { call, OperationFailed } from '@/utils/messaging/client';
import type { Status } from '@/utils/messaging/protocol';

export function App() {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('getStatus', {}).then(setStatus, (e: unknown) =>
      setError(e instanceof OperationFailed ? e.error.message : String(e)),
    );
  }, []);

  return (
    <main>
      <header>
        <h1>PAM Bridge settings</h1>
        <p class="hint">Connect PAM Bridge to ManageEngine PAM360. {status && `Version ${status.version}.`}</p>
      </header>
      {error && <p role="alert" class="field-error">{error}</p>}
      {status && (
        <>
          <Pam360Section status={status} onStatus={setStatus} />
          <IdentityNote />
          <ConnectorsSection status={status} onStatus={setStatus} />
          <ConfigTransfer onStatus={setStatus} />
        </>
      )}
    </main>
  );
}
