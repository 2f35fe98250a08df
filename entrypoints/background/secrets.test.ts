import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { deleteSecret, getSecret, hintFor, resetSecretKeyCacheForTests, setSecret } from './secrets';

const TOKEN = '5B2F1C9A-8E77-4D3B-9A21-77C0E4F1AB12';

describe('secrets', () => {
  it('round-trips a secret and stores only ciphertext', async () => {
    await setSecret('pam360Token', TOKEN);
    expect(await getSecret('pam360Token')).toBe(TOKEN);
    const everything = JSON.stringify(await fakeBrowser.storage.local.get());
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(TOKEN.slice(0, 8));
    expect(everything).toContain('"secret:pam360Token"');
  });

  it('keeps working after the service worker restarts (key persisted in IndexedDB)', async () => {
    await setSecret('pam360Token', TOKEN);
    resetSecretKeyCacheForTests();
    expect(await getSecret('pam360Token')).toBe(TOKEN);
  });

  it('uses a fresh IV for every write', async () => {
    await setSecret('pam360Token', TOKEN);
    const first = JSON.stringify(await fakeBrowser.storage.local.get('secret:pam360Token'));
    await setSecret('pam360Token', TOKEN);
    const second = JSON.stringify(await fakeBrowser.storage.local.get('secret:pam360Token'));
    expect(first).not.toBe(second);
  });

  it('cannot open a ciphertext moved into another slot (name is bound as additional data)', async () => {
    await setSecret('pam360Token', TOKEN);
    const sealed = (await fakeBrowser.storage.local.get('secret:pam360Token'))['secret:pam360Token'];
    await fakeBrowser.storage.local.set({ 'secret:connector:sdp-main': sealed });
    expect(await getSecret('connector:sdp-main')).toBeNull();
    // the unreadable copy is dropped so the UI asks for it again
    expect(await fakeBrowser.storage.local.get('secret:connector:sdp-main')).toEqual({});
  });

  it('returns null when nothing is stored, and after delete', async () => {
    expect(await getSecret('pam360Token')).toBeNull();
    await setSecret('pam360Token', TOKEN);
    await deleteSecret('pam360Token');
    expect(await getSecret('pam360Token')).toBeNull();
  });

  it('hints only the last four characters', () => {
    expect(hintFor(TOKEN)).toBe('ends …AB12');
  });
});
