/**
 * A tiny HTML builder for the SDP page renderer. Every string that reaches the output goes
 * through `h()` (escaped as text or attribute) or `jsonForScript()`; only `Html` values built
 * here pass through unescaped. The page script (client.js) builds the same trees with DOM APIs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEWS } from './tables';
import type { PageOptions, SdpPageUser, StandInConfig } from './types';

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

let clientSource: string | undefined;
/** The page script: client.js (read once) wrapped in a function that receives the VIEWS tables. */
export function clientScript(): Html {
  clientSource ??= readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'client.js'), 'utf8');
  return new Html(`<script>\n(function (VIEWS) {\n'use strict';\n${clientSource}})(${jsonForScript(VIEWS)});\n</script>`);
}

let styleSource: string | undefined;
/** The pages' stylesheet: sdp.css (read once), inline so fixture files need nothing else. */
export function pageStyle(): Html {
  styleSource ??= readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'sdp.css'), 'utf8');
  if (/<\/style/i.test(styleSource)) throw new Error('sdp.css must not contain "</style"');
  return new Html(`<style>\n${styleSource}</style>`);
}

export function standInConfig(options: PageOptions): StandInConfig {
  return {
    layout: options.layout ?? 'current',
    headerRight: options.headerRight ?? true,
    lateMs: Math.max(0, Math.floor(options.lateMs ?? 0)),
  };
}

export function defaultBuild(options: Pick<PageOptions, 'build' | 'layout'>): string {
  return options.build ?? (options.layout === 'legacy' ? '11138' : '14820');
}

type Module = 'home' | 'requests' | 'problems' | 'changes' | 'assets';
const TOP_TABS: [Module, string, string][] = [
  ['home', 'Home', '/HomePage.do'],
  ['requests', 'Requests', '/WorkOrder.do?viewName=All_Requests'],
  ['problems', 'Problems', '/ProblemListView.cc'],
  ['changes', 'Changes', '/ChangeListView.do'],
  ['assets', 'Assets', '/ui/asset?module=asset'],
];

export interface ShellInput {
  title: string;
  module: Module;
  build: string;
  /** Signed-in user; undefined on the login page (no sdp_user there). */
  user?: SdpPageUser;
  /** Extra page globals: name → JSON value (woID, $req, SDP_STAND_IN, …). */
  globals?: Record<string, unknown>;
  main: Child;
  /** Include the page script (list and ticket pages). */
  script?: boolean;
}

/** The SDP page frame: stylesheet and globals in <head>, top bar, `#sdp-main`, then the page script. */
export function shell(input: ShellInput): string {
  const globals: Record<string, unknown> = {
    ...(input.user ? { sdp_user: input.user, PORTALID: 1 } : {}),
    sdp_app: { BUILD_NUMBER: input.build },
    ...input.globals,
  };
  const assignments = Object.entries(globals)
    .map(([name, value]) => `window[${jsonForScript(name)}] = ${jsonForScript(value)};`)
    .join('\n');
  const top = h(
    'div',
    { id: 'sdp-top-header', class: 'sdp-top-header' },
    h('span', { class: 'sdp-logo' }, 'ServiceDesk Plus'),
    h('ul', { id: 'sdp-top-tabs' }, ...TOP_TABS.map(([mod, label, href]) =>
      h('li', { class: mod === input.module ? 'selected' : null }, h('a', { href }, label)),
    )),
    input.user ? h('span', { id: 'sdp-user-name' }, input.user.USERNAME) : null,
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(input.title)}</title>`,
    pageStyle().html,
    `<script>\n${assignments}\n</script>`,
    '</head><body class="sdp-body">',
    top.html,
    h('div', { id: 'sdp-main', class: 'sdp-main' }, input.main).html,
    input.script ? clientScript().html : '',
    '</body></html>',
    '',
  ].join('\n');
}
