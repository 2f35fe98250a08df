/**
 * Versioning of the stored configuration and of exported files. Both use one table, so a file
 * exported by an older build imports the same way an older stored value upgrades.
 * To change the shape: bump CONFIG_VERSION and add `CONFIG_MIGRATIONS[newVersion] = old => new`.
 */

export const CONFIG_VERSION = 1;

export type Migration = (old: unknown) => unknown;

/** Version N's entry turns a version N-1 value into a version N value. */
export const CONFIG_MIGRATIONS: Record<number, Migration> = {};

export class NewerFormatError extends Error {
  constructor(readonly found: number) {
    super(`This comes from a newer PAM Bridge (format ${found}; this one reads up to ${CONFIG_VERSION}). Update the extension first.`);
  }
}

/** Runs the migrations from `from` up to `to` in order; pure. */
export function migrate(
  value: unknown,
  from: number,
  to: number = CONFIG_VERSION,
  table: Record<number, Migration> = CONFIG_MIGRATIONS,
): unknown {
  if (from > to) throw new NewerFormatError(from);
  let current = value;
  for (let version = from + 1; version <= to; version++) {
    const step = table[version];
    if (step) current = step(current);
  }
  return current;
}
