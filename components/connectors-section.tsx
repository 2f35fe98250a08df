/**
 * Options › Portal connectors: the configured portals with their state (host access, page
 * script, saved key, policy lock) and per-connector actions. Each connector is a named group,
 * so its buttons can be found by the connector's name (the PAM360 section has a "Test
 * connection" button too). Secrets are never shown: only "API key saved (ends …ab12)",
 * "Password saved", "Client secret and refresh token saved (ends …ab12)".
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '@/utils/messaging/client';
import type { ConnectorStatus, ConnectorTestResult, Status } from '@/utils/messaging/protocol';
import { failure, type Summary } from '@/utils/status/summary';
import { savedCredentialText } from './connector-auth';
import { AUTH_LABELS, ConnectorForm, OFFERED_KINDS } from './connector-form';
import { StatusBox } from './status-box';
import { requestHostAccess } from './request-host-access';

interface Props {
  status: Status;
  onStatus: (status: Status) => void;
}

interface Result {
  summary: Summary | null;
  busy?: string;
  seq: number;
}

const EMPTY: Result = { summary: null, seq: 0 };

/** A result box's state; `seq` counts completed updates (tests wait for it to grow). */
function useResult() {
  const [result, setResult] = useState<Result>(EMPTY);
  return {
    result,
    busy: (busy: string) => setResult((r) => ({ ...r, busy })),
    show: (summary: Summary | null) => setResult((r) => ({ summary, seq: r.seq + 1 })),
  };
}

export function ConnectorsSection({ status, onStatus }: Props) {
  const [form, setForm] = useState<{ id?: string } | null>(null);
  const section = useResult();
  const locked = status.connectors.some((c) => c.locked);
  const editing = form?.id ? status.connectors.find((c) => c.connector.id === form.id) : undefined;
  const addButton = useRef<HTMLButtonElement>(null);
  const formWasOpen = useRef(false);
  // Keyboard users land back on "Add connector" when the form closes (saved or cancelled).
  useEffect(() => {
    if (formWasOpen.current && !form) addButton.current?.focus();
    formWasOpen.current = !!form;
  }, [form]);

  return (
    <section aria-labelledby="connectors-heading">
      <h2 id="connectors-heading">Portal connectors</h2>
      <p class="hint">
        The ITSM portals where PAM Bridge adds <em>Validate for PAM</em> and <em>Open remote session</em> to ticket pages. PAM
        Bridge runs only on the portals listed here, and only after you grant access to them.
      </p>
      {locked && <p class="locked">Set by your administrator: connectors cannot be added, edited or removed here.</p>}

      {status.connectors.length === 0 ? (
        <p>No connectors yet.</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {status.connectors.map((item) => (
            <li key={item.connector.id}>
              <ConnectorItem
                item={item}
                onStatus={onStatus}
                onEdit={() => setForm({ id: item.connector.id })}
                onRemoved={(next) => {
                  onStatus(next);
                  if (form?.id === item.connector.id) setForm(null);
                  section.show({ tone: 'ok', headline: `Removed ${item.connector.name}.`, needsTest: false });
                }}
                onRemoveFailed={(summary) => section.show(summary)}
                onRemoving={() => section.busy(`Removing ${item.connector.name}…`)}
              />
            </li>
          ))}
        </ul>
      )}

      {form ? (
        <ConnectorForm
          key={form.id ?? 'new'}
          {...(editing ? { editing } : {})}
          onSaved={(next, summary) => {
            onStatus(next);
            setForm(null);
            section.show(summary);
          }}
          onFailed={(summary) => section.show(summary)}
          onCancel={() => setForm(null)}
        />
      ) : (
        !locked && (
          <div class="actions">
            <button type="button" ref={addButton} onClick={() => setForm({})}>
              Add connector
            </button>
          </div>
        )
      )}
      <StatusBox summary={section.result.summary} busy={section.result.busy} testId="connectors-result" seq={section.result.seq} />
    </section>
  );
}

interface ItemProps {
  item: ConnectorStatus;
  onStatus: (status: Status) => void;
  onEdit: () => void;
  onRemoving: () => void;
  onRemoved: (status: Status) => void;
  onRemoveFailed: (summary: Summary) => void;
}

function ConnectorItem({ item, onStatus, onEdit, onRemoving, onRemoved, onRemoveFailed }: ItemProps) {
  const { connector, secret, hostAccess, registered, locked } = item;
  const own = useResult();
  const origin = new URL(connector.baseUrl).origin;
  const kindLabel = OFFERED_KINDS.find((k) => k.kind === connector.kind)?.label ?? connector.kind;
  const authLabel = (AUTH_LABELS as Record<string, string>)[connector.auth.type] ?? connector.auth.type;
  const signsInAs = connector.auth.type === 'basic' || connector.auth.type === 'oauth2' ? connector.auth.username : undefined;
  const secretText = savedCredentialText(connector.auth.type, secret);
  const busy = !!own.result.busy;

  async function refresh() {
    try {
      onStatus(await call('getStatus', {}));
    } catch {
      // the result box already says what happened; the list refreshes on the next action
    }
  }

  async function test(prefix = '') {
    own.busy('Testing connection…');
    try {
      own.show(fromTest(await call('testConnector', { id: connector.id }), prefix));
    } catch (error) {
      own.show(failure(error));
    }
    await refresh(); // a test also brings the page-script registration up to date
  }

  async function grant() {
    const granted = await requestHostAccess(connector.baseUrl); // first, inside the click's user gesture
    if (!granted) {
      own.show({
        tone: 'warn',
        headline: `Access to ${origin} was not granted.`,
        next: 'Press Grant access again and choose Allow, or allow the site under the extension’s “Site access” in the browser’s extension settings.',
        needsTest: false,
      });
      return;
    }
    await test(`Access to ${origin} granted. `);
  }

  async function remove() {
    onRemoving();
    try {
      onRemoved(await call('removeConnector', { id: connector.id }));
    } catch (error) {
      onRemoveFailed(failure(error));
    }
  }

  return (
    <div role="group" aria-label={connector.name} data-testid={`connector-${connector.id}`} style={{ borderTop: '1px solid var(--border)', padding: '0.5rem 0' }}>
      <h3 style={{ margin: '0.25rem 0' }}>{connector.name}</h3>
      <p class="hint">
        {kindLabel} · {connector.baseUrl} · {authLabel}
        {signsInAs ? ` · ${signsInAs}` : ''}
      </p>
      <ul class="hint" style={{ margin: '0.25rem 0', paddingLeft: '1.2rem' }}>
        <li data-testid="host-access">{hostAccess ? `Access to ${origin} granted` : `No access to ${origin} yet`}</li>
        <li data-testid="registered">{registered ? 'Buttons active on this portal’s pages' : 'Buttons not active on this portal yet'}</li>
        {secretText && <li data-testid="secret">{secretText}</li>}
        {connector.writeNote && <li>Adds a private note to the ticket when a session opens</li>}
        {locked && <li class="locked">Locked by policy</li>}
      </ul>
      <div class="actions" style={{ marginTop: '0.5rem' }}>
        {!locked && (
          <button type="button" onClick={onEdit} disabled={busy}>
            Edit
          </button>
        )}
        {!locked && (
          <button type="button" onClick={remove} disabled={busy}>
            Remove
          </button>
        )}
        <button type="button" onClick={() => test()} disabled={busy}>
          Test connection
        </button>
        {!hostAccess && (
          <button type="button" class="primary" onClick={grant} disabled={busy}>
            Grant access
          </button>
        )}
      </div>
      <StatusBox summary={own.result.summary} busy={own.result.busy} testId={`connector-result-${connector.id}`} seq={own.result.seq} />
    </div>
  );
}

function fromTest(result: ConnectorTestResult, prefix: string): Summary {
  if (result.ok) return { tone: 'ok', headline: prefix + result.message, needsTest: false };
  return {
    tone: prefix ? 'warn' : 'error',
    headline: prefix + result.message,
    ...(result.next ? { next: result.next } : {}),
    ...(result.detail ? { detail: result.detail } : {}),
    needsTest: false,
  };
}
