/**
 * Server URL checks shared by options (instant feedback) and the background (the real gate).
 * Pure: no browser APIs, no zod, so any side may import it.
 */

export type UrlCheck = { ok: true; origin: string; url: URL } | { ok: false; message: string };

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

/**
 * Accepts `https://host[:port][/]` and, for loopback hosts only, `http://`.
 * Everything else (javascript:, data:, file:, credentials in the URL, plain http to a real host)
 * is refused with a sentence the user can act on.
 */
export function checkServerUrl(input: string): UrlCheck {
  const text = input.trim();
  if (!text) return { ok: false, message: 'Enter the server URL, e.g. https://pam360.example.com:8282' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'This is not a URL. Use the form https://pam360.example.com:8282' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `Only https:// URLs are allowed (got ${url.protocol})` };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: 'Use https:// — plain http is allowed only for this computer (localhost, 127.0.0.1)',
    };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Leave user name and password out of the URL' };
  }
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    return { ok: false, message: 'Enter only the server address, without a path (e.g. https://pam360.example.com:8282)' };
  }
  return { ok: true, origin: url.origin, url };
}

/**
 * Match pattern for host access to a server. The port is left out on purpose: Firefox rejects
 * ports in match patterns, and Chromium ignores them when matching.
 */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
