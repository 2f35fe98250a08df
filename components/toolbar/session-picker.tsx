/** Resource, account and protocol choice, defaulting to the first usable option. */
import { useEffect, useState } from 'preact/hooks';
import type { LaunchProtocolId, SessionAccount, SessionOptions } from '@/utils/messaging/protocol';

export interface Choice {
  resourceId: string;
  accountId: string;
  protocol: LaunchProtocolId;
}

const ACCESS_NOTE: Record<SessionAccount['access'], string> = {
  ready: '',
  request: ' (needs approval)',
  'waiting-for-approval': ' (waiting for approval)',
  'in-use': ' (in use by someone else)',
  'no-autologon': ' (no remote login allowed)',
};

interface Props {
  options: SessionOptions;
  busy: boolean;
  onChoice: (choice: Choice | null) => void;
  onOpen: (event: Event) => void;
  onRefresh: (event: Event) => void;
}

export function SessionPicker({ options, busy, onChoice, onOpen, onRefresh }: Props) {
  const candidates = options.machines.flatMap((m) => m.resources.map((r) => ({ machine: m.name, resource: r })));
  const [resourceId, setResourceId] = useState(candidates[0]?.resource.id ?? '');
  const resource = candidates.find((c) => c.resource.id === resourceId)?.resource;
  const [accountId, setAccountId] = useState('');
  const [protocol, setProtocol] = useState<LaunchProtocolId | ''>('');

  // Keep account and protocol valid for the chosen resource/account.
  useEffect(() => {
    const first = resource?.accounts.find((a) => a.access === 'ready') ?? resource?.accounts[0];
    if (!resource?.accounts.some((a) => a.id === accountId)) setAccountId(first?.id ?? '');
  }, [resourceId, resource]);
  const chosenAccount = resource?.accounts.find((a) => a.id === accountId);
  useEffect(() => {
    if (!chosenAccount?.protocols.some((p) => p.id === protocol)) setProtocol(chosenAccount?.protocols[0]?.id ?? '');
  }, [accountId, chosenAccount]);
  useEffect(() => {
    onChoice(resource && chosenAccount && protocol ? { resourceId: resource.id, accountId: chosenAccount.id, protocol } : null);
  }, [resourceId, accountId, protocol]);

  const unmatched = options.machines.filter((m) => m.resources.length === 0).map((m) => m.name);
  if (candidates.length === 0) {
    return (
      <p class="pb-muted">
        {options.machines.length === 0
          ? 'The ticket names no machine, so there is nothing to connect to.'
          : `No PAM360 resource matches ${unmatched.join(', ')}, or it is not shared with you.`}
      </p>
    );
  }
  const access = chosenAccount?.access;
  return (
    <div class="pb-picker">
      {candidates.length > 1 && (
        <fieldset>
          <legend>Resource</legend>
          {candidates.map(({ machine, resource: r }) => (
            <label key={r.id} class="pb-radio">
              <input type="radio" name="pb-resource" value={r.id} checked={r.id === resourceId} onChange={() => setResourceId(r.id)} />
              {r.name}
              {r.dnsName && r.dnsName !== r.name ? ` (${r.dnsName})` : ''}
              {machine.toLowerCase() !== r.name.toLowerCase() ? ` — for ${machine}` : ''}
            </label>
          ))}
        </fieldset>
      )}
      {candidates.length === 1 && resource && (
        <p>
          Resource: <strong>{resource.name}</strong>
          {resource.dnsName && resource.dnsName !== resource.name ? ` (${resource.dnsName})` : ''}
        </p>
      )}
      {unmatched.length > 0 && <p class="pb-muted">No PAM360 resource for {unmatched.join(', ')}.</p>}
      <label class="pb-field">
        Account
        <select value={accountId} onChange={(e) => setAccountId(e.currentTarget.value)}>
          {resource?.accounts.map((a) => (
            <option key={a.id} value={a.id}>{a.name}{ACCESS_NOTE[a.access]}</option>
          ))}
        </select>
      </label>
      <label class="pb-field">
        Protocol
        <select value={protocol} onChange={(e) => setProtocol(e.currentTarget.value as LaunchProtocolId)} disabled={!chosenAccount?.protocols.length}>
          {chosenAccount?.protocols.map((p) => (
            <option key={p.id} value={p.id}>{p.label}</option>
          ))}
        </select>
      </label>
      {chosenAccount && chosenAccount.protocols.length === 0 && <p class="pb-muted">PAM360 allows no remote login for this account here.</p>}
      <div class="pb-actions">
        {access === 'request' && <button type="button" class="pb-primary" onClick={onOpen} disabled={busy}>Request access</button>}
        {access === 'waiting-for-approval' && (
          <>
            <button type="button" disabled>Waiting for approval</button>
            <button type="button" onClick={onRefresh}>Check again</button>
          </>
        )}
        {access === 'ready' && (
          <button type="button" class="pb-primary" onClick={onOpen} disabled={busy || !protocol}>Open session</button>
        )}
      </div>
    </div>
  );
}
