// @vitest-environment happy-dom
// The SDP adapter on every fixture page: exact URL match, exact anchor, exact ticket read.
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { readFixture, REQUESTS, USER } from '../../../test/fixtures/sdp/specs';
import { renderRequestPage } from '../../../test/stand-ins/sdp/pages';
import type { PageMatch } from '../types';
import { sdpAdapter } from './index';

const windows: Window[] = [];
afterEach(async () => {
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
});

/** A fixture in its own window at the URL it records (scripts off: the served DOM as is). */
function load(file: string) {
  const html = readFixture(file);
  const url = /<meta name="fixture-url" content="([^"]+)">/.exec(html)![1]!.replace(/&amp;/g, '&');
  const window = new Window({ url });
  windows.push(window);
  window.document.write(html);
  const doc = window.document as unknown as Document;
  return { window, doc, match: sdpAdapter.detect(new URL(window.location.href)) };
}

/** Asserts the exact element (identity, not just an equal-looking node), position and style. */
function expectPlacement(doc: Document, match: PageMatch, element: Element | null, position: string, style: string) {
  expect(element).not.toBeNull();
  const placement = sdpAdapter.findPlacement(doc, match);
  expect(placement && 'element' in placement ? placement.element : placement).toBe(element);
  expect(placement).toMatchObject({ position, style });
}

const TICKET_PAGES = [
  {
    file: 'request-current.html', match: { kind: 'request', id: '3314' }, anchor: '#WOHeader .right', position: 'prepend', style: 'header',
    ticket: { kind: 'request', id: '3314', displayId: '3314', title: 'Patch OpenSSL on DB-PROD-01', targets: ['DB-PROD-01', 'web-prod-02.corp.example'] },
  },
  {
    file: 'request-legacy.html', match: { kind: 'request', id: '2207' }, anchor: '#reqid', position: 'after', style: 'header',
    ticket: { kind: 'request', id: '2207', displayId: '2207', title: 'Reset service account on APP-LEGACY-01', targets: ['APP-LEGACY-01'] },
  },
  {
    file: 'request-no-assets.html', match: { kind: 'request', id: '3320' }, anchor: '#WOHeader .right', position: 'prepend', style: 'header',
    ticket: { kind: 'request', id: '3320', displayId: '3320', title: 'Grant read access to finance share', targets: [] },
  },
  {
    file: 'request-no-header-actions.html', match: { kind: 'request', id: '3321' }, anchor: "#WOHeader td[data-sdplayoutid='display_id']", position: 'after', style: 'header',
    ticket: { kind: 'request', id: '3321', displayId: '3321', title: 'VPN access for contractor', targets: ['vpn-gw-01'] },
  },
  {
    file: 'change-implementation.html', match: { kind: 'change', id: '17' }, anchor: '#ChangeHeader .right', position: 'prepend', style: 'header',
    // db-prod-01 (a CI) repeats the asset DB-PROD-01: one entry, the first spelling kept.
    ticket: { kind: 'change', id: '17', displayId: 'CH-17', title: 'Upgrade PostgreSQL on DB-PROD-01 to 16.4', targets: ['DB-PROD-01', 'DB-PROD-02', 'PostgreSQL Cluster PROD'] },
  },
] as const;

describe('sdp adapter on ticket fixture pages', () => {
  it.each(TICKET_PAGES.map((page) => [page.file, page] as const))('%s', (_file, page) => {
    const { doc, match } = load(page.file);
    expect(match).toEqual(page.match);
    expectPlacement(doc, match!, doc.querySelector(page.anchor), page.position, page.style);
    expect(sdpAdapter.readTicket(doc, match!)).toEqual(page.ticket);
  });

  it('waits (null) on the skeleton a late-loading page serves first', () => {
    const { doc, match } = load('request-loading.html');
    expect(match).toEqual({ kind: 'request', id: '3314' });
    expect(doc.querySelector('#details_loading')).not.toBeNull();
    expect(sdpAdapter.findPlacement(doc, match!)).toBeNull();
    expect(sdpAdapter.readTicket(doc, match!)).toEqual({ kind: 'request', id: '3314', targets: [] });
  });

  it('waits (null) while the in-app switch from the list has not built the details yet', () => {
    const { doc } = load('request-list.html');
    expect(sdpAdapter.findPlacement(doc, { kind: 'request', id: '3314' })).toBeNull();
  });

  it('falls back to the right panel when the header is gone', () => {
    const { doc, match } = load('request-current.html');
    doc.querySelector('#WOHeader')!.remove();
    expectPlacement(doc, match!, doc.querySelector('#right-panel-info'), 'prepend', 'panel');
  });

  it('floats when the details are rendered but no anchor is left', () => {
    const { doc, match } = load('request-current.html');
    doc.querySelector('#WOHeader')!.remove();
    doc.querySelector('#right-panel')!.remove();
    expect(sdpAdapter.findPlacement(doc, match!)).toEqual({ floating: true });
    expect(sdpAdapter.readTicket(doc, match!)).toEqual({ kind: 'request', id: '3314', targets: [] });
  });

  it('finds the new header after an in-app (SPA) switch to another request', () => {
    const { window, doc, match } = load('request-current.html');
    const oldRight = sdpAdapter.findPlacement(doc, match!) as { element: Element };
    oldRight.element.prepend(Object.assign(doc.createElement('div'), { className: 'ours' }));
    // What SDP does: pushState, then $('#details_view').html(newDetails).
    const next = new Window({ url: 'https://sdp.example.test:8443/' });
    windows.push(next);
    next.document.write(renderRequestPage(REQUESTS.printer, { user: USER }));
    window.history.pushState(null, '', '/WorkOrder.do?woMode=viewWO&woID=3315');
    doc.querySelector('#details_view')!.innerHTML = next.document.querySelector('#details_view')!.innerHTML;

    const newMatch = sdpAdapter.detect(new URL(window.location.href));
    expect(newMatch).toEqual({ kind: 'request', id: '3315' });
    expect(oldRight.element.isConnected).toBe(false);
    expect(doc.querySelector('.ours')).toBeNull();
    expectPlacement(doc, newMatch!, doc.querySelector('#WOHeader .right'), 'prepend', 'header');
    expect(sdpAdapter.readTicket(doc, newMatch!)).toEqual({
      kind: 'request', id: '3315', displayId: '3315', title: 'Printer jam on floor 2', targets: ['PRN-FL2-01'],
    });
  });

  it('reads a page-supplied display id and title as text, trimmed and bounded', () => {
    const { doc, match } = load('request-current.html');
    doc.querySelector("td[data-sdplayoutid='display_id']")!.textContent = '  #3314 ';
    doc.querySelector("[data-sdplayoutid='subject']")!.textContent = `  ${'x'.repeat(300)}  `;
    const ticket = sdpAdapter.readTicket(doc, match!);
    expect(ticket.displayId).toBe('3314');
    expect(ticket.title).toBe('x'.repeat(255));
  });
});

describe('sdp adapter ignores the non-ticket fixture pages', () => {
  it.each([['request-list.html'], ['task.html'], ['asset.html'], ['problem.html'], ['login.html']])('%s', (file) => {
    expect(load(file).match).toBeNull();
  });
});

// Pages typed by hand from the research alone (test/fixtures/sdp/handwritten/README.md): other
// markup than our stand-in renders, as a differently written imitation of SDP would have it.
describe('sdp adapter on hand-written research pages', () => {
  it('request-header-only.html: #WOHeader without .right or id cell → the header itself', () => {
    const { doc, match } = load('handwritten/request-header-only.html');
    expect(match).toEqual({ kind: 'request', id: '4410' });
    expectPlacement(doc, match!, doc.querySelector('#WOHeader'), 'append', 'header');
    expect(sdpAdapter.readTicket(doc, match!)).toEqual({ kind: 'request', id: '4410', targets: [] });
  });

  it('request-unknown-layout.html: details rendered without any anchor or #details_inner_view → floating', () => {
    const { doc, match } = load('handwritten/request-unknown-layout.html');
    expect(match).toEqual({ kind: 'request', id: '4411' });
    expect(sdpAdapter.findPlacement(doc, match!)).toEqual({ floating: true });
  });

  it('change-no-anchor.html: change details as data-sdplayoutid fields only → floating, title read', () => {
    const { doc, match } = load('handwritten/change-no-anchor.html');
    expect(match).toEqual({ kind: 'change', id: '4414' });
    expect(sdpAdapter.findPlacement(doc, match!)).toEqual({ floating: true });
    expect(sdpAdapter.readTicket(doc, match!)).toEqual({ kind: 'change', id: '4414', title: 'Firmware update on core switch SW-CORE-1', targets: [] });
  });

  it('request-legacy-table.html: #reqid as a table cell, title from .details-left h1', () => {
    const { doc, match } = load('handwritten/request-legacy-table.html');
    expect(match).toEqual({ kind: 'request', id: '812' });
    expectPlacement(doc, match!, doc.querySelector('#reqid'), 'after', 'header');
    expect(sdpAdapter.readTicket(doc, match!)).toEqual({
      kind: 'request', id: '812', displayId: '812', title: 'Unlock service account svc-backup', targets: [],
    });
  });

  it('change-id-cell.html: no #ChangeHeader, id cell with a #-prefixed span, unknown asset markup', () => {
    const { doc, match } = load('handwritten/change-id-cell.html');
    expect(match).toEqual({ kind: 'change', id: '4412' });
    expectPlacement(doc, match!, doc.querySelector("td[data-sdplayoutid='display_id']"), 'after', 'header');
    expect(sdpAdapter.readTicket(doc, match!)).toEqual({
      kind: 'change', id: '4412', displayId: 'CH-31', title: 'Replace RAID controller on FS-02', targets: [],
    });
  });
});
