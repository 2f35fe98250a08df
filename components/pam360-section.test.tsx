// @vitest-environment happy-dom
/** The options' PAM360 section, rendered with Preact into happy-dom (no background needed here). */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Status } from '@/utils/messaging/protocol';
import { Pam360Section } from './pam360-section';

const status = (serverUrl: string, orgName: string): Status => ({
  version: '0.1.0',
  pam360: { serverUrl, orgName, token: { saved: false }, hostAccess: false, locked: { serverUrl: false, orgName: false } },
  connection: null,
  connectors: [],
});

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

it('the fields follow saved values that change elsewhere (an imported file), so Save does not undo them', async () => {
  const onStatus = () => undefined;
  await act(() => render(<Pam360Section status={status('https://old.example.com', '')} onStatus={onStatus} />, root));
  const url = root.querySelector<HTMLInputElement>('#pam360-url')!;
  const org = root.querySelector<HTMLInputElement>('#pam360-org')!;
  expect(url.value).toBe('https://old.example.com');
  await act(() => render(<Pam360Section status={status('https://imported.example.com', 'Acme')} onStatus={onStatus} />, root));
  expect(url.value).toBe('https://imported.example.com');
  expect(org.value).toBe('Acme');
});
