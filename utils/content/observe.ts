/**
 * Calls `onPass` at most once per animation frame after the page changed: DOM mutations,
 * history navigation or hash changes (SPA page swaps and tab switches). Mutations that touch
 * only our own toolbar are ignored, so mounting it does not wake us up again.
 */

/** Marker attribute on every node we inject (design.md "Names"). */
export const MARKER = 'data-pam-bridge';

function isOurs(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).hasAttribute(MARKER);
}

function onlyOurs(records: MutationRecord[]): boolean {
  return records.every(
    (record) =>
      isOurs(record.target) ||
      (Array.from(record.addedNodes).every(isOurs) && Array.from(record.removedNodes).every(isOurs)),
  );
}

export function observePage(onPass: () => void, signal: AbortSignal, root: Node = document): void {
  let scheduled = false;
  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      if (!signal.aborted) onPass();
    });
  };
  const observer = new MutationObserver((records) => {
    if (!onlyOurs(records)) schedule();
  });
  observer.observe(root, { childList: true, subtree: true });
  addEventListener('popstate', schedule, { signal });
  addEventListener('hashchange', schedule, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  schedule();
}
