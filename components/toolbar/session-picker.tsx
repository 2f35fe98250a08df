/**
 * Resource, account and protocol choice, defaulting to the first usable option. Labels and
 * notices come from the background (keeps the page script small).
 */
import { useEffect, useState } from 'preact/hooks';
import type { LaunchProtocolId, SessionOptions } from '@/utils/messaging/protocol';

export interface Choice {
  resourceId: string;
  accountId: string;
  protocol: LaunchProtocolId;
}

interface Props {
  options: SessionOptions;
  busy: boolean;
  onChoice: (choice: Choice | null) => void;
  onOpen: (event: Event) => void;
  onRefresh: (event: Event) => void;
}

export function SessionPicker({ options, busy, onChoice, onOpen, onRefresh }: Props) {
  const resources = options.machines.flatMap((m) => m.resources);
  const [resourceId, setResourceId] = useState(resources[0]?.id ?? '');
  const resource = resources.find((r) => r.id === resourceId);
  const accounts = resource?.accounts ?? [];
  const [accountId, setAccountId] = useState('');
  const account = accounts.find((a) => a.id === accountId);
  const [protocol, setProtocol] = useState<LaunchProtocolId | ''>('');

  // Keep account and protocol valid for the chosen resource and account. The effects run after
  // the first paint, so they update from the current value: a choice made meanwhile stays.
  useEffect(() => {
    setAccountId((id) => (accounts.some((a) => a.id === id) ? id : ((accounts.find((a) => a.access === 'ready') ?? accounts[0])?.id ?? '')));
  }, [resource, account]);
  useEffect(() => {
    setProtocol((id) => (account?.protocols.some((p) => p.id === id) ? id : (account?.protocols[0]?.id ?? '')));
  }, [account]);
  useEffect(() => {
    onChoice(resource && account && protocol ? { resourceId, accountId, protocol } : null);
  }, [resourceId, accountId, protocol]);

  const notice = options.notice && <p class="pb-muted">{options.notice}</p>;
  if (!resource) return notice || null;
  const access = account?.access;
  return (
    <div>
      {resources.length > 1 ? (
        <fieldset>
          <legend>Resource</legend>
          {resources.map((r) => (
            <label key={r.id} class="pb-radio">
              <input type="radio" name="pb-resource" checked={r.id === resourceId} onChange={() => setResourceId(r.id)} /> {r.label}
            </label>
          ))}
        </fieldset>
      ) : (
        <p>Resource: <strong>{resource.label}</strong></p>
      )}
      {notice}
      <label>
        Account
        <select value={accountId} onChange={(e) => setAccountId(e.currentTarget.value)}>
          {accounts.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
        </select>
      </label>
      <label>
        Protocol
        <select value={protocol} onChange={(e) => setProtocol(e.currentTarget.value as LaunchProtocolId)} disabled={!account?.protocols.length}>
          {account?.protocols.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </select>
      </label>
      <div class="pb-actions">
        {access === 'request' && <button type="button" class="pb-primary" onClick={onOpen} disabled={busy}>Request access</button>}
        {access === 'waiting-for-approval' && (
          <>
            <button type="button" disabled>Waiting for approval</button>
            <button type="button" onClick={onRefresh}>Check again</button>
          </>
        )}
        {access === 'ready' && <button type="button" class="pb-primary" onClick={onOpen} disabled={busy || !protocol}>Open session</button>}
      </div>
    </div>
  );
}
