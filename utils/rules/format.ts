/** Deterministic text for verdict reasons (dates, lists). Pure. */

/** "24 Nov 2026, 10:00" in `timeZone` (runtime zone when absent or not a valid IANA name). */
export function formatTime(epochMs: number, timeZone?: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
  } catch {
    // A bad zone in config must not break the verdict; the time is still right, in local time.
    format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  }
  return format.format(epochMs);
}

/** "a, b, c" — at most `max` names, then "and N more", so a 40-CI change keeps a readable line. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
