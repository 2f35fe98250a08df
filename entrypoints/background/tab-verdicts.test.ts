/**
 * Per-tab verdicts for the popup, and getTabStatus, with the fake browser: storage.session, tabs
 * (create/get/onRemoved/onUpdated) are fake-browser's own; host permissions the in-memory fake.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { configItem } from '@/utils/config/storage';
import { DEFAULT_CONFIG, connectorSchema } from '@/utils/config/schema';
import type { TabVerdict, ValidationResult } from '@/utils/messaging/protocol';
import { fakePermissions } from './fake-extension-apis.test-helper';
import { getTabStatus } from './handlers/get-tab-status';
import {
  forgetTabVerdict,
  rememberTabVerdict,
  resetTabVerdictMemoryForTests,
  startTabVerdictCleanup,
  tabVerdict,
  tabVerdictOf,
} from './tab-verdicts';

const SDP = 'https://sdp.example.com:8080';
const SN = 'https://acme.service-now.com';
const SYS = '46d44a5ddb8a2010a4e2f3c3ca961911';
const requestUrl = (id: string) => `${SDP}/WorkOrder.do?woMode=viewWO&woID=${id}`;

const result = (over: Partial<ValidationResult['verdict']> = {}): ValidationResult => ({
  ticket: { kind: 'request', id: '1001', displayId: '1001', title: 'Apply IIS security update on srv-web-01', url: requestUrl('1001') },
  verdict: {
    ok: false,
    headline: 'Not valid for PAM',
    checks: [
      { id: 'exists', label: 'Ticket exists', status: 'pass', reason: 'Request 1001' },
      { id: 'open', label: 'Ticket is open', status: 'fail', reason: 'Status is Closed' },
      { id: 'assigned-to-me', label: 'Assigned to you', status: 'warn', reason: 'Assigned to bob' },
      { id: 'pam360-ticket-check', label: 'PAM360 accepts the ticket', status: 'skip', reason: 'PAM360 will check the ticket when the session starts' },
    ],
    ...over,
  },
  checkedAt: 1_234,
});

const sdpRef = (id = '1001') => ({ connectorId: 'corp-sdp', kind: 'request' as const, id, hints: { title: 'from the page', targets: ['srv-web-01'] } });

beforeEach(async () => {
  resetTabVerdictMemoryForTests();
  await configItem.setValue({
    ...DEFAULT_CONFIG,
    connectors: [
      connectorSchema.parse({ id: 'corp-sdp', kind: 'sdp', name: 'Corp SDP', baseUrl: SDP, auth: { type: 'session' } }),
      connectorSchema.parse({ id: 'corp-sn', kind: 'servicenow', name: 'Corp SN', baseUrl: SN, auth: { type: 'session' } }),
    ],
  });
});

describe('tabVerdictOf()', () => {
  it('keeps a summary only: ticket ref and display id, outcome, failed checks, time', () => {
    const kept = tabVerdictOf(sdpRef(), result());
    expect(kept).toEqual({
      connectorId: 'corp-sdp',
      ticket: { kind: 'request', id: '1001', displayId: '1001' },
      ok: false,
      headline: 'Not valid for PAM',
      failed: [{ label: 'Ticket is open', reason: 'Status is Closed' }],
      checkedAt: 1_234,
    });
    const text = JSON.stringify(kept);
    for (const body of ['IIS', 'srv-web-01', 'from the page', 'bob']) expect(text).not.toContain(body);
  });

  it('a missing ticket, a ServiceNow table, long reasons', () => {
    const missing = tabVerdictOf({ connectorId: 'corp-sn', kind: 'incident', id: SYS, table: 'incident' }, {
      ticket: null,
      verdict: { ok: false, headline: 'Not valid for PAM', checks: [{ id: 'exists', label: 'Ticket exists', status: 'fail', reason: 'r'.repeat(500) }] },
      checkedAt: 5,
    });
    expect(missing.ticket).toEqual({ kind: 'incident', id: SYS, table: 'incident' });
    expect(missing.failed[0]!.reason).toHaveLength(200);
  });
});

describe('the per-tab record', () => {
  it('lives in storage.session under the tab, never in storage.local', async () => {
    await rememberTabVerdict(5, tabVerdictOf(sdpRef(), result()));
    expect(await tabVerdict(5)).toMatchObject({ ticket: { id: '1001' } });
    expect(await tabVerdict(6)).toBeNull();
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['tabVerdict:5']);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('tabVerdict');
    await forgetTabVerdict(5);
    expect(await tabVerdict(5)).toBeNull();
  });

  it('goes with its tab, and when the tab shows another ticket', async () => {
    startTabVerdictCleanup();
    const keep = (tabId: number, id = '1001') => rememberTabVerdict(tabId, tabVerdictOf(sdpRef(id), result()));
    await keep(1);
    await keep(2);
    await fakeBrowser.tabs.onRemoved.trigger(1, { windowId: 0, isWindowClosing: false });
    expect(await tabVerdict(1)).toBeNull();
    expect(await tabVerdict(2)).not.toBeNull();

    const navigate = async (url: string) => {
      await fakeBrowser.tabs.onUpdated.trigger(2, { url }, { id: 2, url } as never);
      return tabVerdict(2);
    };
    expect(await navigate(`${requestUrl('1001')}#tasks`)).not.toBeNull(); // same ticket, another tab of the page
    expect(await navigate(`${SDP}/WorkOrder.do`)).not.toBeNull(); // a list: the verdict is still the tab's last
    expect(await navigate('https://example.org/')).not.toBeNull();
    expect(await navigate(requestUrl('1001'))).not.toBeNull(); // back again
    expect(await navigate(requestUrl('1003'))).toBeNull(); // another ticket

    await keep(3);
    await fakeBrowser.tabs.onUpdated.trigger(3, { status: 'complete' }, { id: 3 } as never); // no URL: nothing to decide
    expect(await tabVerdict(3)).not.toBeNull();
  });

  it('a drop decided for the old ticket never removes the verdict that follows it', async () => {
    startTabVerdictCleanup();
    await rememberTabVerdict(4, tabVerdictOf(sdpRef('1001'), result()));
    // The SPA moves to 1003 and the technician validates it at once: the write queues behind the drop.
    const moved = fakeBrowser.tabs.onUpdated.trigger(4, { url: requestUrl('1003') }, { id: 4 } as never);
    const validated = rememberTabVerdict(4, tabVerdictOf(sdpRef('1003'), result()));
    await Promise.all([moved, validated]);
    expect(await tabVerdict(4)).toMatchObject({ ticket: { id: '1003' } });
  });

  it('a verdict served again from the cache is not written again; a new one is', async () => {
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    await rememberTabVerdict(7, tabVerdictOf(sdpRef(), result()));
    await rememberTabVerdict(7, tabVerdictOf(sdpRef(), result())); // same checkedAt: from the cache
    expect(set).toHaveBeenCalledTimes(1);
    await rememberTabVerdict(7, tabVerdictOf(sdpRef(), { ...result(), checkedAt: 5_678 })); // Check again
    expect(set).toHaveBeenCalledTimes(2);
    await forgetTabVerdict(7);
    await rememberTabVerdict(7, tabVerdictOf(sdpRef(), { ...result(), checkedAt: 5_678 })); // after a drop: written
    expect(set).toHaveBeenCalledTimes(3);
    expect(await tabVerdict(7)).toMatchObject({ checkedAt: 5_678 });
    set.mockRestore();
  });

  it('nothing in PAM Bridge opens storage.session to content scripts (setAccessLevel)', () => {
    const root = join(import.meta.dirname, '../..');
    const CALL = /setAccessLevel\s*\(|\[\s*['"`]setAccessLevel/; // a call, not a mention in a comment
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx|js|mjs)$/.test(name) && !name.endsWith('.test.ts') && CALL.test(readFileSync(path, 'utf8'))) offenders.push(path);
      }
    };
    for (const dir of ['entrypoints', 'utils', 'components']) walk(join(root, dir));
    expect(offenders).toEqual([]);
  });
});

describe('getTabStatus', () => {
  let perms: ReturnType<typeof fakePermissions>;
  beforeEach(() => {
    perms = fakePermissions(['https://sdp.example.com/*', 'https://acme.service-now.com/*']);
  });

  it('a ticket tab with its last verdict', async () => {
    const tab = await fakeBrowser.tabs.create({ url: requestUrl('1001') });
    expect(await getTabStatus({ tabId: tab.id! })).toMatchObject({ state: 'ticket', ticket: { kind: 'request', id: '1001' }, last: null });
    const kept: TabVerdict = tabVerdictOf(sdpRef(), result());
    await rememberTabVerdict(tab.id!, kept);
    expect(await getTabStatus({ tabId: tab.id! })).toEqual({
      state: 'ticket',
      connector: { id: 'corp-sdp', name: 'Corp SDP', kind: 'sdp' },
      ticket: { kind: 'request', id: '1001', displayId: '1001' },
      last: kept,
    });
  });

  it('another tab’s verdict is not this tab’s', async () => {
    const one = await fakeBrowser.tabs.create({ url: requestUrl('1001') });
    const two = await fakeBrowser.tabs.create({ url: requestUrl('1001') });
    await rememberTabVerdict(one.id!, tabVerdictOf(sdpRef(), result()));
    expect(await getTabStatus({ tabId: two.id! })).toMatchObject({ state: 'ticket', last: null });
  });

  it('a ServiceNow frame host names the framed record', async () => {
    const tab = await fakeBrowser.tabs.create({ url: `${SN}/nav_to.do?uri=${encodeURIComponent(`change_request.do?sys_id=${SYS}`)}` });
    expect(await getTabStatus({ tabId: tab.id! })).toMatchObject({
      state: 'ticket',
      connector: { id: 'corp-sn' },
      ticket: { kind: 'change', id: SYS, table: 'change_request' },
    });
  });

  it('hidden URL (no host access): unreadable while a connector lacks access, else not a ticket', async () => {
    const tab = await fakeBrowser.tabs.create({}); // the browser leaves url out
    expect(await getTabStatus({ tabId: tab.id! })).toEqual({ state: 'not-a-ticket' });
    perms.granted.delete('https://acme.service-now.com/*');
    expect(await getTabStatus({ tabId: tab.id! })).toEqual({
      state: 'unreadable',
      connectors: [{ id: 'corp-sn', name: 'Corp SN', kind: 'servicenow' }],
    });
  });

  it('other pages, and tabs that are gone', async () => {
    const list = await fakeBrowser.tabs.create({ url: `${SDP}/WorkOrder.do` });
    expect(await getTabStatus({ tabId: list.id! })).toEqual({ state: 'not-a-ticket', connector: { id: 'corp-sdp', name: 'Corp SDP', kind: 'sdp' } });
    const other = await fakeBrowser.tabs.create({ url: 'chrome://newtab/' });
    expect(await getTabStatus({ tabId: other.id! })).toEqual({ state: 'not-a-ticket' });
    expect(await getTabStatus({ tabId: 4242 })).toEqual({ state: 'no-tab' });
  });
});
