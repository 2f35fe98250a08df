// Loading a stand-in's seed: a JSON file, or an object a test passes (cloned, so the live state
// never shares objects with the caller's). Each stand-in checks its own seed's shape.
import { readFileSync } from 'node:fs';

/** The seed at a path, or a clone of the object given, after the stand-in's own `check`. */
export function loadSeedWith<S>(seed: S | string, check: (data: unknown) => asserts data is S): S {
  const data: unknown = typeof seed === 'string' ? JSON.parse(readFileSync(seed, 'utf8')) : structuredClone(seed);
  check(data);
  return data;
}

/** A check that throws `<label>: duplicate <what> "<value>"` for the first value seen twice. */
export function uniqueCheck(label: string): (what: string, values: string[]) => void {
  return (what, values) => {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) throw new Error(`${label}: duplicate ${what} "${v}"`);
      seen.add(v);
    }
  };
}
