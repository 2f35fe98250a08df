// @vitest-environment happy-dom
// The bounded shadow-piercing queries: open roots only, depth and node budgets respected.
import { afterEach, describe, expect, it } from 'vitest';
import { composedParent, deepQuerySelector, deepQuerySelectorAll, isShown } from './deep';

afterEach(() => {
  document.body.replaceChildren();
});

/** `<x-level>` hosts nested `levels` shadow roots deep; `<b class="target">` at the bottom. */
function chain(levels: number, mode: ShadowRootMode = 'open'): Element {
  const top = document.createElement('x-level');
  let host = top;
  for (let i = 1; i < levels; i++) {
    const next = document.createElement('x-level');
    host.attachShadow({ mode }).append(next);
    host = next;
  }
  const target = document.createElement('b');
  target.className = 'target';
  host.attachShadow({ mode }).append(target);
  document.body.append(top);
  return target;
}

describe('deepQuerySelector / deepQuerySelectorAll', () => {
  it('finds elements in the light DOM and in nested open shadow roots, shallow matches first', () => {
    const deep = chain(3);
    const light = document.createElement('b');
    light.className = 'target';
    document.body.append(light);
    expect(deepQuerySelector(document, '.target')).toBe(light);
    expect(deepQuerySelectorAll(document, '.target')).toEqual([light, deep]);
  });

  it('starting at an element covers its own shadow root', () => {
    const target = chain(2);
    const host = document.querySelector('x-level')!;
    expect(deepQuerySelector(host, '.target')).toBe(target);
    expect(deepQuerySelectorAll(host.shadowRoot!, 'b')).toEqual([target]);
  });

  it('never sees into closed shadow roots', () => {
    chain(2, 'closed');
    expect(deepQuerySelector(document, '.target')).toBeNull();
    expect(deepQuerySelectorAll(document, 'x-level')).toHaveLength(1);
  });

  it('stops at maxDepth: a 50-level chain is out of reach at 40, in reach at 50', () => {
    const target = chain(50);
    expect(deepQuerySelector(document, '.target')).toBeNull(); // default maxDepth 40
    expect(deepQuerySelector(document, '.target', { maxDepth: 49 })).toBeNull();
    expect(deepQuerySelector(document, '.target', { maxDepth: 50 })).toBe(target);
    // Hosts up to the limit are still found.
    expect(deepQuerySelectorAll(document, 'x-level', { maxDepth: 10 })).toHaveLength(11);
  });

  it('respects the node budget: stops after maxNodes inspected elements', () => {
    const filler = document.createElement('div');
    for (let i = 0; i < 3_000; i++) filler.append(document.createElement('span'));
    document.body.append(filler);
    const target = chain(2); // after the filler in document order
    expect(deepQuerySelector(document, '.target', { maxNodes: 1_000 })).toBeNull();
    expect(deepQuerySelectorAll(document, '.target', { maxNodes: 1_000 })).toEqual([]);
    expect(deepQuerySelector(document, '.target', { maxNodes: 5_000 })).toBe(target);
    // Light-DOM matches of the start root cost nothing extra and are always returned.
    expect(deepQuerySelectorAll(document, 'span', { maxNodes: 10 })).toHaveLength(3_000);
  });
});

describe('isShown / composedParent', () => {
  it('walks out of shadow roots to their hosts', () => {
    const target = chain(2);
    const inner = composedParent(target)!;
    expect(inner.localName).toBe('x-level');
    expect(composedParent(inner)!.localName).toBe('x-level');
    expect(isShown(target)).toBe(true);
  });

  it('is false when a composed ancestor is hidden (attribute or inline display:none)', () => {
    const target = chain(3);
    const top = document.querySelector('x-level') as HTMLElement;
    top.style.display = 'none';
    expect(isShown(target)).toBe(false);
    top.style.display = '';
    const middle = top.shadowRoot!.querySelector('x-level')!;
    middle.setAttribute('hidden', '');
    expect(isShown(target)).toBe(false);
    middle.removeAttribute('hidden');
    expect(isShown(target)).toBe(true);
  });

  it('is false for detached elements', () => {
    const target = chain(2);
    document.body.replaceChildren();
    expect(target.isConnected).toBe(false);
    expect(isShown(target)).toBe(false);
  });
});
