/**
 * The connector form's sign-in part: which authentication each portal kind offers, the inputs
 * each mode needs (labelled exactly "Username", "Password", "Client ID", "Client secret",
 * "API key"), its help text, and how a saved secret is described. Secrets are never shown
 * back: only "Password saved", "Client secret and refresh token saved (ends …ab12)",
 * "API key saved (ends …ab12)".
 */
import type { ComponentChildren } from 'preact';
import type { Connector, PortalKind } from '@/utils/config/schema';

export const AUTH_LABELS = {
  session: 'My signed-in session',
  basic: 'Basic',
  oauth2: 'OAuth 2.0',
  'api-key': 'API key',
} as const;
export type OfferedAuth = keyof typeof AUTH_LABELS;

/** Authentication offered per kind, in menu order (the background's SUPPORTED_AUTH matches). */
export const AUTH_BY_KIND: Partial<Record<PortalKind, readonly OfferedAuth[]>> = {
  sdp: ['session', 'api-key'],
  servicenow: ['session', 'basic', 'oauth2', 'api-key'],
};

export const offeredAuth = (kind: PortalKind): readonly OfferedAuth[] => AUTH_BY_KIND[kind] ?? ['session'];

/** One sentence per mode and kind, shown under "Authentication" for the chosen mode. */
export function authHelp(kind: PortalKind, type: OfferedAuth): ComponentChildren {
  if (kind === 'servicenow') {
    switch (type) {
      case 'session':
        return 'Uses your open ServiceNow tab: each call runs there with your own session and its CSRF token (g_ck). Nothing is stored.';
      case 'basic':
        return 'A dedicated ServiceNow integration user with a local password. Users who sign in only through SSO have no local password, so Basic does not work for them. The password is stored encrypted on this computer.';
      case 'oauth2':
        return 'An OAuth client from ServiceNow’s Application Registry (System OAuth › Application Registry). On Save, PAM Bridge signs in once with the username and password to get a refresh token; the password is NOT stored. The client secret and refresh token are stored encrypted on this computer.';
      case 'api-key':
        return 'An inbound REST API key (System Web Services › API Access Policies › REST API Key), sent as the x-sn-apikey header. Stored encrypted on this computer.';
    }
  }
  switch (type) {
    case 'api-key':
      return 'A technician key from ServiceDesk Plus, stored encrypted on this computer.';
    case 'session':
      return 'Uses your own portal session in an open portal tab. No secret is stored.';
    default:
      return null;
  }
}

/** How a saved credential is described in options (never the secret; a key only by its last 4). */
export function savedCredentialText(type: Connector['auth']['type'], secret: { saved: false } | { saved: true; hint: string }): string | undefined {
  switch (type) {
    case 'session':
      return undefined;
    case 'basic':
      return secret.saved ? 'Password saved' : 'No password saved';
    case 'oauth2':
      return secret.saved ? `Client secret and refresh token saved (${secret.hint})` : 'Not signed in with OAuth yet';
    case 'api-key':
      return secret.saved ? `API key saved (${secret.hint})` : 'No API key saved';
    default:
      return secret.saved ? `Secret saved (${secret.hint})` : 'No secret saved';
  }
}

export type AuthField = 'username' | 'password' | 'clientId' | 'clientSecret' | 'secret';

interface FieldsProps {
  kind: PortalKind;
  type: OfferedAuth;
  values: Record<AuthField, string>;
  onChange: (field: AuthField, value: string) => void;
  /** The saved credential's hint when one is saved for this mode, else undefined. */
  savedHint: string | undefined;
  error: (field: AuthField) => ComponentChildren;
  invalid: (field: AuthField) => 'true' | 'false';
}

/** The inputs the chosen mode needs; nothing for session mode. */
export function AuthFields({ kind, type, values, onChange, savedHint, error, invalid }: FieldsProps) {
  const saved = savedHint !== undefined;
  const product = kind === 'servicenow' ? 'ServiceNow' : 'the portal';
  const input = (field: AuthField, label: string, props: { secret?: boolean; placeholder?: string; hint: ComponentChildren }) => {
    const common = {
      id: `connector-${field}`,
      spellcheck: false,
      value: values[field],
      ...(props.placeholder ? { placeholder: props.placeholder } : {}),
      'aria-invalid': invalid(field),
      'aria-describedby': `connector-${field}-hint connector-${field}-error`,
      onInput: (e: Event) => onChange(field, (e.currentTarget as HTMLInputElement).value),
    };
    return (
      <>
        <label for={`connector-${field}`}>{label}</label>
        {props.secret ? <input type="password" autocomplete="new-password" {...common} /> : <input type="text" autocomplete="off" {...common} />}
        <p class="hint" id={`connector-${field}-hint`}>
          {props.hint}
        </p>
        {error(field)}
      </>
    );
  };

  switch (type) {
    case 'basic':
      return (
        <>
          {input('username', 'Username', { hint: `The integration user’s user name in ${product}.` })}
          {input('password', 'Password', {
            secret: true,
            ...(saved ? { placeholder: 'Leave empty to keep the saved password' } : {}),
            hint: `${saved ? 'Password saved. Leave empty to keep it. ' : ''}Stored encrypted on this computer; only PAM Bridge’s background uses it, and it is never shown again.`,
          })}
        </>
      );
    case 'oauth2':
      return (
        <>
          {input('clientId', 'Client ID', { hint: 'From System OAuth › Application Registry in ServiceNow.' })}
          {input('clientSecret', 'Client secret', {
            secret: true,
            ...(saved ? { placeholder: 'Leave empty to keep the saved client secret' } : {}),
            hint: `${saved ? `Client secret and refresh token saved (${savedHint}). Leave the client secret and password empty to keep them. ` : ''}Stored encrypted on this computer; never shown again.`,
          })}
          {input('username', 'Username', { hint: `The ${product} user PAM Bridge signs in as.` })}
          {input('password', 'Password', {
            secret: true,
            ...(saved ? { placeholder: 'Only to sign in again' } : {}),
            hint: 'Used once, on Save, to get a refresh token from ServiceNow; it is not stored.',
          })}
        </>
      );
    case 'api-key':
      return input('secret', 'API key', {
        secret: true,
        placeholder: saved ? 'Leave empty to keep the saved key' : kind === 'servicenow' ? 'Paste the REST API key' : 'Paste the technician’s API key',
        hint: `${saved ? `API key saved (${savedHint}). Leave empty to keep it. ` : ''}Only PAM Bridge’s background uses it; it is never shown again.`,
      });
    default:
      return null;
  }
}
