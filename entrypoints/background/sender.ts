/**
 * Sender classification (design.md rule 3). The only file that reads `sender.*`.
 * It trusts browser-stamped fields only: `id`, `origin` (Chromium), `url` (stamped by the
 * browser too; used where `origin` is missing, as in Firefox), `tab`, `frameId`. Message
 * contents never decide who is talking.
 */
import type { Browser } from 'wxt/browser';

type MessageSender = Browser.runtime.MessageSender;

export type SenderKind =
  | { kind: 'extension-page' }
  | { kind: 'content-script'; tabId: number; frameId: number; origin: string }
  | { kind: 'foreign'; why: string };

/** Classifies a runtime message sender. `extensionOrigin` is e.g. chrome-extension://<id>. */
export function classifySender(sender: MessageSender, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId) return { kind: 'foreign', why: 'another extension or a web page' };
  const origin = senderOrigin(sender);
  if (!origin) return { kind: 'foreign', why: 'no origin' };
  if (origin === extensionOrigin) return { kind: 'extension-page' };
  if (sender.tab?.id !== undefined && sender.frameId !== undefined) {
    return { kind: 'content-script', tabId: sender.tab.id, frameId: sender.frameId, origin };
  }
  return { kind: 'foreign', why: 'unknown context' };
}

function senderOrigin(sender: MessageSender): string | undefined {
  const stamped = (sender as { origin?: string }).origin;
  if (stamped && stamped !== 'null') return stamped;
  if (!sender.url) return undefined;
  try {
    const origin = new URL(sender.url).origin;
    // Firefox reports moz-extension:// URLs with an opaque "null" origin from URL().
    if (origin === 'null') return sender.url.split('/').slice(0, 3).join('/');
    return origin;
  } catch {
    return undefined;
  }
}
