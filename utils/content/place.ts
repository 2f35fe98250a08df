/** Puts our host element where a Placement says, and tells whether it is still there. */
import type { Placement } from '../adapters/types';

export function isPlaced(host: Element, placement: Placement): boolean {
  if (!host.isConnected) return false;
  if ('floating' in placement) return host.parentElement === document.body && host.getAttribute('data-style') === 'floating';
  const { element, position } = placement;
  switch (position) {
    case 'prepend':
    case 'append':
      return host.parentElement === element;
    case 'before':
      return host.nextElementSibling === element;
    case 'after':
      return host.previousElementSibling === element;
  }
}

export function place(host: HTMLElement, placement: Placement): void {
  if ('floating' in placement) {
    host.setAttribute('data-style', 'floating');
    document.body.append(host);
    return;
  }
  host.setAttribute('data-style', placement.style);
  // The positions are named after the DOM methods that put a node there.
  placement.element[placement.position](host);
}
