/**
 * The record a ServiceNow frame host shows, from the host's URL alone. detect() answers null for
 * frame hosts on purpose (the content script in iframe#gsft_main handles the form); this helper
 * is for code that only sees a tab's top URL — the background describing a tab to the popup.
 *
 * - `/nav_to.do?uri=<path>`: UI16. The uri is one query value (usually encoded once; scripts
 *   sometimes encode it twice).
 * - `/now/nav/ui/classic/params/target/<encoded path>`: the Next Experience classic wrapper; the
 *   target is the one path segment after `target/`.
 *
 * The target must stay on the host's own origin (`//other.example/…`, `javascript:` → null) and
 * must not be another frame host. What it points at is then read by detect(), as strictly as any
 * other URL. Pure: no DOM, safe for the background.
 */
import type { PageMatch } from '../types';
import { detect, isFrameHostUrl } from './detect';

const POLARIS_TARGET = '/now/nav/ui/classic/params/target/';

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null; // malformed escapes: not a target we can read
  }
}

/** The raw (decoded) target of a frame-host URL, or null when the URL carries none. */
function rawTarget(url: URL): string | null {
  if (url.pathname === '/nav_to.do') {
    const uris = url.searchParams.getAll('uri');
    return uris.length === 1 ? uris[0]! : null;
  }
  if (url.pathname.startsWith(POLARIS_TARGET)) {
    const segment = url.pathname.slice(POLARIS_TARGET.length).split('/')[0] ?? '';
    return decode(segment);
  }
  return null;
}

/** The URL a frame host frames (same origin), or null when it names none or we cannot read it. */
export function frameTarget(url: URL): URL | null {
  let raw = rawTarget(url);
  // Encoded twice: the once-decoded value still has its `?` escaped. One more round, no more.
  if (raw !== null && !raw.includes('?') && /%3f/i.test(raw)) raw = decode(raw);
  if (!raw) return null;
  let target: URL;
  try {
    target = new URL(raw, `${url.origin}/`);
  } catch {
    return null;
  }
  if (target.origin !== url.origin || isFrameHostUrl(target)) return null;
  return target;
}

/** The ticket a tab shows, from its top URL: the page itself, or the record its frame host frames. */
export function detectTopLevel(url: URL): PageMatch | null {
  const own = detect(url);
  if (own || !isFrameHostUrl(url)) return own;
  const target = frameTarget(url);
  return target ? detect(target) : null;
}
