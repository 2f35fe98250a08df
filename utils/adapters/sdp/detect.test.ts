// URLs that must and must not be SDP on-prem ticket pages (github-url-detection style lists).
import { describe, expect, it } from 'vitest';
import { detect } from './detect';

const O = 'https://sdp.example.test:8443';

const MATCHES: [string, { kind: 'request' | 'change'; id: string }][] = [
  [`${O}/WorkOrder.do?woMode=viewWO&woID=3314`, { kind: 'request', id: '3314' }],
  [`${O}/WorkOrder.do?woMode=viewWO&woID=3314&PORTALID=1`, { kind: 'request', id: '3314' }],
  [`${O}/WorkOrder.do?woMode=viewWO&woID=3314&fromListView=true`, { kind: 'request', id: '3314' }],
  [`${O}/WorkOrder.do?woID=3314&woMode=viewWO`, { kind: 'request', id: '3314' }],
  [`${O}/WorkOrder.do?woMode=viewWO&woID=3314#tasks`, { kind: 'request', id: '3314' }],
  [`${O}/WorkOrder.do?woMode=viewWO&woID=3314#Conversation`, { kind: 'request', id: '3314' }],
  // Seen in the wild: a doubled '&' from SDP's own list links.
  [`${O}/WorkOrder.do?woMode=viewWO&woID=3314&&fromListView=true&fromAdvSearch=true`, { kind: 'request', id: '3314' }],
  ['http://sdp.corp.local:8080/WorkOrder.do?woMode=viewWO&woID=1', { kind: 'request', id: '1' }],
  // Servlet URL rewriting when cookies are off.
  [`${O}/WorkOrder.do;jsessionid=A1B2C3?woMode=viewWO&woID=42`, { kind: 'request', id: '42' }],
  [`${O}/WorkOrder.do?woMode=viewWO&woID=118246000006095075`, { kind: 'request', id: '118246000006095075' }],
  [`${O}/ChangeDetails.do?CHANGEID=17`, { kind: 'change', id: '17' }],
  [`${O}/ChangeDetails.do?CHANGEID=17&selectTab=approval`, { kind: 'change', id: '17' }],
  [`${O}/ChangeDetails.do?CHANGEID=17#tasks`, { kind: 'change', id: '17' }],
  ['https://10.0.0.5/ChangeDetails.do?PORTALID=2&CHANGEID=9', { kind: 'change', id: '9' }],
  // Research §1.1 forms in other orders and with the tab params SDP links carry.
  [`${O}/WorkOrder.do?PORTALID=3&fromListView=true&woID=3314&woMode=viewWO#Conversation`, { kind: 'request', id: '3314' }],
  [`${O}/ChangeDetails.do?selectTab=submission&subTab=details&CHANGEID=17`, { kind: 'change', id: '17' }],
];

const NOT_TICKETS = [
  `${O}/WorkOrder.do?woMode=viewWO&woID=abc`,
  `${O}/WorkOrder.do?woID=12`, // no viewWO: not the details page
  `${O}/WorkOrder.do?woMode=newWO`,
  `${O}/WorkOrder.do?woMode=newWO&woID=12`,
  `${O}/WorkOrder.do?viewName=All_Requests`,
  `${O}/WorkOrder.do`,
  `${O}/WorkOrder.do?woMode=viewWO#woID=12`, // woID only in the hash
  `${O}/WorkOrder.do#?woMode=viewWO&woID=12`,
  `${O}/WorkOrder.do?woMode=viewWO&woId=12`, // SDP's parameter is exactly woID
  `${O}/WorkOrder.do?womode=viewWO&woID=12`,
  `${O}/WorkOrder.do?woMode=viewwo&woID=12`,
  `${O}/workorder.do?woMode=viewWO&woID=12`,
  `${O}/WorkOrder.do?woMode=viewWO&woID=`,
  `${O}/WorkOrder.do?woMode=viewWO&woID=12&woID=13`, // ambiguous
  `${O}/WorkOrder.do?woMode=viewWO&woMode=newWO&woID=12`,
  `${O}/WorkOrder.do?woMode=viewWO&woID=-5`,
  `${O}/WorkOrder.do?woMode=viewWO&woID=0`,
  `${O}/WorkOrder.do?woMode=viewWO&woID=012`,
  `${O}/WorkOrder.do?woMode=viewWO&woID=1e3`,
  `${O}/WorkOrder.do?woMode=viewWO&woID=%2012`,
  `${O}/WorkOrder.do?woMode=viewWO&woID=12345678901234567890`, // 20 digits: not an SDP id
  `${O}/WorkOrder.do/extra?woMode=viewWO&woID=1`,
  `${O}/sdp/WorkOrder.do?woMode=viewWO&woID=1`, // on-prem SDP lives at the root
  `${O}/ChangeDetails.do?CHANGEID=`,
  `${O}/ChangeDetails.do`,
  `${O}/ChangeDetails.do?CHANGEID=17abc`,
  `${O}/ChangeDetails.do?changeid=17`,
  `${O}/ChangeDetails.do?CHANGEID=17&CHANGEID=18`,
  `${O}/ChangeDetails.cc?CHANGEID=17`,
  `${O}/ChangeListView.do`,
  `${O}/api/v3/requests/5`,
  `${O}/api/v3/changes/17`,
  `${O}/ProblemDetails.cc?PROBLEMID=21`,
  `${O}/ui/tasks?mode=detail&taskId=401`,
  `${O}/ui/asset?module=workstation&entity_id=301`,
  `${O}/ui/solutions?mode=detail&id=5`,
  `${O}/`,
  `${O}/j_security_check`,
  `${O}/HomePage.do`,
  // SDP Cloud: a separate issue, deliberately not matched here.
  'https://sdpondemand.manageengine.com/app/itdesk/ui/requests/118246000006095075/details',
  'https://sdpondemand.manageengine.eu/app/itdesk/ChangeDetails.cc?CHANGEID=118246000006095075&subTab=details',
  'https://sdpondemand.manageengine.com/app/itdesk/WorkOrder.do?woMode=viewWO&woID=3314',
  // Other portals.
  'https://acme.service-now.com/incident.do?sys_id=9d385017c611228701d22104cc95c371',
  'https://acme.atlassian.net/browse/ITSM-12',
];

describe('sdp detect()', () => {
  it.each(MATCHES)('matches %s', (url, expected) => {
    expect(detect(new URL(url))).toEqual(expected);
  });

  it.each(NOT_TICKETS.map((url) => [url]))('ignores %s', (url) => {
    expect(detect(new URL(url))).toBeNull();
  });

  it('has enough cases on both sides', () => {
    expect(MATCHES.length).toBeGreaterThanOrEqual(12);
    expect(NOT_TICKETS.length).toBeGreaterThanOrEqual(12);
  });
});
