/**
 * Secret store (design.md rule 1). Background only.
 *
 * Threat model: content scripts can read storage.local, and storage is plain files on disk.
 * So secrets are sealed with AES-GCM under a key that is generated non-extractable and kept
 * in this extension origin's IndexedDB; only ciphertext goes to storage.local. Page origins
 * (where content scripts run) have their own IndexedDB and cannot reach the key.
 * Invariants: a secret never leaves this module except to the API client that uses it; it is
 * never logged, never put in a message or a URL. The UI sees only `hintFor()`.
 */
import { browser } from 'wxt/browser';

export type SecretName = 'pam360Token' | `connector:${string}`;

const DB_NAME = 'pam-bridge-keys';
const STORE = 'keys';
const KEY_ID = 'secrets-v1';
const STORAGE_PREFIX = 'secret:';

interface Sealed {
  v: 1;
  iv: string;
  ct: string;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function idb<T>(db: IDBDatabase, mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = run(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}

let keyPromise: Promise<CryptoKey> | undefined;

/** The sealing key: loaded from IndexedDB, or created (non-extractable) on first use. */
function sealingKey(): Promise<CryptoKey> {
  keyPromise ??= (async () => {
    const db = await openDb();
    try {
      const existing = await idb<CryptoKey | undefined>(db, 'readonly', (s) => s.get(KEY_ID));
      if (existing) return existing;
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      await idb(db, 'readwrite', (s) => s.put(key, KEY_ID));
      return key;
    } finally {
      db.close();
    }
  })().catch((error: unknown) => {
    keyPromise = undefined; // let the next call try again
    throw error;
  });
  return keyPromise;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Seals and stores a secret. The name is bound as additional data, so slots cannot be swapped. */
export async function setSecret(name: SecretName, value: string): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(name) },
    await sealingKey(),
    new TextEncoder().encode(value),
  );
  const sealed: Sealed = { v: 1, iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
  await browser.storage.local.set({ [STORAGE_PREFIX + name]: sealed });
}

/**
 * Returns the secret, or null when none is stored. A secret that cannot be opened (the key was
 * wiped with the browser's site data) is removed, so the UI asks for it again instead of failing.
 */
export async function getSecret(name: SecretName): Promise<string | null> {
  const stored = (await browser.storage.local.get(STORAGE_PREFIX + name))[STORAGE_PREFIX + name] as Sealed | undefined;
  if (!stored || stored.v !== 1) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(stored.iv), additionalData: new TextEncoder().encode(name) },
      await sealingKey(),
      fromBase64(stored.ct),
    );
    return new TextDecoder().decode(plain);
  } catch {
    await deleteSecret(name);
    return null;
  }
}

export async function deleteSecret(name: SecretName): Promise<void> {
  await browser.storage.local.remove(STORAGE_PREFIX + name);
}

/** What the UI may show about a secret: its last four characters, e.g. "ends …ab12". */
export function hintFor(secret: string): string {
  return `ends …${secret.slice(-4)}`;
}

/** The storage key a secret is sealed under (to notice changes to it). */
export function secretStorageKey(name: SecretName): string {
  return STORAGE_PREFIX + name;
}

/** For tests: forget the cached key handle (as a restarted service worker would). */
export function resetSecretKeyCacheForTests(): void {
  keyPromise = undefined;
}
