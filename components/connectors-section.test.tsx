// @vitest-environment happy-dom
/**
 * The options UI for connectors, rendered with Preact into happy-dom. The background is
 * replaced by a runtime.sendMessage stub; host-access prompts by a permissions.request stub.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ConnectorStatus, Status } from '@/utils/messaging/protocol';
import { ConnectorsSection } from './connectors-section';

const corp: ConnectorStatus = {
  connector: { id: 'corp-sdp', kind: 'sdp', name: 'Corp SDP', baseUrl: 'https://sdp.example.com:8080', auth: { type: 'api-key' }, writeNote: false },
  secret: { saved: true, hint: 'ends …ab12' },
  hostAccess: false,
  registered: false,
  locked: false,
};

function status(connectors: ConnectorStatus[] = []): Status {
  return {
    version: '0.1.0',
    pam360: { serverUrl: '', orgName: '', token: { saved: false }, hostAccess: false, locked: { serverUrl: false, orgName: false } },
    connection: null,
    connectors,
  };
}

let root: HTMLElement;
let events: string[];
let replies: Record<string, unknown>;
let granted: boolean;
const onStatus = vi.fn();

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  events = [];
  granted = true;
  replies = {};
  onStatus.mockReset();
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((async (p: { origins: string[] }) => {
    events.push(`request ${p.origins.join()}`);
    return granted;
  }) as never);
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { op: string; input: unknown }) => {
    events.push(`${message.op} ${JSON.stringify(message.input)}`);
    const reply = replies[message.op];
    if (reply && typeof reply === 'object' && 'error' in reply) return { ok: false, error: reply.error }; // a refusal
    return { ok: true, data: reply ?? status() };
  }) as never);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

async function show(connectors: ConnectorStatus[]) {
  await act(() => render(<ConnectorsSection status={status(connectors)} onStatus={onStatus} />, root));
}

/** The control a <label> names, as getByLabel does. */
function labelled(text: string): HTMLInputElement & HTMLSelectElement {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  if (!label) throw new Error(`no label "${text}"`);
  const control = label.htmlFor ? root.querySelector(`#${label.htmlFor}`) : label.querySelector('input,select');
  return control as HTMLInputElement & HTMLSelectElement;
}

function group(name: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[role="group"][aria-label="${name}"]`);
  if (!found) throw new Error(`no group "${name}"`);
  return found;
}

function button(name: string, within: ParentNode = root): HTMLButtonElement {
  const found = [...within.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

async function type(control: HTMLInputElement | HTMLSelectElement, value: string) {
  await act(() => {
    control.value = value;
    control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  });
}

async function click(target: HTMLElement) {
  await act(async () => {
    target.click();
  });
  for (let i = 0; i < 10; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
}

describe('ConnectorsSection', () => {
  it('lists connectors with their state and actions, scoped by the connector name', async () => {
    await show([corp, { ...corp, connector: { ...corp.connector, id: 'b', name: 'Branch', auth: { type: 'session' } }, hostAccess: true, registered: true, locked: true }]);
    const item = group('Corp SDP');
    expect(item.textContent).toContain('ServiceDesk Plus · https://sdp.example.com:8080 · API key');
    expect(item.textContent).toContain('API key saved (ends …ab12)');
    expect(item.textContent).toContain('No access to https://sdp.example.com:8080 yet');
    for (const name of ['Edit', 'Remove', 'Test connection', 'Grant access']) expect(button(name, item)).toBeTruthy();

    const locked = group('Branch');
    expect(locked.textContent).toContain('My signed-in session');
    expect(locked.textContent).toContain('Locked by policy');
    expect(locked.textContent).not.toContain('API key saved');
    expect(() => button('Edit', locked)).toThrow();
    expect(() => button('Grant access', locked)).toThrow();
    expect(button('Test connection', locked)).toBeTruthy();
    expect(() => button('Add connector')).toThrow(); // policy sets the connectors
  });

  it('adds a connector: host access is requested first, then saveConnector; the key only when typed', async () => {
    await show([]);
    await click(button('Add connector'));
    expect(labelled('Portal type').value).toBe('sdp');
    expect(labelled('Portal type').selectedOptions[0]!.textContent).toBe('ServiceDesk Plus');
    expect(labelled('Authentication').value).toBe('session');
    expect(root.textContent).not.toContain('API key saved');
    await type(labelled('Name'), 'Corp SDP');
    await type(labelled('Portal URL'), 'https://sdp.example.com:8080');
    await type(labelled('Authentication'), 'api-key');
    await type(labelled('API key'), 'K'.repeat(36));
    await type(labelled('Portal ID (optional)'), '3');
    await act(() => labelled('Add a private note to the ticket when a session opens').click());
    replies.saveConnector = status([corp]);
    await click(button('Save connector'));

    expect(events[0]).toBe('request https://sdp.example.com/*');
    expect(JSON.parse(events[1]!.replace(/^saveConnector /, ''))).toEqual({
      connector: { kind: 'sdp', name: 'Corp SDP', baseUrl: 'https://sdp.example.com:8080', auth: { type: 'api-key', portalId: '3' }, writeNote: true, rules: {} },
      secret: 'K'.repeat(36),
    });
    expect(onStatus).toHaveBeenCalledWith(status([corp]));
    const result = root.querySelector('[data-testid="connectors-result"]')!;
    expect(result.getAttribute('role')).toBe('status');
    expect(result.getAttribute('data-seq')).toBe('1');
    expect(result.textContent).toContain('Saved. Corp SDP is set up.');
  });

  it('says so when access was refused, and that Grant access fixes it', async () => {
    granted = false;
    await show([]);
    await click(button('Add connector'));
    await type(labelled('Name'), 'Corp SDP');
    await type(labelled('Portal URL'), 'https://sdp.example.com');
    await click(button('Save connector'));
    expect(events[1]).toMatch(/^saveConnector /);
    const text = root.querySelector('[data-testid="connectors-result"]')!.textContent!;
    expect(text).toContain('access to https://sdp.example.com was not granted');
    expect(text).toContain('Press Grant access');
  });

  it('checks locally before asking anything, and shows the background’s field errors', async () => {
    await show([]);
    await click(button('Add connector'));
    await type(labelled('Portal URL'), 'javascript:alert(1)');
    await click(button('Save connector'));
    expect(events).toEqual([]);
    expect(root.textContent).toContain('Give the connector a name.');
    expect(root.textContent).toContain('Only https:// URLs are allowed');

    await type(labelled('Name'), 'Corp SDP');
    await type(labelled('Portal URL'), 'https://sdp.example.com');
    await type(labelled('Portal ID (optional)'), '1;x');
    replies.saveConnector = { error: { kind: 'bad-request', message: 'Use the Portal ID from the portal’s address.', detail: 'portalId' } };
    await click(button('Save connector'));
    expect(labelled('Portal ID (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(root.textContent).toContain('Use the Portal ID from the portal’s address.');
  });

  it('edits with the saved key kept when the field is left empty', async () => {
    await show([{ ...corp, hostAccess: true }]);
    await click(button('Edit', group('Corp SDP')));
    expect(labelled('Name').value).toBe('Corp SDP');
    expect(labelled('Authentication').value).toBe('api-key');
    expect(root.textContent).toContain('API key saved (ends …ab12). Leave empty to keep it.');
    await click(button('Save connector'));
    expect(JSON.parse(events[1]!.replace(/^saveConnector /, ''))).toEqual({
      connector: { id: 'corp-sdp', kind: 'sdp', name: 'Corp SDP', baseUrl: 'https://sdp.example.com:8080', auth: { type: 'api-key' }, writeNote: false, rules: {} },
    });
  });

  it('tests one connector and shows the result in its own status area', async () => {
    await show([{ ...corp, hostAccess: true }]);
    replies.testConnector = { ok: false, message: 'API key not accepted by ServiceDesk Plus.', next: 'Paste it again.' };
    await click(button('Test connection', group('Corp SDP')));
    expect(events[0]).toBe('testConnector {"id":"corp-sdp"}');
    const box = group('Corp SDP').querySelector('[role="status"]')!;
    expect(box.getAttribute('data-seq')).toBe('1');
    expect(box.getAttribute('data-tone')).toBe('error');
    expect(box.textContent).toContain('API key not accepted by ServiceDesk Plus.Paste it again.');
  });

  it('grants access from the click, then tests', async () => {
    await show([corp]);
    replies.testConnector = { ok: true, message: 'Connected to ServiceDesk Plus · API key accepted' };
    await click(button('Grant access', group('Corp SDP')));
    expect(events.slice(0, 2)).toEqual(['request https://sdp.example.com/*', 'testConnector {"id":"corp-sdp"}']);
    expect(group('Corp SDP').querySelector('[role="status"]')!.textContent).toContain(
      'Access to https://sdp.example.com:8080 granted. Connected to ServiceDesk Plus',
    );
  });

  it('removes a connector', async () => {
    await show([corp]);
    await click(button('Remove', group('Corp SDP')));
    expect(events).toEqual(['removeConnector {"id":"corp-sdp"}']);
    expect(root.querySelector('[data-testid="connectors-result"]')!.textContent).toBe('Removed Corp SDP.');
  });

  describe('Advanced: states', () => {
    const sent = () => JSON.parse(events.find((e) => e.startsWith('saveConnector '))!.replace(/^saveConnector /, ''));
    const advanced = () => {
      const summary = [...root.querySelectorAll('details > summary')].find((s) => s.textContent?.trim() === 'Advanced: states');
      if (!summary) throw new Error('no "Advanced: states" section');
      return summary.parentElement as HTMLDetailsElement;
    };

    async function addSdp() {
      await click(button('Add connector'));
      await type(labelled('Name'), 'Corp SDP');
      await type(labelled('Portal URL'), 'https://sdp.example.com:8080');
    }

    it('is a closed <details> for a new connector, with per-portal hints and placeholders', async () => {
      await show([]);
      await click(button('Add connector'));
      const details = advanced();
      expect(details.open).toBe(false);
      expect(details.contains(labelled('State mapping'))).toBe(true);
      expect(labelled('State mapping').tagName).toBe('TEXTAREA');
      expect(labelled('State mapping').value).toBe('');
      expect(labelled('Implementation states').value).toBe('');
      expect(labelled('Implementation states').placeholder).toBe('Implementation');
      expect(root.querySelector('#connector-states-hint')!.textContent).toContain('Onhold = resolved');
      await type(labelled('Portal type'), 'servicenow');
      expect(labelled('Implementation states').placeholder).toBe('Scheduled, Implement');
      expect(root.querySelector('#connector-states-hint')!.textContent).toContain('incident:3 = in-progress');
      expect(labelled('State mapping').getAttribute('aria-describedby')).toContain('connector-states-hint');
    });

    it('typing a mapping and implementation states sends them', async () => {
      await show([]);
      await addSdp();
      await type(labelled('State mapping'), '# custom statuses\nOnhold = resolved\n\nAwaiting vendor = In Progress');
      await type(labelled('Implementation states'), 'Implementation, Release, implementation');
      await click(button('Save connector'));
      expect(events[0]).toBe('request https://sdp.example.com/*');
      expect(sent()).toEqual({
        connector: {
          kind: 'sdp', name: 'Corp SDP', baseUrl: 'https://sdp.example.com:8080', auth: { type: 'session' }, writeNote: false, rules: {},
          states: { Onhold: 'resolved', 'Awaiting vendor': 'in-progress' },
          implementationStates: ['Implementation', 'Release'],
        },
      });
    });

    it('a bad line shows the error on the field, opens the section, and sends nothing', async () => {
      await show([]);
      await addSdp();
      await type(labelled('State mapping'), 'Onhold = resolved\npending = later');
      await click(button('Save connector'));
      expect(events).toEqual([]);
      expect(root.querySelector('#connector-states-error')!.textContent).toBe(
        'Line 2: “pending = later” — the state must be one of open, in-progress, resolved, closed, cancelled.',
      );
      expect(labelled('State mapping').getAttribute('aria-invalid')).toBe('true');
      expect(advanced().open).toBe(true);
      expect(document.activeElement).toBe(labelled('State mapping'));

      await type(labelled('State mapping'), 'Onhold = resolved');
      await type(labelled('Implementation states'), Array.from({ length: 21 }, (_, i) => `s${i}`).join(','));
      await click(button('Save connector'));
      expect(events).toEqual([]);
      expect(root.querySelector('#connector-states-error')).toBeNull();
      expect(root.textContent).toContain('At most 20 implementation states (21 given).');
      expect(labelled('Implementation states').getAttribute('aria-invalid')).toBe('true');
    });

    it('shows the saved overrides when editing; clearing the fields clears them ({} and [])', async () => {
      const sn: ConnectorStatus = {
        connector: {
          id: 'acme', kind: 'servicenow', name: 'Acme', baseUrl: 'https://acme.service-now.com', auth: { type: 'session' }, writeNote: false,
          states: { 'incident:3': 'in-progress', 'Awaiting Vendor': 'open' },
          implementationStates: ['Scheduled', 'change_request:-1'],
        },
        secret: { saved: false },
        hostAccess: true,
        registered: true,
        locked: false,
      };
      await show([sn]);
      await click(button('Edit', group('Acme')));
      expect(advanced().open).toBe(true);
      expect(labelled('State mapping').value).toBe('incident:3 = in-progress\nAwaiting Vendor = open');
      expect(labelled('Implementation states').value).toBe('Scheduled, change_request:-1');
      await click(button('Save connector'));
      expect(sent().connector).toMatchObject({ states: sn.connector.states, implementationStates: sn.connector.implementationStates });

      events.length = 0;
      await show([sn]);
      await click(button('Edit', group('Acme')));
      await type(labelled('State mapping'), '  \n# none\n');
      await type(labelled('Implementation states'), ' ');
      await click(button('Save connector'));
      expect(sent().connector).toMatchObject({ id: 'acme', states: {}, implementationStates: [] });
    });

    it('shows the background’s refusal on the field it names', async () => {
      await show([]);
      await addSdp();
      await type(labelled('Implementation states'), 'Release');
      replies.saveConnector = { error: { kind: 'bad-request', message: 'An implementation state has at most 80 characters.', detail: 'implementationStates' } };
      await click(button('Save connector'));
      expect(labelled('Implementation states').getAttribute('aria-invalid')).toBe('true');
      expect(root.querySelector('#connector-implementationStates-error')!.textContent).toBe('An implementation state has at most 80 characters.');
    });
  });

  describe('ServiceNow', () => {
    const options = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent);
    const AUTH_INPUTS = ['Username', 'Password', 'Client ID', 'Client secret', 'API key'];
    const shown = () => AUTH_INPUTS.filter((text) => [...root.querySelectorAll('label')].some((l) => l.textContent?.trim() === text));
    const sent = () => JSON.parse(events.find((e) => e.startsWith('saveConnector '))!.replace(/^saveConnector /, ''));

    const snConnector = (auth: ConnectorStatus['connector']['auth'], secret: ConnectorStatus['secret']): ConnectorStatus => ({
      connector: { id: 'acme', kind: 'servicenow', name: 'Acme', baseUrl: 'https://acme.service-now.com', auth, writeNote: false },
      secret,
      hostAccess: true,
      registered: true,
      locked: false,
    });

    async function addServiceNow(auth: string) {
      await click(button('Add connector'));
      await type(labelled('Portal type'), 'servicenow');
      await type(labelled('Name'), 'Acme');
      await type(labelled('Portal URL'), 'https://acme.service-now.com');
      await type(labelled('Authentication'), auth);
    }

    it('offers the ServiceNow portal type and exactly its four sign-in modes; SDP keeps its two and Portal ID', async () => {
      await show([]);
      await click(button('Add connector'));
      expect(options(labelled('Portal type'))).toEqual(['ServiceDesk Plus', 'ServiceNow']);
      expect(options(labelled('Authentication'))).toEqual(['My signed-in session', 'API key']);
      expect(labelled('Portal ID (optional)')).toBeTruthy();
      await type(labelled('Portal type'), 'servicenow');
      expect(options(labelled('Authentication'))).toEqual(['My signed-in session', 'Basic', 'OAuth 2.0', 'API key']);
      expect([...labelled('Authentication').options].map((o) => o.value)).toEqual(['session', 'basic', 'oauth2', 'api-key']);
      expect(() => labelled('Portal ID (optional)')).toThrow();
      expect(labelled('Portal URL').placeholder).toBe('https://yourcompany.service-now.com');
      // A mode SDP does not have falls back to the session when switching back.
      await type(labelled('Authentication'), 'oauth2');
      await type(labelled('Portal type'), 'sdp');
      expect(labelled('Authentication').value).toBe('session');
    });

    it.each([
      ['session', [], 'uses your open ServiceNow tab'],
      ['basic', ['Username', 'Password'], 'SSO have no local password'],
      ['oauth2', ['Username', 'Password', 'Client ID', 'Client secret'], 'the password is NOT stored'],
      ['api-key', ['API key'], 'inbound REST API key'],
    ])('%s shows exactly the inputs it needs, with its help text', async (mode, inputs, help) => {
      await show([]);
      await addServiceNow(mode);
      expect(shown().sort()).toEqual([...inputs].sort());
      expect(root.querySelector('#connector-auth-hint')!.textContent!.toLowerCase()).toContain(help.toLowerCase());
      for (const label of ['Password', 'Client secret', 'API key']) {
        if (inputs.includes(label)) expect(labelled(label).type).toBe('password');
      }
    });

    it('Basic: sends the username as config and the password once', async () => {
      await show([]);
      await addServiceNow('basic');
      await type(labelled('Username'), ' svc.pam ');
      await type(labelled('Password'), 'Corr3ct horse!');
      await click(button('Save connector'));
      expect(events[0]).toBe('request https://acme.service-now.com/*');
      expect(sent()).toEqual({
        connector: { kind: 'servicenow', name: 'Acme', baseUrl: 'https://acme.service-now.com', auth: { type: 'basic', username: 'svc.pam' }, writeNote: false, rules: {} },
        password: 'Corr3ct horse!',
      });
    });

    it('OAuth 2.0: sends client ID and username as config, client secret and password to sign in; says the password was not stored', async () => {
      await show([]);
      await addServiceNow('oauth2');
      await type(labelled('Client ID'), 'client-1');
      await type(labelled('Client secret'), 'cs-secret');
      await type(labelled('Username'), 'svc.pam');
      await type(labelled('Password'), 'pw');
      await click(button('Save connector'));
      expect(sent()).toEqual({
        connector: { kind: 'servicenow', name: 'Acme', baseUrl: 'https://acme.service-now.com', auth: { type: 'oauth2', username: 'svc.pam', clientId: 'client-1' }, writeNote: false, rules: {} },
        clientSecret: 'cs-secret',
        password: 'pw',
      });
      expect(root.querySelector('[data-testid="connectors-result"]')!.textContent).toContain('Signed in with OAuth; the password was not stored.');
    });

    it('OAuth 2.0: a refused sign-in shows on the field the background names', async () => {
      await show([]);
      await addServiceNow('oauth2');
      await type(labelled('Client ID'), 'client-1');
      await type(labelled('Client secret'), 'cs-secret');
      await type(labelled('Username'), 'svc.pam');
      await type(labelled('Password'), 'wrong');
      replies.saveConnector = { error: { kind: 'bad-request', message: 'ServiceNow refused the sign-in: the client ID, client secret, username or password is wrong.', detail: 'password' } };
      await click(button('Save connector'));
      expect(labelled('Password').getAttribute('aria-invalid')).toBe('true');
      expect(root.textContent).toContain('ServiceNow refused the sign-in');
      expect(document.activeElement).toBe(labelled('Password'));
    });

    it('checks the mode’s required fields locally before asking anything', async () => {
      await show([]);
      await addServiceNow('oauth2');
      await click(button('Save connector'));
      expect(events).toEqual([]);
      expect(labelled('Client ID').getAttribute('aria-invalid')).toBe('true');
      expect(labelled('Username').getAttribute('aria-invalid')).toBe('true');
      expect(labelled('Password').getAttribute('aria-invalid')).toBe('true');
      expect(root.textContent).toContain('Enter the password once: PAM Bridge signs in with it to get a refresh token and does not store it.');
    });

    it('never shows secrets back: saved states per mode, in the list and when editing', async () => {
      await show([
        snConnector({ type: 'basic', username: 'svc.pam' }, { saved: true, hint: '' }),
        { ...snConnector({ type: 'oauth2', clientId: 'c', username: 'svc.pam' }, { saved: true, hint: 'ends …ab12' }), connector: { ...snConnector({ type: 'oauth2', clientId: 'c', username: 'svc.pam' }, { saved: true, hint: '' }).connector, id: 'o', name: 'OAuth' } },
        { ...snConnector({ type: 'api-key' }, { saved: true, hint: 'ends …cd34' }), connector: { ...snConnector({ type: 'api-key' }, { saved: true, hint: '' }).connector, id: 'k', name: 'Key' } },
      ]);
      expect(group('Acme').textContent).toContain('ServiceNow · https://acme.service-now.com · Basic · svc.pam');
      expect(group('Acme').querySelector('[data-testid="secret"]')!.textContent).toBe('Password saved');
      expect(group('OAuth').querySelector('[data-testid="secret"]')!.textContent).toBe('Client secret and refresh token saved (ends …ab12)');
      expect(group('Key').querySelector('[data-testid="secret"]')!.textContent).toBe('API key saved (ends …cd34)');

      await click(button('Edit', group('OAuth')));
      expect(labelled('Authentication').value).toBe('oauth2');
      expect(labelled('Client ID').value).toBe('c');
      expect(labelled('Username').value).toBe('svc.pam');
      expect(labelled('Client secret').value).toBe('');
      expect(labelled('Password').value).toBe('');
      expect(root.textContent).toContain('Client secret and refresh token saved (ends …ab12). Leave the client secret and password empty to keep them.');
      await click(button('Save connector'));
      expect(sent()).toEqual({
        connector: { id: 'o', kind: 'servicenow', name: 'OAuth', baseUrl: 'https://acme.service-now.com', auth: { type: 'oauth2', username: 'svc.pam', clientId: 'c' }, writeNote: false, rules: {} },
      });
    });

    it('editing Basic keeps the saved password when empty, but asks again when the URL changes', async () => {
      await show([snConnector({ type: 'basic', username: 'svc.pam' }, { saved: true, hint: '' })]);
      await click(button('Edit', group('Acme')));
      expect(root.textContent).toContain('Password saved. Leave empty to keep it.');
      await type(labelled('Portal URL'), 'https://other.service-now.com');
      await click(button('Save connector'));
      expect(events).toEqual([]);
      expect(root.textContent).toContain('The portal URL changed: type the password again, so it is only sent to the new address.');
      await type(labelled('Portal URL'), 'https://acme.service-now.com');
      await click(button('Save connector'));
      expect(sent()).not.toHaveProperty('password');
    });
  });
});
