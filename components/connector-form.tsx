/**
 * Options › Portal connectors › Add / Edit form. Checks locally, asks the browser for host
 * access to the portal origin while the click still counts as a user gesture, then sends
 * saveConnector. Secrets (API key, password, client secret) go to the background once, on Save,
 * only when typed, and are never read back. An OAuth connector signs in on Save (the background
 * refuses the save, naming the problem, when ServiceNow does not accept the sign-in).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Rules } from '@/utils/config/schema';
import { DEFAULT_RULES, RulesFields, rulesOverrides } from './rules-fields';
import type { PortalKind } from '@/utils/config/schema';
import { checkServerUrl } from '@/utils/config/url';
import { call, OperationFailed } from '@/utils/messaging/client';
import type { ConnectorInput, ConnectorStatus, SaveConnectorInput, Status } from '@/utils/messaging/protocol';
import { failure, type Summary } from '@/utils/status/summary';
import { AUTH_LABELS, AuthFields, authHelp, offeredAuth, type AuthField, type OfferedAuth } from './connector-auth';
import { checkImplementationStates, formatList, formatStateMapping, parseList, parseStateMapping } from './state-mapping';
import { requestHostAccess } from './request-host-access';

export { AUTH_LABELS } from './connector-auth';

/** Kinds offered in the form (the others have no client yet). */
export const OFFERED_KINDS: { kind: PortalKind; label: string }[] = [
  { kind: 'sdp', label: 'ServiceDesk Plus' },
  { kind: 'servicenow', label: 'ServiceNow' },
];

const EXAMPLES: Partial<Record<PortalKind, { name: string; url: string }>> = {
  sdp: { name: 'Corp SDP', url: 'https://servicedesk.example.com:8080' },
  servicenow: { name: 'Corp ServiceNow', url: 'https://yourcompany.service-now.com' },
};

/** "Advanced: states" help per portal: the mapping's example and the default implementation states. */
const STATE_HELP: Partial<Record<PortalKind, { mapping: string; example: string; implementation: string; defaults: string }>> = {
  servicenow: {
    mapping:
      'One override per line: the state’s value or label, then = and open, in-progress, resolved, closed or cancelled. The same number means different things per table, so prefix the table when needed, e.g. incident:3 = in-progress or Awaiting Vendor = open.',
    example: 'incident:3 = in-progress\nAwaiting Vendor = open',
    implementation:
      'Change states (value or label, comma-separated) in which privileged work is allowed, e.g. Scheduled, Implement or -1. Empty: Scheduled, Implement.',
    defaults: 'Scheduled, Implement',
  },
  sdp: {
    mapping:
      'One override per line: the status name, then = and open, in-progress, resolved, closed or cancelled, e.g. Onhold = resolved or Awaiting vendor = open.',
    example: 'Onhold = resolved\nAwaiting vendor = open',
    implementation: 'Change stages (comma-separated) that count as implementation, where privileged work is allowed. Empty: Implementation.',
    defaults: 'Implementation',
  },
};

type Field = 'kind' | 'name' | 'baseUrl' | 'auth' | AuthField | 'portalId' | 'states' | 'implementationStates';
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: Field[] = ['kind', 'name', 'baseUrl', 'auth', 'clientId', 'clientSecret', 'username', 'password', 'secret', 'portalId', 'states', 'implementationStates'];
const ADVANCED_FIELDS: Field[] = ['states', 'implementationStates'];

interface Props {
  /** The connector being edited; absent for a new one. */
  editing?: ConnectorStatus;
  onSaved: (status: Status, result: Summary) => void;
  onFailed: (result: Summary) => void;
  onCancel: () => void;
}

const EMPTY_SECRETS: Record<AuthField, string> = { username: '', password: '', clientId: '', clientSecret: '', secret: '' };

export function ConnectorForm({ editing, onSaved, onFailed, onCancel }: Props) {
  const initial = editing?.connector;
  const [kind, setKind] = useState<PortalKind>(initial?.kind ?? 'sdp');
  const [name, setName] = useState(initial?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(initial?.baseUrl ?? '');
  const [authType, setAuthType] = useState<OfferedAuth>(() => {
    const type = initial?.auth.type as OfferedAuth | undefined;
    return type && offeredAuth(initial!.kind).includes(type) ? type : 'session';
  });
  const [values, setValues] = useState<Record<AuthField, string>>({
    ...EMPTY_SECRETS,
    username: initial?.auth.username ?? '',
    clientId: initial?.auth.clientId ?? '',
  });
  const [portalId, setPortalId] = useState(initial?.auth.portalId ?? '');
  const [writeNote, setWriteNote] = useState(initial?.writeNote ?? false);
  const [rules, setRules] = useState<Rules>({ ...DEFAULT_RULES, ...initial?.rules });
  const [mapping, setMapping] = useState(() => formatStateMapping(initial?.states));
  const [implementation, setImplementation] = useState(() => formatList(initial?.implementationStates));
  const [advancedOpen, setAdvancedOpen] = useState(() => mapping !== '' || implementation !== '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const advancedRef = useRef<HTMLDetailsElement>(null);
  const modes = offeredAuth(kind);
  const label = OFFERED_KINDS.find((k) => k.kind === kind)?.label ?? kind;
  const example = EXAMPLES[kind] ?? EXAMPLES.sdp!;
  const stateHelp = STATE_HELP[kind] ?? STATE_HELP.sdp!;

  // A saved secret counts for the mode it was saved for (shown as "… saved", never the secret).
  const savedHint = editing?.secret.saved && initial?.kind === kind && initial.auth.type === authType ? editing.secret.hint : undefined;

  useEffect(() => first.current?.focus(), []);

  function changeKind(next: PortalKind) {
    setKind(next);
    if (!offeredAuth(next).includes(authType)) setAuthType('session');
  }

  function showErrors(found: FieldErrors) {
    setErrors(found);
    const field = FIELDS.find((f) => found[f]);
    if (ADVANCED_FIELDS.some((f) => found[f]) && advancedRef.current) {
      // Open the section so its error shows (and first: a control inside a closed <details> cannot take focus).
      advancedRef.current.open = true;
      setAdvancedOpen(true);
    }
    if (field) formRef.current?.querySelector<HTMLElement>(`#connector-${field}`)?.focus();
  }

  /** Local "required" checks; the background checks everything again (and signs in for OAuth). */
  function missing(origin: string | undefined): FieldErrors {
    const found: FieldErrors = {};
    const saved = savedHint !== undefined;
    const sameOrigin = !!initial && origin === initial.baseUrl;
    const typed = (field: AuthField) => values[field].trim() !== '';
    const moved = saved && !sameOrigin;
    switch (authType) {
      case 'api-key':
        if (!typed('secret') && !(saved && sameOrigin)) {
          found.secret = moved ? 'The portal URL changed: paste the API key again, so it is only sent to the new address.' : `Paste the API key from ${label}.`;
        }
        break;
      case 'basic':
        if (!typed('username')) found.username = `Enter the username of the ${label} integration user.`;
        else if (!typed('password') && !(saved && sameOrigin && values.username.trim() === initial?.auth.username)) {
          found.password = moved
            ? 'The portal URL changed: type the password again, so it is only sent to the new address.'
            : saved
              ? 'The username changed: type its password.'
              : `Enter the password of ${values.username.trim()}.`;
        }
        break;
      case 'oauth2': {
        if (!typed('clientId')) found.clientId = 'Enter the client ID from System OAuth › Application Registry.';
        const sameClient = saved && sameOrigin && values.clientId.trim() === initial?.auth.clientId;
        if (!typed('clientSecret') && !sameClient && !found.clientId) {
          found.clientSecret = moved
            ? 'The portal URL changed: enter the client secret and password again, so they are only sent to the new address.'
            : saved
              ? 'The client ID changed: enter its client secret.'
              : 'Enter the client secret from System OAuth › Application Registry.';
        }
        if (!typed('username')) found.username = `Enter the ${label} username to sign in with.`;
        const keep = sameClient && !typed('clientSecret') && values.username.trim() === initial?.auth.username;
        if (!typed('password') && !keep) found.password = 'Enter the password once: PAM Bridge signs in with it to get a refresh token and does not store it.';
        break;
      }
    }
    return found;
  }

  async function save(event: Event) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!name.trim()) found.name = 'Give the connector a name.';
    const url = checkServerUrl(baseUrl);
    if (!url.ok) found.baseUrl = portalUrlMessage(url.message, kind);
    Object.assign(found, missing(url.ok ? url.origin : undefined));
    const states = parseStateMapping(mapping);
    if (!states.ok) found.states = states.message;
    const implementationStates = parseList(implementation);
    const listProblem = checkImplementationStates(implementationStates);
    if (listProblem) found.implementationStates = listProblem;
    showErrors(found);
    if (!url.ok || !states.ok || Object.keys(found).length) return;

    // First, inside the click's user gesture: the browser asks the user for this origin only.
    const granted = await requestHostAccess(url.origin);
    setBusy(true);
    const connector: ConnectorInput = {
      ...(initial ? { id: initial.id } : {}),
      kind,
      name,
      baseUrl,
      auth: {
        type: authType,
        ...(kind === 'sdp' && portalId.trim() ? { portalId: portalId.trim() } : {}),
        ...((authType === 'basic' || authType === 'oauth2') && values.username.trim() ? { username: values.username.trim() } : {}),
        ...(authType === 'oauth2' && values.clientId.trim() ? { clientId: values.clientId.trim() } : {}),
      },
      writeNote,
      rules: rulesOverrides(rules),
      // Sent when set, or as {} / [] when the connector had an override, which clears it; absent keeps it.
      ...(Object.keys(states.states).length || Object.keys(initial?.states ?? {}).length ? { states: states.states } : {}),
      ...(implementationStates.length || initial?.implementationStates?.length ? { implementationStates } : {}),
    };
    // Secrets only when typed: an empty field keeps what is saved.
    const typed = (field: AuthField) => (values[field].trim() ? values[field] : undefined);
    const secrets: Omit<SaveConnectorInput, 'connector'> = {};
    if (authType === 'api-key' && typed('secret')) secrets.secret = values.secret;
    if ((authType === 'basic' || authType === 'oauth2') && typed('password')) secrets.password = values.password;
    if (authType === 'oauth2' && typed('clientSecret')) secrets.clientSecret = values.clientSecret;
    try {
      const next = await call('saveConnector', { connector, ...secrets });
      setValues((v) => ({ ...v, password: '', clientSecret: '', secret: '' }));
      const named = name.trim();
      const signedIn = authType === 'oauth2' && secrets.password ? ' Signed in with OAuth; the password was not stored.' : '';
      onSaved(
        next,
        granted
          ? { tone: 'ok', headline: `Saved. ${named} is set up.${signedIn}`, next: 'Press Test connection to check it.', needsTest: true }
          : {
              tone: 'warn',
              headline: `Saved, but access to ${url.origin} was not granted, so PAM Bridge cannot work on ${named} yet.`,
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
      <select id="connector-kind" ref={first} value={kind} onChange={(e) => changeKind(e.currentTarget.value as PortalKind)}>
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
        placeholder={example.name}
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
        placeholder={example.url}
        aria-invalid={invalid('baseUrl')}
        aria-describedby="connector-baseUrl-hint connector-baseUrl-error"
        onInput={(e) => setBaseUrl(e.currentTarget.value)}
      />
      <p class="hint" id="connector-baseUrl-hint">
        {kind === 'servicenow'
          ? 'The address you open ServiceNow at (yourcompany.service-now.com or your own domain), without a path. PAM Bridge asks the browser for access to it.'
          : 'The address you open the portal at, without a path. PAM Bridge asks the browser for access to it.'}
      </p>
      {error('baseUrl')}

      <label for="connector-auth">Authentication</label>
      <select
        id="connector-auth"
        value={authType}
        aria-describedby="connector-auth-hint connector-auth-error"
        onChange={(e) => {
          setAuthType(e.currentTarget.value as OfferedAuth);
          setErrors({});
        }}
      >
        {modes.map((mode) => (
          <option key={mode} value={mode}>
            {AUTH_LABELS[mode]}
          </option>
        ))}
      </select>
      <p class="hint" id="connector-auth-hint">
        <strong>{AUTH_LABELS[authType]}</strong>
        {authType === 'session' ? ' (default)' : ''}: {authHelp(kind, authType)}
      </p>
      {error('auth')}

      <AuthFields
        kind={kind}
        type={authType}
        values={values}
        onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
        savedHint={savedHint}
        error={error}
        invalid={invalid}
      />

      {kind === 'sdp' && (
        <>
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
        </>
      )}

      <label for="connector-writeNote">
        <input id="connector-writeNote" type="checkbox" checked={writeNote} onChange={(e) => setWriteNote(e.currentTarget.checked)} />{' '}
        Add a private note to the ticket when a session opens
      </label>

      <RulesFields rules={rules} onChange={setRules} />

      <details
        ref={advancedRef}
        class="advanced"
        open={advancedOpen}
        onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}
        style={{ marginTop: '1rem', maxWidth: '32rem' }}
      >
        <summary style={{ cursor: 'pointer', fontWeight: 600 }}>Advanced: states</summary>
        <p class="hint">Only for portals whose states were customised. Empty fields use PAM Bridge’s built-in states.</p>

        <label for="connector-states">State mapping</label>
        <textarea
          id="connector-states"
          rows={4}
          value={mapping}
          placeholder={stateHelp.example}
          spellcheck={false}
          aria-invalid={invalid('states')}
          aria-describedby="connector-states-hint connector-states-error"
          onInput={(e) => setMapping(e.currentTarget.value)}
          style={{ boxSizing: 'border-box', width: '100%', font: 'inherit', padding: '0.45rem 0.6rem' }}
        />
        <p class="hint" id="connector-states-hint">
          {stateHelp.mapping} Lines starting with # are ignored.
        </p>
        {error('states')}

        <label for="connector-implementationStates">Implementation states</label>
        <input
          id="connector-implementationStates"
          type="text"
          value={implementation}
          placeholder={stateHelp.defaults}
          aria-invalid={invalid('implementationStates')}
          aria-describedby="connector-implementationStates-hint connector-implementationStates-error"
          onInput={(e) => setImplementation(e.currentTarget.value)}
        />
        <p class="hint" id="connector-implementationStates-hint">{stateHelp.implementation}</p>
        {error('implementationStates')}
      </details>

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
export function portalUrlMessage(message: string, kind: PortalKind = 'sdp'): string {
  return message.replaceAll('pam360.example.com:8282', kind === 'servicenow' ? 'yourcompany.service-now.com' : 'servicedesk.example.com:8080');
}

