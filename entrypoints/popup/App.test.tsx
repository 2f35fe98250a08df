// @vitest-environment happy-dom
/**
 * The popup rendered with Preact into happy-dom. The background is a runtime.sendMessage stub;
 * tabs.getCurrent / tabs.query are stubbed per case (toolbar popup, popup open as a tab, no tab).
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Status, TabStatus } from '@/utils/messaging/protocol';
import { App } from './App';

const STATUS: Status = {
  version: '0.1.0',
  pam360: { serverUrl: '', orgName: '', token: { saved: false }, hostAccess: false, locked: { serverUrl: false, orgName: false } },
  connection: null,
  connectors: [],
};
const SDP = { id: 'corp-sdp', name: 'Corp SDP', kind: 'sdp' as const };

let root: HTMLElement;
let tabReply: TabStatus | { error: { kind: 'forbidden'; message: string } };
let asked: unknown[];

function stubTabs(own: { id: number } | undefined, tabs: object[] | Error) {
  vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockResolvedValue(own as never);
  const query = vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () => {
    if (tabs instanceof Error) throw tabs;
    return tabs;
  }) as never);
  return query;
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  asked = [];
  tabReply = { state: 'no-tab' };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { op: string; input: unknown }) => {
    if (message.op === 'getStatus') return { ok: true, data: STATUS };
    if (message.op === 'getTabStatus') {
      asked.push(message.input);
      return 'error' in tabReply ? { ok: false, error: tabReply.error } : { ok: true, data: tabReply };
    }
    return { ok: false, error: { kind: 'bad-request', message: `unexpected ${message.op}` } };
  }) as never);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

async function show(): Promise<HTMLElement> {
  await act(async () => {
    render(<App />, root);
  });
  await vi.waitFor(() => {
    const region = root.querySelector('[data-testid="popup-tab"] [role="status"]');
    if (!region || region.getAttribute('data-busy') === 'true') throw new Error('still looking');
  });
  return root.querySelector<HTMLElement>('[data-testid="popup-tab"]')!;
}

describe('popup: This tab', () => {
  it('from the toolbar: the active tab of the last-focused window, in a region headed "This tab"', async () => {
    const query = stubTabs(undefined, [{ id: 7, active: true }]);
    tabReply = {
      state: 'ticket',
      connector: SDP,
      ticket: { kind: 'request', id: '1002', displayId: '1002' },
      last: {
        connectorId: 'corp-sdp',
        ticket: { kind: 'request', id: '1002', displayId: '1002' },
        ok: false,
        headline: 'Not valid for PAM',
        failed: [{ label: 'Ticket is open', reason: 'Status is Closed' }],
        checkedAt: Date.now() - 3 * 60_000,
      },
    };
    const region = await show();
    expect(query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
    expect(asked).toEqual([{ tabId: 7 }]);
    const heading = region.querySelector('h2')!;
    expect(heading.textContent).toBe('This tab');
    expect(region.getAttribute('aria-labelledby')).toBe(heading.id);
    const box = region.querySelector('[role="status"]')!;
    expect(box.getAttribute('data-tone')).toBe('error');
    expect(box.textContent).toBe('Corp SDP (ServiceDesk Plus) · request 1002Not valid for PAM · checked 3 min agoTicket is open — Status is Closed');
    expect(region.querySelector('ul[aria-label="Failed checks"] li')?.textContent).toBe('Ticket is open — Status is Closed');
    expect(region.textContent).not.toContain('the tab you used before');
    expect(root.querySelector('[data-testid="popup-status"]')?.textContent).toContain('PAM360 is not set up.');
  });

  it('open as a tab itself: describes the tab used before it, and says so', async () => {
    const query = stubTabs({ id: 9 }, [
      { id: 9, active: true, lastAccessed: 500 },
      { id: 4, active: false, lastAccessed: 400 },
      { id: 3, active: false, lastAccessed: 100 },
    ]);
    tabReply = { state: 'ticket', connector: SDP, ticket: { kind: 'request', id: '1001' }, last: null };
    const region = await show();
    expect(query).toHaveBeenCalledWith({});
    expect(asked).toEqual([{ tabId: 4 }]);
    expect(region.textContent).toContain('This page is open in a tab, so this is about the tab you used before it.');
    expect(region.textContent).toContain('Not checked yet — press Validate for PAM on the page.');
  });

  it('no active tab: says so without asking the background; the rest still works', async () => {
    stubTabs(undefined, []);
    const region = await show();
    expect(asked).toEqual([]);
    expect(region.textContent).toContain('There is no tab to describe.');
    expect(root.querySelector('[data-testid="popup-status"]')?.textContent).toContain('PAM360 is not set up.');
    expect(root.querySelector('button.primary')?.textContent).toContain('Open settings');
  });

  it('a chrome:// tab (URL hidden from us): not a ticket page', async () => {
    stubTabs(undefined, [{ id: 2, active: true }]);
    tabReply = { state: 'not-a-ticket' };
    expect((await show()).textContent).toContain('This tab is not a ticket page of a configured portal.');
  });

  it('a portal without host access: points to Grant access', async () => {
    stubTabs(undefined, [{ id: 2, active: true }]);
    tabReply = { state: 'unreadable', connectors: [{ id: 'corp-sn', name: 'Corp SN', kind: 'servicenow' }] };
    const region = await show();
    expect(region.querySelector('[role="status"]')?.getAttribute('data-tone')).toBe('warn');
    expect(region.textContent).toContain('PAM Bridge can’t read this page.If it is a page of Corp SN, open settings and press Grant access for that connector.');
  });

  it('failures are words, not a blank popup', async () => {
    stubTabs(undefined, new Error('No current window'));
    expect((await show()).textContent).toContain('Could not look at this tab: No current window');
    render(null, root);
    stubTabs(undefined, [{ id: 2, active: true }]);
    tabReply = { error: { kind: 'forbidden', message: 'This sender may not talk to PAM Bridge.' } };
    expect((await show()).textContent).toContain('Could not look at this tab: This sender may not talk to PAM Bridge.');
  });
});
