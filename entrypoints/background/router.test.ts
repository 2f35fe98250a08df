import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { createRouter, HandlerError, type Handlers } from './router';

const ID = 'gpilklhfmeljkgncecjgkpkoodjnjgde';
const ORIGIN = `chrome-extension://${ID}`;

function makeHandlers(): Handlers {
  return {
    getStatus: vi.fn(async () => ({ fake: 'status' }) as never),
    testPamConnection: vi.fn(async () => ({}) as never),
    savePamSettings: vi.fn(async () => ({}) as never),
    clearPamToken: vi.fn(async () => ({}) as never),
    exportConfig: vi.fn(async () => ({}) as never),
    importConfig: vi.fn(async () => {
      throw new HandlerError({ kind: 'bad-request', message: 'Not imported: config.x' });
    }),
    saveConnector: vi.fn(async () => ({}) as never),
    removeConnector: vi.fn(async () => ({}) as never),
    testConnector: vi.fn(async () => ({}) as never),
    validateTicket: vi.fn(async () => ({ verdict: 'ok' }) as never),
    findSessions: vi.fn(async () => ({}) as never),
    openSession: vi.fn(async () => ({}) as never),
    getTabStatus: vi.fn(async () => ({ state: 'no-tab' }) as never),
    takeLaunch: vi.fn(async () => ({}) as never),
  };
}

const optionsPage = { id: ID, origin: ORIGIN, url: `${ORIGIN}/options.html`, tab: { id: 3 } as never, frameId: 0 };
const popup = { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` };
const firefoxPage = { id: ID, url: 'moz-extension://7a1f-uuid/options.html' };
const contentScript = { id: ID, origin: 'https://sdp.example.com', url: 'https://sdp.example.com/WorkOrder.do', tab: { id: 9 } as never, frameId: 0 };
const webPage = { origin: 'https://evil.example', url: 'https://evil.example/' };
const otherExtension = { id: 'abcdefghijklmnopabcdefghijklmnop', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };

function setup(extensionOrigin = ORIGIN) {
  const handlers = makeHandlers();
  const router = createRouter({ extensionId: ID, extensionOrigin, handlers });
  const send = (message: unknown, sender: object) => router(message, sender as Browser.runtime.MessageSender);
  return { handlers, send };
}

describe('router', () => {
  it('ignores messages that are not ours', () => {
    const { send } = setup();
    expect(send({ type: 'other' }, popup)).toBeUndefined();
    expect(send('hello', popup)).toBeUndefined();
  });

  it('runs a named operation for an extension page', async () => {
    const { send, handlers } = setup();
    expect(await send({ pamBridge: 1, op: 'getStatus', input: {} }, popup)).toEqual({ ok: true, data: { fake: 'status' } });
    expect(await send({ pamBridge: 1, op: 'getStatus', input: {} }, optionsPage)).toMatchObject({ ok: true });
    expect(handlers.getStatus).toHaveBeenCalledTimes(2);
  });

  it('recognises Firefox extension pages by their stamped URL', async () => {
    const { send } = setup('moz-extension://7a1f-uuid');
    expect(await send({ pamBridge: 1, op: 'getStatus', input: {} }, firefoxPage)).toMatchObject({ ok: true });
  });

  it('refuses configuration operations from content scripts', async () => {
    const { send, handlers } = setup();
    const reply = await send({ pamBridge: 1, op: 'savePamSettings', input: { serverUrl: 'https://x', orgName: '' } }, contentScript);
    expect(reply).toEqual({ ok: false, error: { kind: 'forbidden', message: 'A page may not call savePamSettings.', detail: 'from https://sdp.example.com' } });
    expect(handlers.savePamSettings).not.toHaveBeenCalled();
    expect(await send({ pamBridge: 1, op: 'getStatus', input: {} }, contentScript)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('lets content scripts call the ticket operations only', async () => {
    const { send, handlers } = setup();
    const ref = { kind: 'request', id: '1001' };
    expect(await send({ pamBridge: 1, op: 'validateTicket', input: { ref } }, contentScript)).toEqual({ ok: true, data: { verdict: 'ok' } });
    expect(vi.mocked(handlers.validateTicket).mock.calls[0]?.[1]).toEqual({ kind: 'content-script', tabId: 9, frameId: 0, origin: 'https://sdp.example.com' });
    expect(await send({ pamBridge: 1, op: 'takeLaunch', input: { nonce: 'abcdefghijklmnopqrstuvwx' } }, contentScript)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const sneaky = await send({ pamBridge: 1, op: 'openSession', input: { ref: { kind: 'request', id: '../../admin' }, resourceId: '1', accountId: '2', protocol: 'rdp' } }, contentScript);
    expect(sneaky).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(handlers.openSession).not.toHaveBeenCalled();
  });

  it('getTabStatus: extension pages only, with a tab id', async () => {
    const { send, handlers } = setup();
    expect(await send({ pamBridge: 1, op: 'getTabStatus', input: { tabId: 9 } }, contentScript)).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'A page may not call getTabStatus.', detail: 'from https://sdp.example.com' },
    });
    expect(handlers.getTabStatus).not.toHaveBeenCalled();
    expect(await send({ pamBridge: 1, op: 'getTabStatus', input: { tabId: 9 } }, popup)).toEqual({ ok: true, data: { state: 'no-tab' } });
    for (const input of [{}, { tabId: -1 }, { tabId: 1.5 }, { tabId: '9' }, { tabId: 9, url: 'https://x' }]) {
      expect(await send({ pamBridge: 1, op: 'getTabStatus', input }, popup)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    }
    expect(handlers.getTabStatus).toHaveBeenCalledTimes(1);
  });

  it('refuses web pages and other extensions', async () => {
    const { send, handlers } = setup();
    expect(await send({ pamBridge: 1, op: 'getStatus', input: {} }, webPage)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await send({ pamBridge: 1, op: 'getStatus', input: {} }, otherExtension)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(handlers.getStatus).not.toHaveBeenCalled();
  });

  it('refuses unknown operations (there is no generic fetch)', async () => {
    const { send } = setup();
    const reply = await send({ pamBridge: 1, op: 'fetch', input: { url: 'https://x' } }, popup);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'bad-request', message: 'Unknown or malformed request.' } });
  });

  it('zod-parses the input and names the wrong field', async () => {
    const { send, handlers } = setup();
    const reply = await send({ pamBridge: 1, op: 'savePamSettings', input: { serverUrl: 42, orgName: '' } }, popup);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'bad-request', message: 'Invalid input for savePamSettings.' } });
    expect((reply as { error: { detail: string } }).error.detail).toMatch(/^serverUrl:/);
    const extra = await send({ pamBridge: 1, op: 'getStatus', input: { token: 'x' } }, popup);
    expect(extra).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(handlers.savePamSettings).not.toHaveBeenCalled();
  });

  it('passes handler errors through and hides internal ones behind a generic message', async () => {
    const { send, handlers } = setup();
    expect(await send({ pamBridge: 1, op: 'importConfig', input: { text: '{}' } }, popup)).toEqual({
      ok: false,
      error: { kind: 'bad-request', message: 'Not imported: config.x' },
    });
    vi.mocked(handlers.clearPamToken).mockRejectedValueOnce(new Error('boom'));
    expect(await send({ pamBridge: 1, op: 'clearPamToken', input: {} }, popup)).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'PAM Bridge hit an internal error.', detail: 'boom' },
    });
  });
});
