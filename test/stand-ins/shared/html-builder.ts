/**
 * A tiny HTML builder for the stand-ins' page renderers. Every string that reaches the output goes
 * through `h()` (escaped as text or attribute) or `jsonForScript()` (inline-script.ts); only `Html`
 * values pass through unescaped. Page scripts build their trees with DOM APIs, never innerHTML.
 */
import { esc } from './html-escape';

export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Child = Html | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const VOID = new Set(['meta', 'input', 'br', 'img', 'link']);

/** Children as markup: `Html` as is, arrays flattened, null/undefined/false left out, the rest escaped. */
export function renderChildren(list: Child[]): string {
  return list
    .map((c) => (Array.isArray(c) ? renderChildren(c) : c instanceof Html ? c.html : c == null || c === false ? '' : esc(c)))
    .join('');
}

/** `h('td', {class: 'x'}, 'text', h(...))`: null/false attributes and children are left out. */
export function h(tag: string, attrs: Attrs | null, ...kids: Child[]): Html {
  let open = `<${tag}`;
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    open += value === true ? ` ${name}=""` : ` ${name}="${esc(value)}"`;
  }
  return new Html(VOID.has(tag) ? `${open}>` : `${open}>${renderChildren(kids)}</${tag}>`);
}
