// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observePage } from './observe';

/** Lets MutationObserver callbacks (microtasks) run. */
const microtasks = async () => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
  document.body.innerHTML = '';
});
afterEach(() => controller.abort());

describe('observePage', () => {
  it('handles each change at once while passes are cheap (the toolbar goes in with the header)', async () => {
    let passes = 0;
    observePage(() => passes++, controller.signal);
    await microtasks();
    expect(passes).toBe(1); // the first pass, right after start
    for (let i = 1; i <= 5; i++) {
      document.body.append(document.createElement('div'));
      await microtasks();
      expect(passes).toBe(1 + i); // no frame waited for
    }
  });

  it('past the budget, further changes in the same frame share one pass in the next frame', async () => {
    let passes = 0;
    observePage(() => {
      passes++;
      busy(3); // a costly pass: more than the 1 ms immediate budget
    }, controller.signal);
    await microtasks();
    expect(passes).toBe(1);
    for (let i = 0; i < 5; i++) {
      document.body.append(document.createElement('div'));
      await microtasks();
    }
    expect(passes).toBe(1); // deferred, not run five times
    await frame();
    await frame();
    expect(passes).toBe(2); // one coalesced pass
  });

  it('stops when aborted', async () => {
    let passes = 0;
    observePage(() => passes++, controller.signal);
    await microtasks();
    controller.abort();
    document.body.append(document.createElement('div'));
    await microtasks();
    await frame();
    expect(passes).toBe(1);
  });
});
