/**
 * Bounded shadow-piercing queries for ServiceNow's Next Experience pages (research §0.2: SOW nests
 * 10–30 shadow roots). SN Utils uses the page's own `querySelectorShadowDom` global, which an
 * isolated-world content script cannot see, so we carry our own (Bitwarden `queryDeepSelector`).
 *
 * - Open shadow roots only: `element.shadowRoot` is null for closed roots, by design of the
 *   platform; we never try to reach them.
 * - Bounded: at most `maxDepth` nested shadow roots and `maxNodes` elements inspected per call, so
 *   a huge or hostile page costs a fixed amount. When the node budget runs out the walk stops and
 *   returns what it found so far (callers treat that like "not rendered yet").
 * - Order: matches in a root come before matches in the shadow roots below it (depth-first by
 *   host in document order). Fine for our use: we want the one visible form and its action bar.
 * - Realm-free: documents may come from another window (tests, frames), so no `instanceof`.
 */

export interface DeepOptions {
  /** Nested shadow roots to enter below the start (document = depth 0). Default 40. */
  maxDepth?: number;
  /** Elements inspected while looking for shadow hosts, in total. Default 20 000. */
  maxNodes?: number;
}

type Root = Document | ShadowRoot | Element;

export const DEFAULT_MAX_DEPTH = 40;
export const DEFAULT_MAX_NODES = 20_000;

/** Walks `root` and the open shadow roots below it; `visit` returns true to stop. */
function walk(root: Root, options: DeepOptions, visit: (scope: ParentNode) => boolean): void {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let budget = options.maxNodes ?? DEFAULT_MAX_NODES;

  // Returns true when the walk must stop (found, or out of budget).
  const enter = (scope: ParentNode, depth: number): boolean => {
    if (visit(scope)) return true;
    if (depth >= maxDepth) return false;
    for (const element of scope.querySelectorAll('*')) {
      if (--budget < 0) return true;
      const shadow = element.shadowRoot;
      if (shadow && enter(shadow, depth + 1)) return true;
    }
    return false;
  };

  // An element start also covers its own shadow root (the form component's internals).
  const own = (root as Element).shadowRoot;
  if (enter(root, 0)) return;
  if (own && 0 < maxDepth) enter(own, 1);
}

/** The first element matching `selector` in `root` or any open shadow root below it, or null. */
export function deepQuerySelector(root: Root, selector: string, options: DeepOptions = {}): Element | null {
  let found: Element | null = null;
  walk(root, options, (scope) => (found = scope.querySelector(selector)) !== null);
  return found;
}

/** Every element matching `selector` in `root` and the open shadow roots below it (bounded). */
export function deepQuerySelectorAll(root: Root, selector: string, options: DeepOptions = {}): Element[] {
  const found: Element[] = [];
  walk(root, options, (scope) => {
    found.push(...scope.querySelectorAll(selector));
    return false;
  });
  return found;
}

/** The parent in the composed tree: the parent element, or the host when leaving a shadow root. */
export function composedParent(node: Node): Element | null {
  const parent = node.parentNode;
  if (!parent) return null;
  if (parent.nodeType === 11) return (parent as ShadowRoot).host ?? null; // DocumentFragment: a shadow root
  return parent.nodeType === 1 ? (parent as Element) : null;
}

/**
 * Whether nothing between `element` and the document hides it: no `hidden` attribute and no
 * inline `display: none` on it or on any composed ancestor. Workspaces keep inactive record tabs
 * in the DOM and hide them exactly that way (research §2.3; a workspace userscript tells the active
 * `sn-canvas-screen` by `style.display !== 'none'` [P]). Deliberately not computed style: cheap,
 * and the same in the browser and in happy-dom. Bounded like the queries.
 */
export function isShown(element: Element, maxSteps = 5_000): boolean {
  if (!element.isConnected) return false; // torn down by the page
  let node: Element | null = element;
  for (let steps = 0; node && steps < maxSteps; steps++, node = composedParent(node)) {
    if (node.hasAttribute('hidden')) return false;
    if ((node as HTMLElement).style?.display === 'none') return false;
  }
  return node === null;
}
