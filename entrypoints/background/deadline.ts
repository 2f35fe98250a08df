/**
 * A per-call time limit for fetches: the signal aborts after `ms`, and `expired()` tells a
 * timeout apart from any other network failure (users get "timed out after N ms").
 */
export interface Deadline {
  signal: AbortSignal;
  expired(): boolean;
  /** Stops the timer once the call (and its body) finished. */
  clear(): void;
}

export function deadline(ms: number): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, ms);
  return { signal: controller.signal, expired: () => expired, clear: () => clearTimeout(timer) };
}
