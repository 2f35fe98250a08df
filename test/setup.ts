// Shared setup for unit tests: a fresh fake browser for every test, and an in-memory
// IndexedDB (the secrets key store) since Node has none.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
});
