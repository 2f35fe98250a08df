// @vitest-environment happy-dom
// The SDP stand-in pages with their page script running (happy-dom with JS on): late loading
// over /api/v3 builds exactly the DOM the server renders, in-app switches and tab switches
// replace nodes the way SDP does, and page data never becomes markup.
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANGE, ORIGIN, REQUESTS, USER } from '../../../fixtures/sdp/specs';
import { renderChangePage, renderListPage, renderRequestPage, type SdpChange, type SdpRequest } from './index';

const windows: Window[] = [];
afterEach(async () => {
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
});

type Api = Record<string, { request: SdpRequest } | { change: SdpChange }>;

/** Opens a page at `url` with scripts on; fetch answers from `api` like the SDP v3 API. */
function open(html: string, url: string, api: Api = {}, js = true) {
  const window = new Window({ url, settings: { enableJavaScriptEvaluation: js, suppressInsecureJavaScriptEnvironmentWarning: true } });
  windows.push(window);
  const calls: { url: string; init: RequestInit }[] = [];
  (window as unknown as { fetch: unknown }).fetch = async (input: string, init: RequestInit) => {
    calls.push({ url: input, init });
    const found = api[input.split('?')[0]!];
    const body = found
      ? { response_status: { status_code: 2000, status: 'success' }, ...found }
      : { response_status: { status_code: 4000, status: 'failed', messages: [{ status_code: 4007, message: 'Invalid URL' }] } };
    return { status: found ? 200 : 404, json: async () => body };
  };
  window.document.write(html);
  return { window, doc: window.document, calls };
}

/** `#details_view` as the server renders it (scripts off). */
function served(html: string, url = `${ORIGIN}/`): string {
  return open(html, url, {}, false).doc.querySelector('#details_view')!.innerHTML;
}

const requestUrl = (id: string) => `${ORIGIN}/WorkOrder.do?woMode=viewWO&woID=${id}`;
const api: Api = {
  '/api/v3/requests/3314': { request: REQUESTS.patch },
  '/api/v3/requests/3315': { request: REQUESTS.printer },
  '/api/v3/requests/2207': { request: REQUESTS.legacy },
  '/api/v3/requests/3321': { request: REQUESTS.noRight },
  '/api/v3/changes/17': { change: CHANGE },
};

describe('late-loading pages fetch like sdpAjax and render what the server renders', () => {
  const cases = [
    ['request, current layout', requestUrl('3314'), (o: object) => renderRequestPage(REQUESTS.patch, { user: USER, ...o })],
    ['request, legacy layout', requestUrl('2207'), (o: object) => renderRequestPage(REQUESTS.legacy, { user: USER, layout: 'legacy', ...o })],
    ['request, header without .right', requestUrl('3321'), (o: object) => renderRequestPage(REQUESTS.noRight, { user: USER, headerRight: false, ...o })],
    ['change', `${ORIGIN}/ChangeDetails.do?CHANGEID=17`, (o: object) => renderChangePage(CHANGE, { user: USER, ...o })],
  ] as const;

  it.each(cases)('%s', async (_label, url, render) => {
    const { window, doc, calls } = open(render({ lateMs: 5 }), url, api);
    expect(doc.querySelector('#details_loading')).not.toBeNull();
    await vi.waitFor(() => expect(doc.querySelector('#details_loading')).toBeNull());
    expect(doc.querySelector('#details_view')!.innerHTML).toBe(served(render({})));
    expect(doc.title).toBe(open(render({}), url, {}, false).doc.title);
    const isChange = url.includes('CHANGEID');
    expect(calls).toEqual([{
      url: `${isChange ? '/api/v3/changes/17' : `/api/v3/requests/${new URL(url).searchParams.get('woID')}`}?SUBREQUEST=XMLHTTP`,
      init: { credentials: 'same-origin', headers: { APICLIENT: 'sdp_web', Accept: 'application/vnd.manageengine.sdp.v3+json' } },
    }]);
    const page = window as unknown as { $req?: { details: { request_info: unknown } }; $change?: { details: { change_info: unknown } } };
    expect(isChange ? page.$change?.details.change_info : page.$req?.details.request_info).toBeTruthy();
  });

  it('shows the API error instead of the details when the ticket is not there', async () => {
    const { doc } = open(renderRequestPage(REQUESTS.patch, { user: USER, lateMs: 5 }), requestUrl('3314'), {});
    await vi.waitFor(() => expect(doc.querySelector('.sdp-error')?.textContent).toBe('Invalid URL'));
    expect(doc.querySelector('#details_loading')).toBeNull();
  });
});

describe('in-app (SPA) switches replace the details like jQuery .html()', () => {
  it('a data-spa link pushes the URL and rebuilds the header and details for the new request', async () => {
    const html = renderRequestPage(REQUESTS.patch, { user: USER, otherRequests: [REQUESTS.printer] });
    const { window, doc, calls } = open(html, requestUrl('3314'), api);
    const oldHeader = doc.querySelector('#WOHeader')!;
    doc.querySelector('#WOHeader .right')!.prepend(Object.assign(doc.createElement('div'), { className: 'third-party' }));

    (doc.querySelector('a[data-spa="true"]') as unknown as HTMLElement).click();
    expect(window.location.href).toBe(requestUrl('3315')); // pushState happens before the fetch
    await vi.waitFor(() => expect(doc.querySelector("td[data-sdplayoutid='display_id']")!.textContent).toBe('3315'));

    expect(calls.map((c) => c.url)).toEqual(['/api/v3/requests/3315?SUBREQUEST=XMLHTTP']);
    expect(oldHeader.isConnected).toBe(false);
    expect(doc.querySelector('.third-party')).toBeNull();
    expect(doc.querySelector('#details_view')!.innerHTML).toBe(served(renderRequestPage(REQUESTS.printer, { user: USER })));
    expect(doc.querySelector('#other_requests')).not.toBeNull();
    expect(doc.title).toBe('[#3315] Printer jam on floor 2');
    expect((window as unknown as { woID: string }).woID).toBe('3315');
  });

  it('a list row opens the request in place of the list', async () => {
    const html = renderListPage([REQUESTS.patch, REQUESTS.printer], { user: USER });
    const { window, doc } = open(html, `${ORIGIN}/WorkOrder.do?viewName=All_Requests`, api);
    (doc.querySelector('#RequestsView_TABLE a[href$="woID=3314"]') as unknown as HTMLElement).click();
    await vi.waitFor(() => expect(doc.querySelector('#WOHeader')).not.toBeNull());
    expect(window.location.href).toBe(requestUrl('3314'));
    expect(doc.querySelector('#requests_list_view')).toBeNull();
    expect(doc.querySelector('#details_view')!.innerHTML).toBe(served(renderRequestPage(REQUESTS.patch, { user: USER })));
  });
});

describe('tabs switch on hashchange', () => {
  it('re-renders the tab content and the header .right content', async () => {
    const { window, doc } = open(renderRequestPage(REQUESTS.patch, { user: USER }), requestUrl('3314'), api);
    const right = doc.querySelector('#WOHeader .right')!;
    right.prepend(Object.assign(doc.createElement('div'), { className: 'third-party' }));
    const buttons = () => [...right.querySelectorAll('button')].map((b) => b.textContent);

    window.location.hash = '#tasks';
    await vi.waitFor(() => expect(doc.querySelector('#tab_content')!.getAttribute('data-tab')).toBe('tasks'));
    expect(right.isConnected).toBe(true); // the element stays, its content is rebuilt
    expect(doc.querySelector('.third-party')).toBeNull();
    expect(buttons()).toEqual(['New Task']);
    expect(doc.querySelector('#details_tabs li.selected')!.getAttribute('tabid')).toBe('tasks');

    window.location.hash = '#requestDetails';
    await vi.waitFor(() => expect(doc.querySelector('#tab_content .props-table')).not.toBeNull());
    expect(buttons()).toEqual(['Edit', 'Reply', 'Forward', 'Close']);
  });

  it('opens on the tab the URL hash names', () => {
    const { doc } = open(renderRequestPage(REQUESTS.patch, { user: USER }), `${requestUrl('3314')}#Conversation`, api);
    expect(doc.querySelector('#tab_content')!.getAttribute('data-tab')).toBe('Conversation');
    expect([...doc.querySelectorAll('#WOHeader .right button')].map((b) => b.textContent)).toEqual(['Reply', 'Forward']);
  });
});

describe('page data is text, never markup', () => {
  const evil: SdpRequest = {
    ...REQUESTS.patch,
    subject: '<img src=x onerror="window.pwned=1">',
    assets: [{ id: '"><b>1</b>', name: '<b>bold</b>' }],
  };
  const user = { ...USER, USERNAME: '</script><script>window.pwned=2</script>' };

  it.each([['served', 0], ['fetched late', 5]])('%s', async (_label, lateMs) => {
    const { window, doc } = open(renderRequestPage(evil, { user, lateMs }), requestUrl('3314'), { '/api/v3/requests/3314': { request: evil } });
    await vi.waitFor(() => expect(doc.querySelector('#WOHeader')).not.toBeNull());
    const page = window as unknown as { pwned?: number; sdp_user: { USERNAME: string } };
    expect(page.pwned).toBeUndefined();
    expect(page.sdp_user.USERNAME).toBe(user.USERNAME);
    expect(doc.querySelector('#details_view img, #details_view b')).toBeNull();
    expect(doc.querySelector("[data-sdplayoutid='subject']")!.textContent).toBe(evil.subject);
    expect(doc.querySelector('.rhs-asset')!.textContent).toBe('<b>bold</b>');
    expect(doc.querySelector('.rhs-asset')!.getAttribute('data-asset-id')).toBe('"><b>1</b>');
  });
});
