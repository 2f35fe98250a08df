// A tab's URL → configured portal + ticket, and what "This tab" reports (background side, pure).
import { describe, expect, it } from 'vitest';
import type { TabVerdict } from '../messaging/protocol';
import { describeTab, isSameTicket, tabTicket } from './tab-page';

const SDP = { id: 'corp-sdp', name: 'Corp SDP', kind: 'sdp' as const, baseUrl: 'https://sdp.example.com:8080' };
const SN = { id: 'corp-sn', name: 'Corp SN', kind: 'servicenow' as const, baseUrl: 'https://acme.service-now.com/' };
const JSM = { id: 'jira', name: 'Jira', kind: 'jsm' as const, baseUrl: 'https://acme.atlassian.net' };
const CONNECTORS = [SDP, SN, JSM];
const SYS = '46d44a5ddb8a2010a4e2f3c3ca961911';
const enc = encodeURIComponent;

const verdict = (over: Partial<TabVerdict> = {}): TabVerdict => ({
  connectorId: 'corp-sdp',
  ticket: { kind: 'request', id: '1001', displayId: '1001' },
  ok: true,
  headline: 'Valid for PAM',
  failed: [],
  checkedAt: 1_000,
  ...over,
});

describe('tabTicket()', () => {
  it.each([
    [`${SDP.baseUrl}/WorkOrder.do?woMode=viewWO&woID=1001`, 'corp-sdp', { kind: 'request', id: '1001' }],
    [`${SDP.baseUrl}/ChangeDetails.do?CHANGEID=2001#tasks`, 'corp-sdp', { kind: 'change', id: '2001' }],
    [`https://acme.service-now.com/incident.do?sys_id=${SYS}`, 'corp-sn', { kind: 'incident', id: SYS, table: 'incident' }],
    [`https://acme.service-now.com/now/sow/record/change_request/${SYS}`, 'corp-sn', { kind: 'change', id: SYS, table: 'change_request' }],
    // Frame hosts: the framed record, decoded from the top URL.
    [`https://acme.service-now.com/nav_to.do?uri=${enc(`incident.do?sys_id=${SYS}`)}`, 'corp-sn', { kind: 'incident', id: SYS, table: 'incident' }],
    [`https://acme.service-now.com/now/nav/ui/classic/params/target/${enc(`sc_task.do?sys_id=${SYS}`)}`, 'corp-sn', { kind: 'request', id: SYS, table: 'sc_task' }],
  ])('%s → %s %o', (url, connectorId, match) => {
    const found = tabTicket(url, CONNECTORS);
    expect(found?.connector.id).toBe(connectorId);
    expect(found?.match).toEqual(match);
  });

  it('another page of a configured portal: the connector, no ticket', () => {
    expect(tabTicket(`${SDP.baseUrl}/WorkOrder.do`, CONNECTORS)).toEqual({ connector: SDP, match: null });
    expect(tabTicket('https://acme.service-now.com/nav_to.do?uri=incident_list.do', CONNECTORS)).toEqual({ connector: SN, match: null });
    // Portal kinds without page rules yet are portals, never tickets.
    expect(tabTicket('https://acme.atlassian.net/browse/IT-1', CONNECTORS)).toEqual({ connector: JSM, match: null });
  });

  it.each([
    [undefined],
    [''],
    ['not a url'],
    ['chrome://extensions/'],
    ['about:blank'],
    ['https://sdp.example.com/WorkOrder.do?woMode=viewWO&woID=1001'], // other port = other origin
    ['http://sdp.example.com:8080/WorkOrder.do?woMode=viewWO&woID=1001'], // other scheme
    [`https://evil.example/incident.do?sys_id=${SYS}`],
    [`https://evil.example/nav_to.do?uri=${enc(`https://acme.service-now.com/incident.do?sys_id=${SYS}`)}`],
  ])('%s is no configured portal', (url) => {
    expect(tabTicket(url, CONNECTORS)).toBeNull();
  });
});

describe('isSameTicket()', () => {
  it('compares connector, kind, id and table', () => {
    expect(isSameTicket(verdict(), 'corp-sdp', { kind: 'request', id: '1001' })).toBe(true);
    expect(isSameTicket(verdict(), 'corp-sdp', { kind: 'request', id: '1003' })).toBe(false);
    expect(isSameTicket(verdict(), 'corp-sdp', { kind: 'change', id: '1001' })).toBe(false);
    expect(isSameTicket(verdict(), 'other', { kind: 'request', id: '1001' })).toBe(false);
    const sn = verdict({ connectorId: 'corp-sn', ticket: { kind: 'request', id: SYS, table: 'sc_task' } });
    expect(isSameTicket(sn, 'corp-sn', { kind: 'request', id: SYS, table: 'sc_task' })).toBe(true);
    expect(isSameTicket(sn, 'corp-sn', { kind: 'request', id: SYS, table: 'sc_req_item' })).toBe(false);
  });
});

describe('describeTab()', () => {
  const base = { connectors: CONNECTORS, withoutAccess: [], last: null };
  const request = `${SDP.baseUrl}/WorkOrder.do?woMode=viewWO&woID=1001`;

  it('a ticket page not checked yet', () => {
    expect(describeTab({ ...base, url: request })).toEqual({
      state: 'ticket',
      connector: { id: 'corp-sdp', name: 'Corp SDP', kind: 'sdp' },
      ticket: { kind: 'request', id: '1001' },
      last: null,
    });
  });

  it('a ticket page with its last verdict; the display id comes from the validation', () => {
    const last = verdict({ ticket: { kind: 'change', id: '2001', displayId: 'CH-1' }, ok: false, headline: 'Not valid for PAM' });
    expect(describeTab({ ...base, url: `${SDP.baseUrl}/ChangeDetails.do?CHANGEID=2001`, last })).toMatchObject({
      state: 'ticket',
      ticket: { kind: 'change', id: '2001', displayId: 'CH-1' },
      last,
    });
  });

  it('a verdict for another ticket is not shown for this one', () => {
    const last = verdict({ ticket: { kind: 'request', id: '1003' } });
    expect(describeTab({ ...base, url: request, last })).toMatchObject({ state: 'ticket', ticket: { id: '1001' }, last: null });
    expect(describeTab({ ...base, url: request, last: verdict({ connectorId: 'corp-sn' }) })).toMatchObject({ last: null });
  });

  it('ServiceNow under nav_to.do: the framed record with its verdict', () => {
    const last = verdict({ connectorId: 'corp-sn', ticket: { kind: 'incident', id: SYS, table: 'incident', displayId: 'INC0010023' } });
    const url = `https://acme.service-now.com/nav_to.do?uri=${enc(`/incident.do?sys_id=${SYS}`)}`;
    expect(describeTab({ ...base, url, last })).toEqual({
      state: 'ticket',
      connector: { id: 'corp-sn', name: 'Corp SN', kind: 'servicenow' },
      ticket: { kind: 'incident', id: SYS, table: 'incident', displayId: 'INC0010023' },
      last,
    });
  });

  it('another page of a portal, or no portal at all', () => {
    expect(describeTab({ ...base, url: `${SDP.baseUrl}/WorkOrder.do` })).toEqual({
      state: 'not-a-ticket',
      connector: { id: 'corp-sdp', name: 'Corp SDP', kind: 'sdp' },
    });
    expect(describeTab({ ...base, url: 'https://example.org/' })).toEqual({ state: 'not-a-ticket' });
    expect(describeTab({ ...base, connectors: [], url: request })).toEqual({ state: 'not-a-ticket' });
  });

  it('hidden URL: unreadable when a connector still lacks host access, else not a portal', () => {
    expect(describeTab({ ...base, url: undefined, withoutAccess: [SN] })).toEqual({
      state: 'unreadable',
      connectors: [{ id: 'corp-sn', name: 'Corp SN', kind: 'servicenow' }],
    });
    expect(describeTab({ ...base, url: undefined })).toEqual({ state: 'not-a-ticket' });
  });
});
