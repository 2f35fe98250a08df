/**
 * A tiny HTML builder for the ServiceNow page renderer. Every string that reaches the output goes
 * through `h()` (escaped as text or attribute) or `jsonForScript()`; only `Html` values built here
 * pass through unescaped. The page scripts build their trees with DOM APIs (textContent and
 * setAttribute), never innerHTML with data.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Child = Html | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const VOID = new Set(['meta', 'input', 'br', 'img', 'link']);

export function esc(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function children(list: Child[]): string {
  return list
    .map((c) => (Array.isArray(c) ? children(c) : c instanceof Html ? c.html : c == null || c === false ? '' : esc(c)))
    .join('');
}

/** `h('td', {class: 'x'}, 'text', h(...))`: null/false attributes and children are left out. */
export function h(tag: string, attrs: Attrs | null, ...kids: Child[]): Html {
  let open = `<${tag}`;
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    open += value === true ? ` ${name}=""` : ` ${name}="${esc(value)}"`;
  }
  return new Html(VOID.has(tag) ? `${open}>` : `${open}>${children(kids)}</${tag}>`);
}

/** JSON that is safe inside an inline <script>: no `</script>`, no `<!--`, no line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const sources = new Map<string, string>();
/** A file next to this module, read once (page scripts and the stylesheet). */
export function asset(name: string): string {
  let text = sources.get(name);
  if (text === undefined) {
    text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), name), 'utf8');
    if (/<\/(script|style)/i.test(text)) throw new Error(`${name} must not contain a closing script/style tag`);
    sources.set(name, text);
  }
  return text;
}

/** `<script>(function (DATA) { <file> })(<json>);</script>`: a page script with its data. */
export function pageScript(file: string, data: unknown): Html {
  return new Html(`<script>\n(function (DATA) {\n'use strict';\n${asset(file)}})(${jsonForScript(data)});\n</script>`);
}

/** Page globals as inline assignments: `window["g_ck"] = "…";`. */
export function globalsScript(globals: Record<string, unknown>): Html {
  const lines = Object.entries(globals).map(([name, value]) => `window[${jsonForScript(name)}] = ${jsonForScript(value)};`);
  return new Html(`<script>\n${lines.join('\n')}\n</script>`);
}

/** A whole document: title, the shared stylesheet, head extras, then the body. */
export function page(input: { title: string; bodyClass: string; head?: Child; body: Child }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(input.title)}</title>`,
    `<style>\n${asset('servicenow.css')}</style>`,
    children([input.head]),
    `</head><body class="${esc(input.bodyClass)}">`,
    children([input.body]),
    '</body></html>',
    '',
  ].join('\n');
}
