/**
 * Calls `onPass` at most once per animation frame after the page changed: DOM mutations,
 * history navigation, hash changes or any other URL change (SPA page swaps and tab switches).
 * The pass itself has a fast path (run-adapter.ts), so a page that mutates all the time costs
 * one cheap check a frame.
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
/** How often the URL is compared (a string compare; a pass only when it changed). */
const URL_POLL_MS = 400;

export interface ObserveOptions {
  deep?: boolean;
  root?: Node;
}

/** Also observe the shadow roots that contain `node`, up to the document (a no-op in light DOM). */
export type Watch = (node: Node) => void;

export function observePage(onPass: () => void, signal: AbortSignal, options: ObserveOptions = {}): Watch {
  let scheduled = false;
  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      if (!signal.aborted) onPass();
    });
  };
  const observer = new MutationObserver(schedule);
  const init = { childList: true, subtree: true };
  observer.observe(options.root ?? document, init);
  addEventListener('popstate', schedule, { signal });
  addEventListener('hashchange', schedule, { signal });
  // pushState fires no event, and a portal may change the URL after it rendered the new ticket
  // (no DOM change follows): the Navigation API reports it at once (Chromium), and comparing
  // location.href on a short timer covers the rest (research §0.2: poll or compare the URL).
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', schedule, { signal });
  let href = location.href;
  const poll = setInterval(() => {
    if (location.href === href) return;
    href = location.href;
    schedule();
  }, URL_POLL_MS);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearInterval(poll);
    },
    { once: true },
  );

  if (options.deep) {
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
    // pushState navigations do not fire popstate; the Navigation API reports them (Chromium).
    navigation?.addEventListener('currententrychange', burst, { signal });
    addEventListener('popstate', burst, { signal });
    const interval = setInterval(schedule, DEEP_INTERVAL_MS);
    signal.addEventListener(
      'abort',
      () => {
        clearInterval(interval);
        timers.forEach(clearTimeout);
      },
      { once: true },
    );
    burst();
  }
  schedule();
  // Observing a root again only renews its options; roots the page dropped cost nothing.
  return (node) => {
    for (let root = node.getRootNode(); root.nodeType === 11; root = (root as ShadowRoot).host.getRootNode())
      observer.observe(root, init);
  };
}
