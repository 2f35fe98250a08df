/**
 * Options › PAM360: server URL, organization, auth token, Save and Test connection.
 * The token goes to the background once, on Save, and is never read back: the page only learns
 * "token saved (ends …ab12)".
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { checkToken } from '@/utils/config/token';
import { checkServerUrl } from '@/utils/config/url';
import { call, OperationFailed } from '@/utils/messaging/client';
import type { Status } from '@/utils/messaging/protocol';
import { describeConnection, failure, summarize, type Summary } from '@/utils/status/summary';
import { StatusBox } from './status-box';
import { requestHostAccess } from './request-host-access';

interface Props {
  status: Status;
  onStatus: (status: Status) => void;
}

type FieldErrors = Partial<Record<'serverUrl' | 'orgName' | 'token', string>>;

export function Pam360Section({ status, onStatus }: Props) {
  const { pam360 } = status;
  const [serverUrl, setServerUrl] = useState(pam360.serverUrl);
  const [orgName, setOrgName] = useState(pam360.orgName);
  // The fields follow the saved values when those change (a save, an imported file). Not on mount:
  // the effect runs after the first paint, when the user may already be typing.
  const saved = useRef({ serverUrl: pam360.serverUrl, orgName: pam360.orgName });
  useEffect(() => {
    if (saved.current.serverUrl === pam360.serverUrl && saved.current.orgName === pam360.orgName) return;
    saved.current = { serverUrl: pam360.serverUrl, orgName: pam360.orgName };
    setServerUrl(pam360.serverUrl);
    setOrgName(pam360.orgName);
  }, [pam360.serverUrl, pam360.orgName]);
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<string | undefined>();
  const [result, setResultState] = useState<Summary | null>(status.connection ? describeConnection(status.connection) : null);
  const [seq, setSeq] = useState(0);
  const setResult = (summary: Summary | null) => {
    setResultState(summary);
    setSeq((n) => n + 1);
  };

  async function save(event: Event) {
    event.preventDefault();
    const found: FieldErrors = {};
    const url = serverUrl.trim() ? checkServerUrl(serverUrl) : undefined;
    if (url && !url.ok) found.serverUrl = url.message;
    if (token.trim()) {
      const checked = checkToken(token);
      if (!checked.ok) found.token = checked.message;
    }
    setErrors(found);
    if (Object.keys(found).length) return;

    // Ask for host access first, while the click still counts as a user gesture.
    const granted = url?.ok ? await requestHostAccess(url.origin) : true;
    setBusy('Saving…');
    try {
      const next = await call('savePamSettings', { serverUrl, orgName, ...(token.trim() ? { token } : {}) });
      setToken('');
      onStatus(next);
      if (url?.ok && !granted) {
        setResult({
          tone: 'warn',
          headline: `Saved, but access to ${url.origin} was not granted, so PAM Bridge cannot reach PAM360.`,
          next: 'Press Save again and choose Allow, or allow the site under the extension’s “Site access” in the browser’s extension settings.',
          needsTest: false,
        });
      } else if (next.pam360.serverUrl && next.pam360.token.saved) {
        await test();
        return;
      } else {
        setResult({ ...summarize(next), headline: `Saved. ${summarize(next).headline}` });
      }
    } catch (error) {
      showFailure(error);
    }
    setBusy(undefined);
  }

  async function test() {
    setBusy('Testing connection…');
    try {
      const connection = await call('testPamConnection', {});
      setResult(describeConnection(connection));
      onStatus(await call('getStatus', {}));
    } catch (error) {
      showFailure(error);
    }
    setBusy(undefined);
  }

  async function forgetToken() {
    try {
      onStatus(await call('clearPamToken', {}));
      setResult({ tone: 'warn', headline: 'Token removed.', next: 'Paste a token and press Save to connect again.', needsTest: false });
    } catch (error) {
      showFailure(error);
    }
  }

  function showFailure(error: unknown) {
    if (error instanceof OperationFailed) {
      const field = error.error.detail;
      if (field === 'serverUrl' || field === 'orgName' || field === 'token') {
        setErrors({ [field]: error.error.message });
        setResult(null);
        return;
      }
    }
    setResult(failure(error));
  }

  return (
    <section aria-labelledby="pam360-heading">
      <h2 id="pam360-heading">PAM360 connection</h2>
      <form onSubmit={save} noValidate>
        <label for="pam360-url">PAM360 server URL</label>
        <input
          id="pam360-url"
          type="url"
          inputMode="url"
          placeholder="https://pam360.example.com:8282"
          value={serverUrl}
          disabled={pam360.locked.serverUrl}
          aria-invalid={errors.serverUrl ? 'true' : 'false'}
          aria-describedby="pam360-url-hint pam360-url-error"
          onInput={(e) => setServerUrl(e.currentTarget.value)}
        />
        <p class="hint" id="pam360-url-hint">
          {pam360.locked.serverUrl ? 'Set by your administrator.' : 'The address you open PAM360 at; port 8282 by default.'}
        </p>
        {errors.serverUrl && <p class="field-error" id="pam360-url-error" role="alert">{errors.serverUrl}</p>}

        <label for="pam360-org">Organization (MSP)</label>
        <input
          id="pam360-org"
          type="text"
          value={orgName}
          disabled={pam360.locked.orgName}
          aria-invalid={errors.orgName ? 'true' : 'false'}
          aria-describedby="pam360-org-hint pam360-org-error"
          onInput={(e) => setOrgName(e.currentTarget.value)}
        />
        <p class="hint" id="pam360-org-hint">
          {pam360.locked.orgName ? 'Set by your administrator.' : 'Only for MSP installs of PAM360; leave empty otherwise.'}
        </p>
        {errors.orgName && <p class="field-error" id="pam360-org-error" role="alert">{errors.orgName}</p>}

        <label for="pam360-token">Auth token</label>
        <input
          id="pam360-token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder={pam360.token.saved ? 'Paste a new token to replace the saved one' : 'Paste your PAM360 auth token'}
          value={token}
          aria-invalid={errors.token ? 'true' : 'false'}
          aria-describedby="pam360-token-hint pam360-token-error"
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        <p class="hint" id="pam360-token-hint" data-testid="token-hint">
          {pam360.token.saved ? `Token saved (${pam360.token.hint}).` : 'No token saved.'} Stored encrypted on this computer; only
          PAM Bridge’s background uses it.
        </p>
        {errors.token && <p class="field-error" id="pam360-token-error" role="alert">{errors.token}</p>}

        <div class="actions">
          <button type="submit" class="primary" disabled={!!busy}>Save</button>
          <button type="button" onClick={test} disabled={!!busy}>Test connection</button>
          {pam360.token.saved && (
            <button type="button" onClick={forgetToken} disabled={!!busy}>Forget token</button>
          )}
        </div>
      </form>
      <StatusBox summary={result} busy={busy} testId="pam360-result" seq={seq} />
    </section>
  );
}
