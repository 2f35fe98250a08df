// Page script of the stand-in Next Experience classic wrapper. html.ts serves it inline as
// `(function (DATA) { 'use strict'; … })({tag, target, userName})`. It defines the shell
// macroponent (open shadow root: sn-polaris-layout › sn-polaris-header + iframe#gsft_main) and the
// header component (its own open shadow root), like the real shell builds them at runtime.
// Text goes in with textContent/setAttribute only.
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) if (value != null) el.setAttribute(name, String(value));
  for (const kid of kids.flat()) if (kid != null) el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  return el;
}

const HEADER_CSS = `:host{display:block;background:#293e40;color:#fff}
.polaris-header{display:flex;align-items:center;gap:16px;height:48px;padding:0 16px;font:14px system-ui,sans-serif}
.polaris-header-menu{display:flex;gap:12px;flex:1}.polaris-header-controls{display:flex;gap:8px}
button{background:none;border:1px solid #ffffff55;color:inherit;border-radius:4px;padding:4px 8px}`;
const SHELL_CSS = `:host{display:block;height:100vh}sn-polaris-layout{display:flex;flex-direction:column;height:100%}
main{flex:1;display:flex}iframe{flex:1;border:0;width:100%;min-height:600px}`;

class PolarisHeader extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const initials = DATA.userName.split(' ').map((part) => part.charAt(0)).join('');
    this.attachShadow({ mode: 'open' }).append(
      h('style', null, HEADER_CSS),
      h('header', { class: 'polaris-header' },
        h('div', { class: 'polaris-header-logo' }, 'servicenow'),
        h('nav', { class: 'polaris-header-menu', 'aria-label': 'Unified navigation' },
          ['All', 'Favorites', 'History', 'Workspaces'].map((label) => h('button', { type: 'button' }, label))),
        h('div', { class: 'polaris-header-controls' },
          h('button', { type: 'button', class: 'polaris-search', 'aria-label': 'Search' }, 'Search'),
          h('button', { type: 'button', class: 'polaris-avatar', 'aria-label': `User menu: ${DATA.userName}` }, initials))));
  }
}

class PolarisShell extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const frame = h('iframe', { id: 'gsft_main', name: 'gsft_main', title: 'Main Content', src: DATA.target });
    // Keep the top URL in step with the frame, as the shell does when the classic page navigates.
    frame.addEventListener('load', () => {
      try {
        const inner = frame.contentWindow.location;
        if (inner.origin !== location.origin || !/\.do$/.test(inner.pathname)) return;
        const path = inner.pathname + inner.search;
        history.replaceState(null, '', `/now/nav/ui/classic/params/target/${encodeURIComponent(path.replace(/^\//, ''))}`);
      } catch {
        // cross-origin or gone: leave the URL as is
      }
    });
    this.attachShadow({ mode: 'open' }).append(
      h('style', null, SHELL_CSS),
      h('sn-polaris-layout', null, h('sn-polaris-header'), h('main', { class: 'polaris-main' }, frame)));
  }
}

if (!customElements.get('sn-polaris-header')) customElements.define('sn-polaris-header', PolarisHeader);
if (!customElements.get(DATA.tag)) customElements.define(DATA.tag, PolarisShell);
