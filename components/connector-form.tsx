/**
 * Options › Portal connectors › Add / Edit form. Checks locally, asks the browser for host
 * access to the portal origin while the click still counts as a user gesture, then sends
 * saveConnector. An API key goes to the background once, on Save, and is never read back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Rules } from '@/utils/config/schema';
import { DEFAULT_RULES, RulesFields, rulesOverrides } from './rules-fields';
import { browser } from 'wxt/browser';
import type { PortalKind } from '@/utils/config/schema';
import { checkServerUrl, originPattern } from '@/utils/config/url';
import { call, OperationFailed } from '@/utils/messaging/client';
import type { ConnectorInput, ConnectorStatus, Status } from '@/utils/messaging/protocol';
import type { Summary } from '@/utils/status/summary';

/** Kinds offered in the form (the others have no client yet). */
export const OFFERED_KINDS: { kind: PortalKind; label: string }[] = [{ kind: 'sdp', label: 'ServiceDesk Plus' }];

export const AUTH_LABELS = { session: 'My signed-in session', 'api-key': 'API key' } as const;
type OfferedAuth = keyof typeof AUTH_LABELS;

type Field = 'kind' | 'name' | 'baseUrl' | 'auth' | 'secret' | 'portalId';
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: Field[] = ['kind', 'name', 'baseUrl', 'auth', 'secret', 'portalId'];

interface Props {
  /** The connector being edited; absent for a new one. */
  editing?: ConnectorStatus;
  onSaved: (status: Status, result: Summary) => void;
  onFailed: (result: Summary) => void;
  onCancel: () => void;
}

export function ConnectorForm({ editing, onSaved, onFailed, onCancel }: Props) {
  const initial = editing?.connector;
  const [kind, setKind] = useState<PortalKind>(initial?.kind ?? 'sdp');
  const [name, setName] = useState(initial?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(initial?.baseUrl ?? '');
  const [authType, setAuthType] = useState<OfferedAuth>(initial?.auth.type === 'api-key' ? 'api-key' : 'session');
  const [apiKey, setApiKey] = useState('');
  const [portalId, setPortalId] = useState(initial?.auth.portalId ?? '');
  const [writeNote, setWriteNote] = useState(initial?.writeNote ?? false);
  const [rules, setRules] = useState<Rules>({ ...DEFAULT_RULES, ...initial?.rules });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const keySaved = editing?.secret.saved ? editing.secret.hint : undefined;

  useEffect(() => first.current?.focus(), []);

  function showErrors(found: FieldErrors) {
    setErrors(found);
    const field = FIELDS.find((f) => found[f]);
    if (field) formRef.current?.querySelector<HTMLElement>(`#connector-${field}`)?.focus();
  }

  async function save(event: Event) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!name.trim()) found.name = 'Give the connector a name.';
    const url = checkServerUrl(baseUrl);
    if (!url.ok) found.baseUrl = portalUrlMessage(url.message);
    if (authType === 'api-key' && !apiKey.trim() && !keySaved) found.secret = 'Paste the API key from ServiceDesk Plus.';
    showErrors(found);
    if (!url.ok || Object.keys(found).length) return;

    // First, inside the click's user gesture: the browser asks the user for this origin only.
    let granted = false;
    try {
      granted = await browser.permissions.request({ origins: [originPattern(url.origin)] });
    } catch {
      granted = false;
    }
    setBusy(true);
    const connector: ConnectorInput = {
      ...(initial ? { id: initial.id } : {}),
      kind,
      name,
      baseUrl,
      auth: { type: authType, ...(portalId.trim() ? { portalId: portalId.trim() } : {}) },
      writeNote,
      rules: rulesOverrides(rules),
    };
    try {
      const next = await call('saveConnector', {
        connector,
        ...(authType === 'api-key' && apiKey.trim() ? { secret: apiKey } : {}),
      });
      setApiKey('');
      const label = name.trim();
      onSaved(
        next,
        granted
          ? { tone: 'ok', headline: `Saved. ${label} is set up.`, next: 'Press Test connection to check it.', needsTest: true }
          : {
              tone: 'warn',
              headline: `Saved, but access to ${url.origin} was not granted, so PAM Bridge cannot work on ${label} yet.`,
              next: 'Press Grant access and choose Allow.',
              needsTest: false,
            },
      );
    } catch (error) {
      setBusy(false);
      const field = error instanceof OperationFailed ? (error.error.detail as Field | undefined) : undefined;
      if (error instanceof OperationFailed && field && FIELDS.includes(field)) {
        showErrors({ [field]: error.error.message });
        return;
      }
      onFailed(failure(error));
    }
  }

  const error = (field: Field) =>
    errors[field] ? (
      <p class="field-error" id={`connector-${field}-error`} role="alert">
        {errors[field]}
      </p>
    ) : null;
  const invalid = (field: Field) => (errors[field] ? 'true' : 'false');

  return (
    <form ref={formRef} onSubmit={save} noValidate aria-labelledby="connector-form-heading">
      <h3 id="connector-form-heading">{initial ? `Edit ${initial.name}` : 'Add connector'}</h3>

      <label for="connector-kind">Portal type</label>
      <select id="connector-kind" ref={first} value={kind} onChange={(e) => setKind(e.currentTarget.value as PortalKind)}>
        {OFFERED_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {error('kind')}

      <label for="connector-name">Name</label>
      <input
        id="connector-name"
        type="text"
        value={name}
        placeholder="Corp SDP"
        aria-invalid={invalid('name')}
        aria-describedby="connector-name-hint connector-name-error"
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <p class="hint" id="connector-name-hint">How this portal is called in PAM Bridge.</p>
      {error('name')}

      <label for="connector-baseUrl">Portal URL</label>
      <input
        id="connector-baseUrl"
        type="url"
        inputMode="url"
        value={baseUrl}
        placeholder="https://servicedesk.example.com:8080"
        aria-invalid={invalid('baseUrl')}
        aria-describedby="connector-baseUrl-hint connector-baseUrl-error"
        onInput={(e) => setBaseUrl(e.currentTarget.value)}
      />
      <p class="hint" id="connector-baseUrl-hint">The address you open the portal at, without a path. PAM Bridge asks the browser for access to it.</p>
      {error('baseUrl')}

      <label for="connector-auth">Authentication</label>
      <select
        id="connector-auth"
        value={authType}
        aria-describedby="connector-auth-hint connector-auth-error"
        onChange={(e) => setAuthType(e.currentTarget.value as OfferedAuth)}
      >
        <option value="session">{AUTH_LABELS.session}</option>
        <option value="api-key">{AUTH_LABELS['api-key']}</option>
      </select>
      <div class="hint" id="connector-auth-hint">
        <p class="hint">
          <strong>{AUTH_LABELS.session}</strong> (default): uses your own portal session in an open portal tab. No secret is stored.
        </p>
        <p class="hint">
          <strong>{AUTH_LABELS['api-key']}</strong>: a technician key from ServiceDesk Plus, stored encrypted on this computer.
        </p>
      </div>
      {error('auth')}

      {authType === 'api-key' && (
        <>
          <label for="connector-secret">API key</label>
          <input
            id="connector-secret"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={apiKey}
            placeholder={keySaved ? 'Leave empty to keep the saved key' : 'Paste the technician’s API key'}
            aria-invalid={invalid('secret')}
            aria-describedby="connector-secret-hint connector-secret-error"
            onInput={(e) => setApiKey(e.currentTarget.value)}
          />
          <p class="hint" id="connector-secret-hint">
            {keySaved ? `API key saved (${keySaved}). Leave empty to keep it. ` : ''}Only PAM Bridge’s background uses it; it is never shown again.
          </p>
          {error('secret')}
        </>
      )}

      <label for="connector-portalId">Portal ID (optional)</label>
      <input
        id="connector-portalId"
        type="text"
        value={portalId}
        aria-invalid={invalid('portalId')}
        aria-describedby="connector-portalId-hint connector-portalId-error"
        onInput={(e) => setPortalId(e.currentTarget.value)}
      />
      <p class="hint" id="connector-portalId-hint">Only for ServiceDesk Plus with several portals: the number after PORTALID= in its address.</p>
      {error('portalId')}

      <label for="connector-writeNote">
        <input id="connector-writeNote" type="checkbox" checked={writeNote} onChange={(e) => setWriteNote(e.currentTarget.checked)} />{' '}
        Add a private note to the ticket when a session opens
      </label>

      <RulesFields rules={rules} onChange={setRules} />

      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Save connector
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** checkServerUrl's sentences, with a portal example instead of the PAM360 one (as the background words them). */
export function portalUrlMessage(message: string): string {
  return message.replaceAll('pam360.example.com:8282', 'servicedesk.example.com:8080');
}

export function failure(error: unknown): Summary {
  if (error instanceof OperationFailed) {
    const { message, next, detail } = error.error;
    return { tone: 'error', headline: message, ...(next ? { next } : {}), ...(detail ? { detail } : {}), needsTest: false };
  }
  return { tone: 'error', headline: String(error), needsTest: false };
}
