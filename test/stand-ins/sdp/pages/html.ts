/**
 * The SDP page frame and its inline script and stylesheet, built with the stand-ins' HTML builder
 * (../../shared/html-builder.ts: every string is escaped unless it is an `Html` value). The page
 * script (client.js) builds the same trees with DOM APIs.
 */
import { h, Html, type Child } from '../../shared/html-builder';
import { esc } from '../../shared/html-escape';
import { globalsScript, scriptWithData } from '../../shared/inline-script';
import { assetReader } from '../../shared/page-assets';
import { VIEWS } from './tables';
import type { PageOptions, SdpPageUser, StandInConfig } from './types';

const asset = assetReader(import.meta.url);

/** The page script: client.js wrapped in a function that receives the VIEWS tables. */
export function clientScript(): Html {
  return scriptWithData(asset('client.js'), 'VIEWS', VIEWS);
}

/** The pages' stylesheet: sdp.css, inline so fixture files need nothing else. */
export function pageStyle(): Html {
  return new Html(`<style>\n${asset('sdp.css')}</style>`);
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
    globalsScript(globals).html,
    '</head><body class="sdp-body">',
    top.html,
    h('div', { id: 'sdp-main', class: 'sdp-main' }, input.main).html,
    input.script ? clientScript().html : '',
    '</body></html>',
    '',
  ].join('\n');
}
