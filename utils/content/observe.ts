/**
 * Calls `onPass` after the page changed — at once within a small time budget, else in the next
 * animation frame: DOM mutations, history navigation, hash changes or any other URL change (SPA
 * page swaps and tab switches).
 * The pass itself has a fast path (run-adapter.ts), so a page that mutates all the time costs
 * one cheap check per change batch.
 *
 * `deep` pages (workspaces) keep their anchors inside shadow roots, where a document observer
 * sees nothing: the returned `watch` adds the shadow roots our toolbar sits in (so a re-render of
 * the record there is seen at once), and they are also re-checked on same-document navigations
 * (Navigation API), in a short burst after each one (the workspace re-renders asynchronously,
 * maybe in roots we do not watch yet), and on a slow timer.
 */

/** Marker attribute on every node we inject (design.md "Names"). */
export const MARKER = 'data-pam-bridge';

/** After a navigation, look again at these delays (ms): the new record renders in steps. */
const BURST_MS = [50, 150, 400, 1000, 2000];
/** Slow safety net for deep pages; one bounded pass costs well under a millisecond. */
const DEEP_INTERVAL_MS = 1000;
/** The window immediate passes are budgeted in (one frame at 60 Hz). */
const FRAME_MS = 16;
/** Pass time allowed at once per window; more waits for the next animation frame. */
const IMMEDIATE_BUDGET_MS = 1;
/** How often the URL is compared (a string compare; a pass only when it changed). */
const URL_POLL_MS = 400;

export interface ObserveOptions {
  deep?: boolean;
  root?: Node;
}

/** Also observe the shadow roots that contain `node`, up to the document (a no-op in light DOM). */
export type Watch = (node: Node) => void;

export function observePage(onPass: () => void, signal: AbortSignal, options: ObserveOptions = {}): Watch {
  // A change is handled at once (in the MutationObserver callback: the toolbar goes in with the
  // header, before the frame that paints it) while passes have used less than IMMEDIATE_BUDGET_MS
  // of the current frame-long window; past that, changes are coalesced into one pass in the next
  // animation frame. Cheap passes (the fast path) thus always run at once; costly ones (no toolbar
  // yet, deep pages) cannot take more than the budget plus one pass a frame.
  let scheduled = false;
  let windowStart = -Infinity;
  let spent = 0;
  const run = () => {
    const start = performance.now();
    if (start - windowStart >= FRAME_MS) {
      windowStart = start;
      spent = 0;
    }
    if (!signal.aborted) onPass();
    spent += performance.now() - start;
  };
  const schedule = () => {
    if (scheduled || signal.aborted) return;
    if (performance.now() - windowStart >= FRAME_MS || spent < IMMEDIATE_BUDGET_MS) return run();
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      run();
    });
  };
  const observer = new MutationObserver(schedule);
  const init = { childList: true, subtree: true };
  observer.observe(options.root ?? document, init);
  // Deep pages re-render the new record in steps after a navigation: look again a few times.
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const burst = () => {
    for (const ms of BURST_MS) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        schedule();
      }, ms);
      timers.add(timer);
    }
  };
  // Every sign of a navigation ends here. pushState fires no event, and a portal may change the
  // URL after it rendered the new ticket (no DOM change follows): the Navigation API reports it at
  // once (Chromium), comparing location.href on a short timer covers the rest (research §0.2).
  let href = location.href;
  const changed = () => {
    schedule();
    if (location.href === href) return;
    href = location.href;
    if (options.deep) burst();
  };
  addEventListener('popstate', changed, { signal });
  addEventListener('hashchange', changed, { signal });
  (globalThis as { navigation?: EventTarget }).navigation?.addEventListener('currententrychange', changed, { signal });
  const poll = setInterval(() => location.href !== href && changed(), URL_POLL_MS);
  // Deep pages: also a slow safety net for renders in shadow roots we do not watch.
  const interval = options.deep ? setInterval(schedule, DEEP_INTERVAL_MS) : undefined;
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearInterval(poll);
      clearInterval(interval);
      timers.forEach(clearTimeout);
    },
    { once: true },
  );
  if (options.deep) burst();
  queueMicrotask(schedule); // the first pass: after the caller has the returned `watch`
  // Observing a root again only renews its options; roots the page dropped cost nothing.
  return (node) => {
    for (let root = node.getRootNode(); root.nodeType === 11; root = (root as ShadowRoot).host.getRootNode())
      observer.observe(root, init);
  };
}
