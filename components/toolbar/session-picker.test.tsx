// @vitest-environment happy-dom
/** The session picker in happy-dom: defaults, and a choice made before its effects have run. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { SessionAccount, SessionOptions } from '@/utils/messaging/protocol';
import { SessionPicker } from './session-picker';

const account = (id: string, name: string): SessionAccount => ({
  id,
  name,
  label: name,
  access: 'ready',
  protocols: [{ id: 'rdp', label: 'Windows Remote Desktop' }],
  ticketRequired: false,
  reasonRequired: false,
});

const options: SessionOptions = {
  ticket: { kind: 'change', id: '2001', displayId: 'CH-1', title: 'Patch', url: 'https://sdp.example.com/ChangeDetails.do?CHANGEID=2001' },
  machines: [
    {
      name: 'srv-web-01',
      resources: [{ id: '301', name: 'srv-web-01', label: 'srv-web-01', type: 'Windows', dnsName: '', accounts: [account('3011', 'Administrator'), account('3012', 'svc_deploy')] }],
    },
  ],
  verdict: { ok: true, headline: 'Valid for PAM', checks: [] },
};

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const noop = () => undefined;

it('defaults to the first ready account and its first protocol', async () => {
  const onChoice = vi.fn();
  await act(() => render(<SessionPicker options={options} busy={false} onChoice={onChoice} onOpen={noop} onRefresh={noop} />, root));
  expect(onChoice).toHaveBeenLastCalledWith({ resourceId: '301', accountId: '3011', protocol: 'rdp' });
});

it('keeps an account chosen before its first effects ran (a fast user, or a script of tests)', async () => {
  const onChoice = vi.fn();
  render(<SessionPicker options={options} busy={false} onChoice={onChoice} onOpen={noop} onRefresh={noop} />, root);
  const select = root.querySelector<HTMLSelectElement>('select')!; // Account, before any effect ran
  select.value = '3012';
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50)); // effects and re-renders settle
  });
  expect(onChoice).toHaveBeenLastCalledWith({ resourceId: '301', accountId: '3012', protocol: 'rdp' });
});
