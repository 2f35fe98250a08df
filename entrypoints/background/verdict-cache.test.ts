import { describe, expect, it, vi } from 'vitest';
import { createTtlCache } from './verdict-cache';

/** A settable clock and a cache on it. */
function setup(options: { ttlMs?: number; max?: number } = {}) {
  let time = 1_000_000;
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
  const cache = createTtlCache<string, string>({ ttlMs: options.ttlMs ?? 10_000, now: clock.now, max: options.max });
  return { cache, clock };
}

/** A load whose settling the test controls. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createTtlCache', () => {
  it('loads on a miss, then serves the cached value while it is younger than ttlMs', async () => {
    const { cache, clock } = setup();
    const load = vi.fn(async () => 'v1');
    expect(await cache.get('sdp:change:17', load)).toEqual({ value: 'v1', cachedAt: 1_000_000, fromCache: false });
    clock.advance(9_999);
    expect(await cache.get('sdp:change:17', load)).toEqual({ value: 'v1', cachedAt: 1_000_000, fromCache: true });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again once the value is ttlMs old', async () => {
    const { cache, clock } = setup();
    const load = vi.fn().mockResolvedValueOnce('v1').mockResolvedValueOnce('v2');
    await cache.get('k', load);
    clock.advance(10_000);
    expect(await cache.get('k', load)).toEqual({ value: 'v2', cachedAt: 1_010_000, fromCache: false });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps keys apart', async () => {
    const { cache } = setup();
    await cache.get('a', async () => 'A');
    expect((await cache.get('b', async () => 'B')).value).toBe('B');
    expect((await cache.get('a', async () => 'other')).value).toBe('A');
  });

  it('makes identical concurrent loads once', async () => {
    const { cache } = setup();
    const pending = deferred<string>();
    const load = vi.fn(() => pending.promise);
    const calls = Array.from({ length: 5 }, () => cache.get('k', load));
    expect(load).toHaveBeenCalledTimes(1);
    pending.resolve('v');
    const results = await Promise.all(calls);
    expect(results.map((r) => r.value)).toEqual(['v', 'v', 'v', 'v', 'v']);
    expect(load).toHaveBeenCalledTimes(1);
    expect((await cache.get('k', load)).fromCache).toBe(true);
  });

  it('shares a rejection with concurrent callers and does not cache it', async () => {
    const { cache } = setup();
    const pending = deferred<string>();
    const failing = vi.fn(() => pending.promise);
    const calls = Array.from({ length: 3 }, () => cache.get('k', failing));
    pending.reject(new Error('SDP is down'));
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(0);
    // The next call loads again (no cached failure, no stuck in-flight promise).
    expect(await cache.get('k', async () => 'ok')).toMatchObject({ value: 'ok', fromCache: false });
  });

  it('treats a load that throws synchronously like a rejection', async () => {
    const { cache } = setup();
    const load = () => {
      throw new Error('boom');
    };
    await expect(cache.get('k', load)).rejects.toThrow('boom');
    expect(await cache.get('k', async () => 'ok')).toMatchObject({ value: 'ok', fromCache: false });
  });

  it('fresh skips the cached value and stores the new one', async () => {
    const { cache, clock } = setup();
    await cache.get('k', async () => 'old');
    clock.advance(1_000);
    expect(await cache.get('k', async () => 'new', { fresh: true })).toEqual({
      value: 'new',
      cachedAt: 1_001_000,
      fromCache: false,
    });
    expect(await cache.get('k', async () => 'unused')).toEqual({ value: 'new', cachedAt: 1_001_000, fromCache: true });
  });

  it('fresh joins a load already under way instead of starting another', async () => {
    const { cache } = setup();
    const pending = deferred<string>();
    const load = vi.fn(() => pending.promise);
    const first = cache.get('k', load);
    const second = cache.get('k', load, { fresh: true });
    pending.resolve('v');
    expect((await first).value).toBe('v');
    expect((await second).value).toBe('v');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('evicts the oldest entries beyond max', async () => {
    const { cache, clock } = setup({ max: 2 });
    for (const key of ['a', 'b', 'c']) {
      await cache.get(key, async () => key);
      clock.advance(1);
    }
    expect(cache.size).toBe(2);
    const reload = vi.fn(async () => 'again');
    expect((await cache.get('b', reload)).fromCache).toBe(true);
    expect((await cache.get('c', reload)).fromCache).toBe(true);
    expect(reload).not.toHaveBeenCalled();
    expect(await cache.get('a', reload)).toMatchObject({ value: 'again', fromCache: false });
  });

  it('counts a reloaded key as new for eviction', async () => {
    const { cache } = setup({ max: 2 });
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    await cache.get('a', async () => 'a2', { fresh: true }); // a is now the newest
    await cache.get('c', async () => 'c'); // evicts b
    expect((await cache.get('a', async () => 'x')).value).toBe('a2');
    expect((await cache.get('b', async () => 'b2')).fromCache).toBe(false);
  });

  it('defaults max to 100', async () => {
    const { cache } = setup();
    for (let i = 0; i < 101; i++) await cache.get(`k${i}`, async () => String(i));
    expect(cache.size).toBe(100);
    expect((await cache.get('k0', async () => 'reloaded')).value).toBe('reloaded');
  });

  it('invalidate(prefix) drops only matching keys; invalidate() drops all', async () => {
    const { cache } = setup();
    for (const key of ['sdp-prod:request:1', 'sdp-prod:change:2', 'snow:incident:3']) await cache.get(key, async () => key);
    cache.invalidate('sdp-prod:');
    expect(cache.size).toBe(1);
    expect((await cache.get('snow:incident:3', async () => 'x')).fromCache).toBe(true);
    expect((await cache.get('sdp-prod:request:1', async () => 'reloaded')).value).toBe('reloaded');
    cache.invalidate();
    expect(cache.size).toBe(0);
  });

  it('a load under way when invalidated is not stored, and the next call loads again', async () => {
    const { cache } = setup();
    const stale = deferred<string>();
    const first = cache.get('k', () => stale.promise);
    cache.invalidate('k');
    const second = cache.get('k', async () => 'new');
    stale.resolve('stale');
    expect((await first).value).toBe('stale'); // its own caller still gets an answer
    expect((await second).value).toBe('new');
    expect((await cache.get('k', async () => 'x')).value).toBe('new');
  });

  it('ttlMs 0 never serves from the cache but still dedupes', async () => {
    const { cache } = setup({ ttlMs: 0 });
    const load = vi.fn(async () => 'v');
    await Promise.all([cache.get('k', load), cache.get('k', load)]);
    await cache.get('k', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('refuses nonsense options', () => {
    expect(() => createTtlCache({ ttlMs: -1 })).toThrow(RangeError);
    expect(() => createTtlCache({ ttlMs: Number.NaN })).toThrow(RangeError);
    expect(() => createTtlCache({ ttlMs: 1, max: 0 })).toThrow(RangeError);
  });
});
