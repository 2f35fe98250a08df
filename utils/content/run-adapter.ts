/**
 * Keeps exactly one toolbar on the ticket in view: on every page change (batched per frame)
 * it asks the adapter which ticket the URL names and where its header is, and mounts, moves or
 * removes our shadow-root host accordingly. The same host is moved (not rebuilt) when the page
 * re-renders the header, so an open verdict panel survives SPA tab switches.
 */
import type { PageTicket, PortalAdapter } from '../adapters/types';
import { observePage, MARKER, type Watch } from './observe';
import { isPlaced, place } from './place';

export type ToolbarStyle = 'header' | 'panel' | 'floating';

export interface ToolbarView {
  /** Renders (or re-renders) the toolbar for a ticket into the host's shadow container. */
  render(container: HTMLElement, ticket: PageTicket, style: ToolbarStyle): void;
  /** Unmounts the UI from the container before the host is dropped. */
  unmount(container: HTMLElement): void;
  /** Styles for the shadow root. */
  css: string;
}

/** How long the previous ticket's anchor is avoided after a switch (the page re-renders it). */
const STALE_ANCHOR_MS = 1500;

interface Mounted {
  key: string;
  /** The element we were placed against, if any. */
  anchor?: Element;
  host: HTMLElement;
  container: HTMLElement;
  style: ToolbarStyle;
}

function createHost(css: string): { host: HTMLElement; container: HTMLElement } {
  const host = document.createElement('pam-bridge-toolbar');
  host.setAttribute(MARKER, 'toolbar');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
  // Keys typed in our panel must not trigger the portal's keyboard shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
  return { host, container };
}

/** Starts the adapter on this page until `signal` aborts (extension reload/update). */
export function runAdapter(adapter: PortalAdapter, view: ToolbarView, signal: AbortSignal): void {
  let current: Mounted | null = null;
  let lastHref = '';
  // Whether lastHref names a ticket: detect() reads the URL alone, so a page that is no ticket
  // (lists, frame hosts such as nav_to.do) needs no pass until its URL changes.
  let ticketUrl = false;
  // After an SPA switch the old ticket's header is still in the page until the portal re-renders
  // it: the new ticket's toolbar must not sit there, even briefly.
  let stale: { anchor: Element; until: number } | null = null;

  const drop = () => {
    if (!current) return;
    view.unmount(current.container);
    current.host.remove();
    current = null;
  };

  let watch: Watch = () => {};
  const pass = () => {
    if (signal.aborted) return;
    // Fast path for pages that mutate all the time: same URL and our toolbar still in the page
    // (a re-rendered header takes it out) means there is nothing to do.
    const href = location.href;
    if (href === lastHref && (!ticketUrl || (current && current.host.isConnected && current.style !== 'floating'))) return;
    lastHref = href;
    // Pages that only frame the ticket (ServiceNow nav_to.do) are no ticket either: the frame's script shows it.
    const match = adapter.detect(new URL(href));
    ticketUrl = !!match;
    if (!match) return drop();
    const key = `${match.table ?? match.kind}:${match.id}`;
    if (current && current.key !== key) {
      // another ticket: never show the old one's verdict, nor the new one on the old header
      if (current.anchor) {
        stale = { anchor: current.anchor, until: Date.now() + STALE_ANCHOR_MS };
        setTimeout(pass, STALE_ANCHOR_MS + 10);
      }
      drop();
    }
    const placement = adapter.findPlacement(document, match);
    if (!placement) return; // header not rendered yet; the next mutation brings us back
    if (stale && 'element' in placement && placement.element === stale.anchor && Date.now() < stale.until) return;
    const style: ToolbarStyle = 'floating' in placement ? 'floating' : placement.style;
    if (current && isPlaced(current.host, placement) && current.style === style) return;
    if (!current) current = { key, ...createHost(view.css), style };
    place(current.host, placement);
    watch(current.host);
    current.style = style;
    current.anchor = 'element' in placement ? placement.element : undefined;
    view.render(current.container, adapter.readTicket(document, match), style);
  };

  watch = observePage(pass, signal, { deep: adapter.watch === 'deep' });
  signal.addEventListener('abort', drop, { once: true });
}
