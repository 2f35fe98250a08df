// @vitest-environment happy-dom
// Frame-host top pages (nav_to.do, the Next Experience classic wrapper): not tickets themselves
// (detect → null, so the runtime shows nothing there); the form is in iframe#gsft_main, also inside
// the macroponent's open shadow root. The frame's own document is a classic form page (classic.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, openFixture } from '../../../test/fixtures/servicenow/open';
import { IDS } from '../../../test/fixtures/servicenow/specs';
import { deepQuerySelector } from './deep';
import { servicenowAdapter as adapter } from './index';

afterEach(closeAll);

describe('frame hosts', () => {
  it('nav_to.do: detect null, the frame shows the classic form', () => {
    const { doc, url } = openFixture('nav-to.html');
    expect(adapter.detect(url)).toBeNull();
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
    expect(adapter.detect(new URL(frame.getAttribute('src')!, url))).toEqual({ kind: 'incident', id: IDS.incident, table: 'incident' });
  });

});

describe('adapter contract', () => {
  it('is the servicenow adapter with deep watching', () => {
    expect(adapter.id).toBe('servicenow');
    expect(adapter.watch).toBe('deep');
  });
});
