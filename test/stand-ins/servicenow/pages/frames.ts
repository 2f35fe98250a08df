/**
 * Top documents that only frame the classic form (research §2.1): the UI16 page for
 * `/nav_to.do?uri=…` (banner, application navigator, `iframe#gsft_main`), and the Next Experience
 * classic wrapper `/now/nav/ui/classic/params/target/<encoded>`, whose `macroponent-…` element
 * (with `component-id`) builds an OPEN shadow root holding `sn-polaris-layout` › the
 * `sn-polaris-header` (its own shadow root; persists across records) and `iframe#gsft_main`.
 * Written by us to imitate that structure; not vendor HTML.
 */
import { h } from '../../shared/html-builder';
import { globalsScript } from '../../shared/inline-script';
import { page, pageScript } from './html';
import { classicFormPath, TABLES, tableOf } from './tables';
import type { SessionOptions, SnRecord } from './types';

export interface FrameOptions extends Partial<SessionOptions> {
  /** Path the frame shows; default the record's classic form `/<table>.do?sys_id=…`. */
  target?: string;
}

/** A made-up macroponent id (the real shell's tag is `macroponent-<32 hex>` as well). */
export const POLARIS_COMPONENT = '5c1e8a3b7f1d4e2a9b0c6d7e8f901a2b';

function target(record: SnRecord, options: FrameOptions): string {
  return options.target ?? classicFormPath(record.sys_class_name.value, record.sys_id.value);
}

const fullName = (options: FrameOptions) => (options.user ? `${options.user.firstName} ${options.user.lastName}` : '');

function sessionGlobals(options: FrameOptions, withNow: boolean) {
  const globals: Record<string, unknown> = {};
  if (options.token) globals.g_ck = options.token;
  if (options.user) globals[withNow ? 'NOW' : 'g_user'] = withNow ? { user: options.user } : options.user;
  return globalsScript(globals);
}

/** The UI16 top page for `/nav_to.do?uri=<path>`: banner, navigator, iframe#gsft_main. */
export function renderNavTo(record: SnRecord, options: FrameOptions = {}): string {
  const menu: [string, string][] = Object.entries(TABLES).map(([table, spec]) => [spec.plural, `/nav_to.do?uri=%2F${table}_list.do`]);
  return page({
    title: 'ServiceNow',
    bodyClass: 'sn-ui16',
    head: sessionGlobals(options, false),
    body: h('div', { class: 'navpage-layout' },
      h('header', { class: 'navpage-header', role: 'banner' },
        h('div', { class: 'navbar-header' }, h('a', { class: 'navbar-brand', href: '/' }, 'servicenow')),
        h('div', { class: 'navpage-header-content' }, h('span', { id: 'user_info_dropdown', class: 'user-name' }, fullName(options)))),
      h('nav', { id: 'nav_west', class: 'navpage-nav', 'aria-label': 'Application Navigator' },
        h('input', { id: 'filter', type: 'search', placeholder: 'Filter navigator', 'aria-label': 'Filter navigator' }),
        h('ul', null, menu.map(([label, href]) => h('li', null, h('a', { href, target: 'gsft_main' }, label))))),
      h('main', { class: 'navpage-main' },
        h('iframe', { id: 'gsft_main', name: 'gsft_main', title: 'Main Content', src: target(record, options) }))),
  });
}

/** The Next Experience top page for `/now/nav/ui/classic/params/target/<encoded classic path>`. */
export function renderPolarisClassic(record: SnRecord, options: FrameOptions = {}): string {
  const tag = `macroponent-${POLARIS_COMPONENT}`;
  tableOf(record.sys_class_name.value); // only ticket tables have pages here
  return page({
    title: `${record.number.display_value} | ServiceNow`,
    bodyClass: 'sn-polaris',
    head: sessionGlobals(options, true),
    body: [
      h(tag, { 'component-id': `${POLARIS_COMPONENT}-polaris-shell`, 'global-navigation-config': '' }),
      pageScript('polaris-client.js', { tag, target: target(record, options), userName: fullName(options) }),
    ],
  });
}
