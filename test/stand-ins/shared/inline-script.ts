// Inline <script> elements of the rendered pages: page globals and page scripts with their data.
// Everything that goes in is JSON made safe for a script element, so data can never end it early.
import { Html } from './html-builder';

/** JSON that is safe inside an inline <script>: no `</script>`, no `<!--`, no line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Page globals as inline assignments: `window["g_ck"] = "…";`, one a line. */
export function globalsScript(globals: Record<string, unknown>): Html {
  const lines = Object.entries(globals).map(([name, value]) => `window[${jsonForScript(name)}] = ${jsonForScript(value)};`);
  return new Html(`<script>\n${lines.join('\n')}\n</script>`);
}

/** `<script>(function (<param>) { <source> })(<json>);</script>`: a page script given its data. */
export function scriptWithData(source: string, param: string, data: unknown): Html {
  return new Html(`<script>\n(function (${param}) {\n'use strict';\n${source}})(${jsonForScript(data)});\n</script>`);
}
