/**
 * Wraps a click handler so it runs only for real user input (design.md rule 4): a page script
 * calling `.click()` or dispatching a synthetic event gets `isTrusted === false` and nothing
 * happens. Keyboard activation of a <button> produces a trusted click, so keyboards work.
 */
export function trusted<E extends Event>(handler: (event: E) => void) {
  return (event: E) => {
    if (!event.isTrusted) return;
    handler(event);
  };
}
