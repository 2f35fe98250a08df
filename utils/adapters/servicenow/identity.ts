/**
 * MAIN-world readers for ServiceNow pages, run by the background with
 * `chrome.scripting.executeScript({world: 'MAIN', func})` in the frame that shows the ticket.
 *
 * executeScript sends only each function's source, so each is self-contained: no imports, no
 * outer variables, no helper functions (bundlers may wrap named helpers), plain data out. The
 * page can define anything (getters that throw, proxies, huge strings): read defensively, never
 * throw, return null when nothing usable is there. Answers are hints and are zod-checked by the
 * caller.
 */

/**
 * Who is signed in: classic pages' `window.g_user` {userName, userID, firstName, lastName} [C],
 * else Next Experience's `window.NOW.user` (same field names assumed [I]; `NOW.user.roles` is [C]).
 */
export function readServiceNowIdentity(): { login?: string; name?: string; id?: string } | null {
  const sources: unknown[] = [];
  try {
    sources.push((window as unknown as { g_user?: unknown }).g_user);
  } catch {
    // a throwing getter: try the next source
  }
  try {
    const now: unknown = (window as unknown as { NOW?: unknown }).NOW;
    if (now !== null && typeof now === 'object') sources.push((now as { user?: unknown }).user);
  } catch {
    // same
  }
  for (const user of sources) {
    try {
      if (user === null || typeof user !== 'object') continue;
      const record = user as Record<string, unknown>;
      const out: { login?: string; name?: string; id?: string } = {};
      // [our key, source keys in order, max length] — limits match the background's schema.
      const fields = [
        ['login', ['userName', 'user_name'], 200],
        ['name', ['fullName', 'name'], 200],
        ['id', ['userID', 'userId', 'sys_id'], 32],
      ] as const;
      for (const [key, names, max] of fields) {
        for (const name of names) {
          const value: unknown = record[name];
          const text = typeof value === 'string' ? value.trim() : '';
          if (text && text.length <= max) {
            out[key] = text;
            break;
          }
        }
      }
      if (out.id && !/^[0-9a-f]{32}$/i.test(out.id)) delete out.id; // user ids are sys_ids
      if (!out.name) {
        const first: unknown = record.firstName;
        const last: unknown = record.lastName;
        const full = [first, last].map((part) => (typeof part === 'string' ? part.trim() : '')).filter(Boolean).join(' ');
        if (full && full.length <= 200) out.name = full;
      }
      if (out.login || out.name || out.id) return out;
    } catch {
      // booby-trapped object: try the next source
    }
  }
  return null;
}

/**
 * The session's CSRF token for same-origin REST calls (`X-UserToken`, research §2.5): the page
 * global `window.g_ck` [C], else the form's hidden `input[name=sysparm_ck]` [C].
 *
 * This is the CSRF token of the user's own ServiceNow session. It is read in the page and used
 * only for the same-origin call to that page's own instance (the session transport); it is never
 * stored, logged or sent anywhere else.
 */
export function readServiceNowSessionToken(): { token: string } | null {
  try {
    let raw: unknown;
    try {
      raw = (window as unknown as { g_ck?: unknown }).g_ck;
    } catch {
      raw = undefined;
    }
    if (typeof raw !== 'string' || !raw.trim()) {
      const input = document.querySelector('input[name="sysparm_ck"]');
      raw = input && 'value' in input ? (input as HTMLInputElement).value : undefined;
    }
    const token = typeof raw === 'string' ? raw.trim() : '';
    return /^[A-Za-z0-9._~+/=-]{16,512}$/.test(token) ? { token } : null;
  } catch {
    return null;
  }
}
