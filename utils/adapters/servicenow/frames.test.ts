// @vitest-environment happy-dom
// Frame-host top pages (nav_to.do, the Next Experience classic wrapper): not tickets themselves
// (detect → null); isFrameHost → true once iframe#gsft_main exists, also inside the macroponent's
// open shadow root. The frame's own document is a classic form page (classic.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, openFixture, openPage } from '../../../test/fixtures/servicenow/open';
import { fixtureSpec, IDS, readFixture } from '../../../test/fixtures/servicenow/specs';
import { deepQuerySelector } from './deep';
import { servicenowAdapter as adapter } from './index';

afterEach(closeAll);

describe('frame hosts', () => {
  it('nav_to.do: detect null, isFrameHost true, the frame shows the classic form', () => {
    const { doc, url } = openFixture('nav-to.html');
    expect(adapter.detect(url)).toBeNull();
    expect(adapter.isFrameHost!(doc, url)).toBe(true);
    const frame = doc.querySelector('iframe#gsft_main')!;
    expect(adapter.detect(new URL(frame.getAttribute('src')!, url))).toEqual({ kind: 'incident', id: IDS.incident, table: 'incident' });
  });

  it('Polaris wrapper: gsft_main inside the macroponent’s open shadow root', () => {
    const { doc, url } = openFixture('polaris-classic.html');
    expect(adapter.detect(url)).toBeNull();
    const shell = doc.querySelector('[component-id]')!;
    expect(shell.localName).toMatch(/^macroponent-[0-9a-f]{32}$/);
    // SN Utils' path: [component-id] › shadowRoot › #gsft_main.
    const frame = shell.shadowRoot!.querySelector('#gsft_main')!;
    expect(frame.closest('sn-polaris-layout')).not.toBeNull();
    expect(deepQuerySelector(shell, 'sn-polaris-header')!.shadowRoot).not.toBeNull();
    expect(adapter.isFrameHost!(doc, url)).toBe(true);
    expect(adapter.detect(new URL(frame.getAttribute('src')!, url))).toEqual({ kind: 'incident', id: IDS.incident, table: 'incident' });
  });

  it('Polaris wrapper before its script has built the shell: not (yet) a frame host', () => {
    const spec = fixtureSpec('polaris-classic.html');
    const { doc } = openPage(readFixture(spec.file), spec.url, { scripts: false });
    expect(adapter.isFrameHost!(doc, new URL(spec.url))).toBe(false);
  });

  it('a gsft_main on a page that is not a frame-host URL does not count', () => {
    const { doc, url } = openFixture('list.html');
    doc.body.append(Object.assign(doc.createElement('iframe'), { id: 'gsft_main' }));
    expect(adapter.isFrameHost!(doc, url)).toBe(false);
  });

  it.each([['list.html'], ['login.html'], ['workspace-one.html']])('%s is not a frame host', (file) => {
    const { doc, url } = openFixture(file);
    expect(adapter.isFrameHost!(doc, url)).toBe(false);
  });
});

describe('adapter contract', () => {
  it('is the servicenow adapter with deep watching', () => {
    expect(adapter.id).toBe('servicenow');
    expect(adapter.watch).toBe('deep');
  });
});
