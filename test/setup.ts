// Shared setup for unit tests: a fresh fake browser for every test, and an in-memory
// IndexedDB (the secrets key store) since Node has none.
import 'fake-indexeddb/auto';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
  // fake-browser has no manifest; the status reports the version from it.
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'PAM Bridge', version: '0.1.0' });
});
