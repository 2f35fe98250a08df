import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connector } from '@/utils/config/schema';
import { configItem, readConfig } from '@/utils/config/storage';
import { fakePermissions, fakeScripting } from './fake-extension-apis.test-helper';
import { CONTENT_SCRIPTS, isRegistered, matchPattern, scriptFor, syncContentScripts } from './registration';

const sdp = (id: string, baseUrl: string, extra: Partial<Connector> = {}): Connector => ({
  id,
  kind: 'sdp',
  name: id,
  baseUrl,
  auth: { type: 'session' },
  writeNote: false,
  ...extra,
});

async function setConnectors(connectors: Connector[]) {
  await configItem.setValue({ ...(await readConfig()), connectors });
}

describe('matchPattern', () => {
  it('keeps the port on Chromium and drops it on Firefox (which rejects ports)', () => {
    expect(matchPattern('https://sdp.example.com:8080', false)).toBe('https://sdp.example.com:8080/*');
    expect(matchPattern('https://sdp.example.com:8080', true)).toBe('https://sdp.example.com/*');
    expect(matchPattern('https://sdp.example.com', false)).toBe('https://sdp.example.com/*');
    expect(matchPattern('http://127.0.0.2:4000', false)).toBe('http://127.0.0.2:4000/*');
  });

  it('describes the SDP script', () => {
    expect(scriptFor(sdp('corp', 'https://sdp.example.com:8443'), false)).toEqual({
      id: 'pam-bridge-corp',
      js: ['portal-sdp.js'],
      matches: ['https://sdp.example.com:8443/*'],
      runAt: 'document_start',
      allFrames: false,
      persistAcrossSessions: true,
    });
    expect(scriptFor(sdp('j', 'https://jira.example.com', { kind: 'jsm' }), false)).toBeUndefined(); // no content script yet
  });

  it('describes the ServiceNow script: every frame (the classic form lives in iframe#gsft_main)', () => {
    expect(CONTENT_SCRIPTS.servicenow).toEqual({ allFrames: true });
    expect(scriptFor(sdp('sn', 'https://acme.service-now.com', { kind: 'servicenow' }), false)).toEqual({
      id: 'pam-bridge-sn',
      js: ['portal-servicenow.js'],
      matches: ['https://acme.service-now.com/*'],
      runAt: 'document_start',
      allFrames: true,
      persistAcrossSessions: true,
    });
    // Custom domains work the same way.
    expect(scriptFor(sdp('sn', 'https://itsm.corp.example', { kind: 'servicenow' }), false)?.matches).toEqual(['https://itsm.corp.example/*']);
  });
});

describe('syncContentScripts', () => {
  it('registers exactly the connectors with host access', async () => {
    fakePermissions(['https://sdp.example.com/*']);
    const { scripts } = fakeScripting();
    await setConnectors([sdp('corp', 'https://sdp.example.com:8080'), sdp('other', 'https://other.example.com')]);
    const result = await syncContentScripts({ firefox: false });
    expect(result).toEqual({ registered: ['pam-bridge-corp'], updated: [], removed: [], errors: {} });
    expect([...scripts.keys()]).toEqual(['pam-bridge-corp']);
    expect(scripts.get('pam-bridge-corp')?.matches).toEqual(['https://sdp.example.com:8080/*']);
    expect(await isRegistered('corp')).toBe(true);
    expect(await isRegistered('other')).toBe(false);
  });

  it('registers a ServiceNow connector with allFrames', async () => {
    fakePermissions(['https://acme.service-now.com/*']);
    const { scripts } = fakeScripting();
    await setConnectors([sdp('acme', 'https://acme.service-now.com', { kind: 'servicenow' })]);
    expect((await syncContentScripts({ firefox: false })).registered).toEqual(['pam-bridge-acme']);
    expect(scripts.get('pam-bridge-acme')).toMatchObject({ js: ['portal-servicenow.js'], allFrames: true });
  });

  it('uses port-less patterns on Firefox', async () => {
    fakePermissions(['https://sdp.example.com/*']);
    const { scripts } = fakeScripting();
    await setConnectors([sdp('corp', 'https://sdp.example.com:8080')]);
    await syncContentScripts({ firefox: true });
    expect(scripts.get('pam-bridge-corp')?.matches).toEqual(['https://sdp.example.com/*']);
  });

  it('updates changed scripts, removes stale ones, leaves foreign ones and is idempotent', async () => {
    fakePermissions(['https://sdp.example.com/*', 'https://new.example.com/*']);
    const { scripts, calls } = fakeScripting([
      { id: 'pam-bridge-corp', js: ['portal-sdp.js'], matches: ['https://old.example.com/*'], runAt: 'document_idle', allFrames: false, persistAcrossSessions: true },
      { id: 'pam-bridge-gone', js: ['portal-sdp.js'], matches: ['https://gone.example.com/*'] },
      { id: 'someone-else', js: ['x.js'], matches: ['https://x.example.com/*'] },
    ]);
    await setConnectors([sdp('corp', 'https://sdp.example.com'), sdp('new', 'https://new.example.com')]);
    expect(await syncContentScripts({ firefox: false })).toEqual({
      registered: ['pam-bridge-new'],
      updated: ['pam-bridge-corp'],
      removed: ['pam-bridge-gone'],
      errors: {},
    });
    expect([...scripts.keys()].sort()).toEqual(['pam-bridge-corp', 'pam-bridge-new', 'someone-else']);
    expect(scripts.get('pam-bridge-corp')?.matches).toEqual(['https://sdp.example.com/*']);

    calls.register.mockClear();
    calls.update.mockClear();
    calls.unregister.mockClear();
    expect(await syncContentScripts({ firefox: false })).toEqual({ registered: [], updated: [], removed: [], errors: {} });
    expect(calls.register).not.toHaveBeenCalled();
    expect(calls.update).not.toHaveBeenCalled();
    expect(calls.unregister).not.toHaveBeenCalled();
  });

  it('unregisters when host access is withdrawn', async () => {
    const { granted } = fakePermissions(['https://sdp.example.com/*']);
    const { scripts } = fakeScripting();
    await setConnectors([sdp('corp', 'https://sdp.example.com')]);
    await syncContentScripts({ firefox: false });
    granted.clear();
    expect((await syncContentScripts({ firefox: false })).removed).toEqual(['pam-bridge-corp']);
    expect(scripts.size).toBe(0);
  });

  it('serialises overlapping runs (no duplicate registration)', async () => {
    fakePermissions(['https://sdp.example.com/*']);
    const { calls } = fakeScripting();
    await setConnectors([sdp('corp', 'https://sdp.example.com')]);
    const results = await Promise.all([syncContentScripts(), syncContentScripts(), syncContentScripts()]);
    expect(results.flatMap((r) => Object.keys(r.errors))).toEqual([]);
    expect(calls.register).toHaveBeenCalledTimes(1);
  });

  it('one refused script does not block the others', async () => {
    fakePermissions(['https://a.example.com/*', 'https://b.example.com/*']);
    fakeScripting();
    vi.mocked(fakeBrowser.scripting.registerContentScripts).mockImplementationOnce(async () => {
      throw new Error('Could not load javascript');
    });
    await setConnectors([sdp('a', 'https://a.example.com'), sdp('b', 'https://b.example.com')]);
    const result = await syncContentScripts({ firefox: false });
    expect(result.errors).toEqual({ 'pam-bridge-a': 'Could not load javascript' });
    expect(result.registered).toEqual(['pam-bridge-b']);
  });

  it('follows the admin policy connectors', async () => {
    fakePermissions(['https://policy.example.com/*']);
    const { scripts } = fakeScripting();
    await fakeBrowser.storage.managed.set({
      connectors: [{ id: 'corp', kind: 'sdp', name: 'Corp', baseUrl: 'https://policy.example.com', auth: { type: 'session' } }],
    });
    await syncContentScripts({ firefox: false });
    expect([...scripts.keys()]).toEqual(['pam-bridge-corp']);
  });
});
