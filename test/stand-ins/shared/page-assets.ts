// Page scripts and stylesheets that live as files next to a renderer and are inlined into every
// page (fixture files must stand alone). Read once per process.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A reader for the files in the folder of `moduleUrl` (pass `import.meta.url`). A file may not
 * contain a closing script/style tag: inlined, it would end its element early.
 */
export function assetReader(moduleUrl: string): (name: string) => string {
  const dir = dirname(fileURLToPath(moduleUrl));
  const texts = new Map<string, string>();
  return (name) => {
    let text = texts.get(name);
    if (text === undefined) {
      text = readFileSync(join(dir, name), 'utf8');
      if (/<\/(script|style)/i.test(text)) throw new Error(`${name} must not contain a closing script/style tag`);
      texts.set(name, text);
    }
    return text;
  };
}
