/**
 * Who is signed in to SDP, from the page's own `window.sdp_user` (research §1.2).
 *
 * The background runs this in the page's MAIN world with
 * `chrome.scripting.executeScript({func: readSdpIdentity})`, which sends only the function's
 * source. So it must be self-contained: no imports, no outer variables, no helper functions
 * (bundlers may wrap named helpers), and it returns plain strings only. The page can define
 * anything (getters that throw, objects, huge strings): read defensively, never throw. The
 * answer is a hint and is zod-checked by the caller (entrypoints/background/tickets/identity.ts).
 */
export function readSdpIdentity(): { login?: string; name?: string; id?: string } | null {
  try {
    const user: unknown = (window as unknown as { sdp_user?: unknown }).sdp_user;
    if (user === null || typeof user !== 'object') return null;
    const out: { login?: string; name?: string; id?: string } = {};
    // [our key, sdp_user key, max length] — limits match the background's schema.
    const fields = [
      ['login', 'LOGINNAME', 200],
      ['name', 'USERNAME', 200],
      ['id', 'LOGGEDIN_USERID', 100],
    ] as const;
    for (const [key, source, max] of fields) {
      const value: unknown = (user as Record<string, unknown>)[source];
      const raw = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
      const trimmed = raw.trim();
      if (trimmed && trimmed.length <= max) out[key] = trimmed;
    }
    return out.login || out.name || out.id ? out : null;
  } catch {
    return null;
  }
}
