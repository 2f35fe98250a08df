// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageMatch, PortalAdapter } from '../adapters/types';
import { runAdapter, type ToolbarView } from './run-adapter';

/** A minimal adapter: ticket id from ?id=, header = #header (absent while "loading"). */
const adapter: PortalAdapter = {
  id: 'sdp',
  detect: (url) => (url.searchParams.get('id') ? { kind: 'request', id: url.searchParams.get('id')! } : null),
  findPlacement: (doc: Document, _match: PageMatch) => {
    const header = doc.querySelector('#header');
    if (header) return { element: header, position: 'append', style: 'header' };
    return doc.querySelector('#loaded') ? { floating: true } : null;
  },
  readTicket: (_doc, match) => ({ ...match, displayId: `#${match.id}` }),
};

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
const settle = async () => {
  await Promise.resolve();
  await frame();
  await frame();
};

let controller: AbortController;
let view: ToolbarView & { render: ReturnType<typeof vi.fn>; unmount: ReturnType<typeof vi.fn> };

beforeEach(() => {
  controller = new AbortController();
  view = { css: ':host{}', render: vi.fn(), unmount: vi.fn() } as never;
  document.body.innerHTML = '';
  history.replaceState(null, '', '/page?id=1');
});
afterEach(() => controller.abort());

const hosts = () => document.querySelectorAll('pam-bridge-toolbar');

describe('runAdapter', () => {
  it('waits for the header, then mounts exactly one toolbar in a shadow root', async () => {
    runAdapter(adapter, view, controller.signal);
    await settle();
    expect(hosts()).toHaveLength(0);
    document.body.innerHTML = '<div id="header"></div>';
    await settle();
    expect(hosts()).toHaveLength(1);
    const host = hosts()[0]!;
    expect(host.parentElement?.id).toBe('header');
    expect(host.getAttribute('data-pam-bridge')).toBe('toolbar');
    expect(host.shadowRoot?.querySelector('style')?.textContent).toBe(':host{}');
    expect(view.render).toHaveBeenCalledTimes(1);
    expect(view.render.mock.calls[0]?.[1]).toEqual({ kind: 'request', id: '1', displayId: '#1' });
  });

  it('re-attaches the same host when the page re-renders its header (no duplicate, state kept)', async () => {
    document.body.innerHTML = '<div id="header"></div>';
    runAdapter(adapter, view, controller.signal);
    await settle();
    const first = hosts()[0];
    document.body.innerHTML = '<div id="header">re-rendered</div>';
    await settle();
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]).toBe(first);
    expect(view.unmount).not.toHaveBeenCalled();
  });

  it('drops the old ticket’s toolbar on an SPA swap and mounts one for the new ticket', async () => {
    document.body.innerHTML = '<div id="header"></div>';
    runAdapter(adapter, view, controller.signal);
    await settle();
    history.pushState(null, '', '/page?id=2');
    document.body.innerHTML = '<div id="header">ticket 2</div>';
    await settle();
    expect(hosts()).toHaveLength(1);
    expect(view.unmount).toHaveBeenCalledTimes(1);
    expect(view.render.mock.calls.at(-1)?.[1]).toMatchObject({ id: '2' });
  });

  it('does not put the new ticket’s toolbar on the old ticket’s header while the portal re-renders', async () => {
    document.body.innerHTML = '<div id="header"></div>';
    runAdapter(adapter, view, controller.signal);
    await settle();
    history.pushState(null, '', '/page?id=2');
    document.body.append(document.createElement('span')); // some unrelated change; old header still there
    await settle();
    expect(hosts()).toHaveLength(0);
    document.body.innerHTML = '<div id="header">ticket 2</div>';
    await settle();
    expect(hosts()).toHaveLength(1);
    expect(view.render.mock.calls.at(-1)?.[1]).toMatchObject({ id: '2' });
  });

  it('notices a pushState that comes after the portal rendered the new ticket (no DOM change after it)', async () => {
    // Research §0.2 asks to poll or compare location.href: pushState fires no event, and a portal
    // may render first and change the URL afterwards. The old ticket's toolbar must not stay.
    document.body.innerHTML = '<div id="header">ticket 1</div>';
    runAdapter(adapter, view, controller.signal);
    await settle();
    document.body.innerHTML = '<div id="header">ticket 2</div>';
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    history.pushState(null, '', '/page?id=2');
    await vi.waitFor(() => expect(hosts()).toHaveLength(0), { timeout: 900, interval: 20 });
    await vi.waitFor(() => expect(view.render.mock.calls.at(-1)?.[1]).toMatchObject({ id: '2' }), { timeout: 2500, interval: 50 });
    expect(hosts()).toHaveLength(1);
  });

  it('removes the toolbar on a page that is not a ticket', async () => {
    document.body.innerHTML = '<div id="header"></div>';
    runAdapter(adapter, view, controller.signal);
    await settle();
    history.pushState(null, '', '/list');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    expect(hosts()).toHaveLength(0);
  });

  it('a page that is no ticket is not looked at again until its URL changes', async () => {
    history.replaceState(null, '', '/list');
    const detect = vi.fn(adapter.detect);
    runAdapter({ ...adapter, detect }, view, controller.signal);
    await settle();
    const calls = detect.mock.calls.length;
    for (let i = 0; i < 3; i++) {
      document.body.append(document.createElement('div'));
      await settle();
    }
    expect(detect.mock.calls.length).toBe(calls);
    history.pushState(null, '', '/page?id=7');
    document.body.innerHTML = '<div id="header"></div>';
    await settle();
    expect(hosts()).toHaveLength(1);
  });

  it('falls back to a floating panel when the page has loaded without any anchor', async () => {
    document.body.innerHTML = '<main id="loaded"></main>';
    runAdapter(adapter, view, controller.signal);
    await settle();
    expect(hosts()[0]?.getAttribute('data-style')).toBe('floating');
    expect(view.render.mock.calls[0]?.[2]).toBe('floating');
  });

  it('does no work when only our own toolbar changed', async () => {
    document.body.innerHTML = '<div id="header"></div>';
    const find = vi.spyOn(adapter, 'findPlacement');
    runAdapter(adapter, view, controller.signal);
    await settle();
    const passes = find.mock.calls.length;
    hosts()[0]!.setAttribute('data-x', '1');
    hosts()[0]!.shadowRoot!.append(document.createElement('p'));
    await settle();
    expect(find.mock.calls.length).toBe(passes);
  });

  it('deep pages: finds an anchor that appears inside a shadow root (no document mutation)', async () => {
    document.body.innerHTML = '<div id="shell"></div>';
    const shadow = document.getElementById('shell')!.attachShadow({ mode: 'open' });
    const deepAdapter: PortalAdapter = {
      ...adapter,
      watch: 'deep',
      findPlacement: () => {
        const bar = shadow.querySelector('.bar');
        return bar ? { element: bar, position: 'append', style: 'header' } : null;
      },
    };
    runAdapter(deepAdapter, view, controller.signal);
    await settle();
    shadow.innerHTML = '<div class="bar"></div>'; // invisible to a document MutationObserver
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await settle();
    expect(shadow.querySelector('.bar pam-bridge-toolbar')).not.toBeNull();
  });

  it('deep pages: a re-render inside the shadow roots the toolbar sits in is seen in the next frame', async () => {
    // document > outer-host #shadow > inner-host #shadow > .bar (the record's action bar)
    document.body.innerHTML = '<outer-host></outer-host>';
    const outer = document.querySelector('outer-host')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<inner-host></inner-host>';
    const inner = outer.querySelector('inner-host')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<div class="bar">record 1</div>';
    const deepAdapter: PortalAdapter = {
      ...adapter,
      watch: 'deep',
      findPlacement: () => {
        const host = outer.querySelector('inner-host')?.shadowRoot;
        const bar = host?.querySelector('.bar');
        return bar ? { element: bar, position: 'append', style: 'header' } : null;
      },
    };
    runAdapter(deepAdapter, view, controller.signal);
    await settle();
    expect(inner.querySelector('.bar pam-bridge-toolbar')).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 60)); // past the start-up re-checks at 50 ms

    // The workspace re-renders its form in the outer root: no light-DOM change, no navigation.
    const again = document.createElement('inner-host');
    again.attachShadow({ mode: 'open' }).innerHTML = '<div class="bar">record 1, re-rendered</div>';
    outer.replaceChildren(again);
    await settle(); // next re-check is 90 ms away and the timer 1 s: only watching the root finds it
    expect(again.shadowRoot!.querySelector('.bar pam-bridge-toolbar')).not.toBeNull();

    // The new inner root is watched as well, once the toolbar is in it.
    const bar = again.shadowRoot!.querySelector('.bar')!;
    again.shadowRoot!.replaceChildren(Object.assign(document.createElement('div'), { className: 'bar' }));
    await settle();
    expect(bar.querySelector('pam-bridge-toolbar')).toBeNull();
    expect(again.shadowRoot!.querySelector('.bar pam-bridge-toolbar')).not.toBeNull();
  });

  it('cleans up when the content script is invalidated', async () => {
    document.body.innerHTML = '<div id="header"></div>';
    runAdapter(adapter, view, controller.signal);
    await settle();
    controller.abort();
    expect(hosts()).toHaveLength(0);
  });
});
