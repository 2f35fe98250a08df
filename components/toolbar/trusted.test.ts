// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { trusted } from './trusted';

describe('trusted', () => {
  it('ignores clicks made by page scripts', () => {
    const handler = vi.fn();
    const button = document.createElement('button');
    button.addEventListener('click', trusted(handler));
    button.click(); // a page script pressing our button
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes real input through', () => {
    const handler = vi.fn();
    const event = { isTrusted: true } as Event;
    trusted(handler)(event);
    expect(handler).toHaveBeenCalledWith(event);
  });
});
