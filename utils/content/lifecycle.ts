/**
 * One live copy of a portal script per page. When the extension is updated or reloaded, the
 * browser injects a new copy next to the orphaned old one; the new copy announces itself and
 * the old one stops (and removes its toolbar), so the page never shows two. An orphaned copy
 * also stops by itself once it notices the extension is gone.
 * (WXT's content-script context does the same, at ~2 KB of bundle we keep under budget.)
 */
import { browser } from 'wxt/browser';

export function startInstance(name: string): AbortSignal {
  const controller = new AbortController();
  const event = `pam-bridge:${name}:started`;
  const self = `${Date.now()}-${Math.random()}`;
  dispatchEvent(new CustomEvent(event, { detail: self }));
  addEventListener(
    event,
    (e) => {
      if ((e as CustomEvent<string>).detail !== self) controller.abort();
    },
    { signal: controller.signal },
  );
  const check = setInterval(() => {
    if (!browser.runtime?.id) controller.abort();
  }, 5000);
  controller.signal.addEventListener('abort', () => clearInterval(check), { once: true });
  return controller.signal;
}
