/**
 * A short-lived cache for verdicts (design.md budgets: a repeated validation within the cache
 * window answers in ≤ 2 ms; concurrent identical requests are made once).
 *
 * In memory only, on purpose: an MV3 service worker may be stopped at any time, which costs
 * nothing but a cache miss, and ticket data is never written to disk this way.
 */

export interface TtlCacheOptions {
  /** How long a loaded value is served from the cache, in ms. 0 = never (loads still dedupe). */
  ttlMs: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
  /** Most entries kept; the oldest go first. Default 100. */
  max?: number;
}

export interface TtlCacheResult<V> {
  value: V;
  /** When the value was loaded (epoch ms). */
  cachedAt: number;
  /** True when served from the cache without loading. */
  fromCache: boolean;
}

export interface TtlCache<K extends string, V> {
  /**
   * The value for `key`: cached if younger than ttlMs, else from `load`. Callers asking for the
   * same key while a load is under way share it (and its failure); failures are not cached.
   * `fresh` skips the cached value (a load already under way is fresh enough and is joined).
   */
  get(key: K, load: () => Promise<V>, options?: { fresh?: boolean }): Promise<TtlCacheResult<V>>;
  /** Drops entries whose key starts with `prefix` (all when omitted), and forgets their loads in flight. */
  invalidate(prefix?: string): void;
  /** Number of cached entries (loads in flight not counted). */
  readonly size: number;
}

/**
 * Creates a TTL cache. Keys are strings (e.g. `${connectorId}:${kind}:${id}`) so that
 * `invalidate(connectorId + ':')` can drop one connector's entries.
 */
export function createTtlCache<K extends string, V>(options: TtlCacheOptions): TtlCache<K, V> {
  const { ttlMs, now = Date.now, max = 100 } = options;
  if (!(ttlMs >= 0)) throw new RangeError('ttlMs must be a number ≥ 0');
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be an integer ≥ 1');

  // Map order = insertion order = age, since every store deletes then re-inserts.
  const entries = new Map<K, { value: V; cachedAt: number }>();
  const inFlight = new Map<K, Promise<TtlCacheResult<V>>>();

  function startLoad(key: K, load: () => Promise<V>): Promise<TtlCacheResult<V>> {
    let loaded: Promise<V>;
    try {
      loaded = Promise.resolve(load());
    } catch (error) {
      loaded = Promise.reject(error); // a synchronous throw is shared and uncached like a rejection
    }
    const promise: Promise<TtlCacheResult<V>> = loaded
      .then((value) => {
        const cachedAt = now();
        // Store only if nobody invalidated this load meanwhile (its data may be stale).
        if (inFlight.get(key) === promise) {
          entries.delete(key);
          entries.set(key, { value, cachedAt });
          while (entries.size > max) entries.delete(entries.keys().next().value as K);
        }
        return { value, cachedAt, fromCache: false };
      })
      .finally(() => {
        if (inFlight.get(key) === promise) inFlight.delete(key);
      });
    inFlight.set(key, promise);
    return promise;
  }

  return {
    get(key, load, getOptions) {
      if (!getOptions?.fresh) {
        const entry = entries.get(key);
        if (entry) {
          const age = now() - entry.cachedAt;
          if (age >= 0 && age < ttlMs) return Promise.resolve({ ...entry, fromCache: true });
          entries.delete(key);
        }
      }
      return inFlight.get(key) ?? startLoad(key, load);
    },
    invalidate(prefix) {
      for (const map of [entries, inFlight]) {
        for (const key of [...map.keys()]) if (prefix === undefined || key.startsWith(prefix)) map.delete(key);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
