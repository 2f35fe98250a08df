// URLs that must and must not be ServiceNow ticket pages (github-url-detection style lists).
import { describe, expect, it } from 'vitest';
import type { PageMatch } from '../types';
import { detect, isFrameHostUrl } from './detect';

const O = 'https://acme.service-now.com';
const ID = '46d44a5ddb8a2010a4e2f3c3ca961911';
const ID2 = '68f66c7ffdac4232c60415e5ec183b33';
const enc = encodeURIComponent;

const MATCHES: [string, PageMatch][] = [
  // Classic UI16 forms (top level or the gsft_main frame's own URL).
  [`${O}/incident.do?sys_id=${ID}`, { kind: 'incident', id: ID, table: 'incident' }],
  [`${O}/incident.do?sys_id=${ID}&sysparm_view=`, { kind: 'incident', id: ID, table: 'incident' }],
  [`${O}/incident.do?sysparm_record_target=incident&sys_id=${ID}&sysparm_record_row=1`, { kind: 'incident', id: ID, table: 'incident' }],
  [`${O}/incident.do?sys_id=${ID}#section_main`, { kind: 'incident', id: ID, table: 'incident' }],
  [`${O}/incident.do?sys_id=${ID.toUpperCase()}`, { kind: 'incident', id: ID, table: 'incident' }], // uppercase hex → lowercased
  [`${O}/change_request.do?sys_id=${ID2}`, { kind: 'change', id: ID2, table: 'change_request' }],
  [`${O}/sc_req_item.do?sys_id=${ID}`, { kind: 'request', id: ID, table: 'sc_req_item' }],
  [`${O}/sc_task.do?sys_id=${ID}`, { kind: 'request', id: ID, table: 'sc_task' }],
  [`${O}/problem.do?sys_id=${ID}&sysparm_view=ess`, { kind: 'problem', id: ID, table: 'problem' }],
  ['https://corp.servicenowservices.com/incident.do?sys_id=' + ID, { kind: 'incident', id: ID, table: 'incident' }],
  ['https://itsm.corp.example/change_request.do?sys_id=' + ID2, { kind: 'change', id: ID2, table: 'change_request' }], // custom domain
  // Workspaces.
  [`${O}/now/sow/record/incident/${ID}`, { kind: 'incident', id: ID, table: 'incident' }],
  [`${O}/now/sow/record/incident/${ID}/params/selected-tab-index/2`, { kind: 'incident', id: ID, table: 'incident' }],
  [`${O}/now/sow/record/change_request/${ID2}/params/selected-tab/id.related`, { kind: 'change', id: ID2, table: 'change_request' }],
  [`${O}/now/sow/record/sc_req_item/${ID.toUpperCase()}`, { kind: 'request', id: ID, table: 'sc_req_item' }],
  [`${O}/now/cwf/agent/record/problem/${ID}`, { kind: 'problem', id: ID, table: 'problem' }], // Agent Workspace in Next Experience
  [`${O}/now/csm/record/sc_task/${ID}`, { kind: 'request', id: ID, table: 'sc_task' }],
  [`${O}/now/workspace/agent/record/incident/${ID}`, { kind: 'incident', id: ID, table: 'incident' }], // Agent Workspace (pre-Next Experience)
  [`${O}/now/sow/record/incident/${ID}/`, { kind: 'incident', id: ID, table: 'incident' }],
  // A sub-record shown in the same screen wins (SN Utils' rule).
  [`${O}/now/sow/record/incident/${ID}/sub/record/change_request/${ID2}`, { kind: 'change', id: ID2, table: 'change_request' }],
  [`${O}/now/sow/record/sys_user/${ID}/sub/record/incident/${ID2}/params/x/1`, { kind: 'incident', id: ID2, table: 'incident' }],
];

const NOT_TICKETS = [
  // Frame hosts: the frame's own document is the ticket page, not this one.
  `${O}/nav_to.do?uri=${enc(`/incident.do?sys_id=${ID}`)}`,
  `${O}/nav_to.do?uri=incident.do?sys_id=${ID}`,
  `${O}/nav_to.do?uri=${enc(enc(`incident.do?sys_id=${ID}`))}`, // double-encoded
  `${O}/navpage.do`,
  `${O}/now/nav/ui/classic/params/target/${enc(`incident.do?sys_id=${ID}`)}`,
  `${O}/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${ID}%26sysparm_view%3D`,
  `${O}/now/nav/ui/home`,
  // New records.
  `${O}/incident.do?sys_id=-1`,
  `${O}/incident.do?sys_id=-1&sysparm_query=active=true`,
  `${O}/now/sow/record/incident/-1_uid_3/params/query/active%3Dtrue`,
  `${O}/now/sow/record/incident/-1`,
  // Not a sys_id, or not exactly one.
  `${O}/incident.do?sys_id=${ID.slice(1)}`,
  `${O}/incident.do?sys_id=${ID}0`,
  `${O}/incident.do?sys_id=${ID.replace('a', 'g')}`,
  `${O}/incident.do?sys_id=INC0010023`,
  `${O}/incident.do?sys_id=`,
  `${O}/incident.do?sys_id=${ID}&sys_id=${ID2}`,
  `${O}/incident.do?SYS_ID=${ID}`,
  `${O}/incident.do?sysparm_query=number=INC0010023`,
  `${O}/incident.do`,
  `${O}/incident.do#sys_id=${ID}`,
  // Exports of a record are not the form.
  `${O}/incident.do?XML=&sys_id=${ID}`,
  `${O}/incident.do?PDF&sys_id=${ID}`,
  `${O}/incident.do?JSONv2&sys_id=${ID}`,
  // Other tables (extend per instance later), and prototype names.
  `${O}/sys_user.do?sys_id=${ID}`,
  `${O}/task.do?sys_id=${ID}`,
  `${O}/cmdb_ci_server.do?sys_id=${ID}`,
  `${O}/sc_request.do?sys_id=${ID}`,
  `${O}/constructor.do?sys_id=${ID}`,
  `${O}/__proto__.do?sys_id=${ID}`,
  `${O}/now/sow/record/sys_user/${ID}`,
  `${O}/now/sow/record/constructor/${ID}`,
  // Not at the root / wrong case / not a form path.
  `${O}/x/incident.do?sys_id=${ID}`,
  `${O}/Incident.do?sys_id=${ID}`,
  `${O}/incident.do/extra?sys_id=${ID}`,
  // Lists, home, login, portals, APIs.
  `${O}/incident_list.do?sysparm_query=active%3Dtrue`,
  `${O}/incident_list.do?sys_id=${ID}`,
  `${O}/home.do`,
  `${O}/login.do`,
  `${O}/`,
  `${O}/sp?id=ticket&table=incident&sys_id=${ID}`,
  `${O}/esc?id=ticket&table=incident&sys_id=${ID}`,
  `${O}/api/now/table/incident/${ID}`,
  // Workspace pages that are not one of our records.
  `${O}/now/sow/home`,
  `${O}/now/sow/list/params/list-id/abc/table/incident`,
  `${O}/now/sow/record/incident`,
  `${O}/now/sow/record/incident/${ID}/sub/list/task_sla`, // a sub-page that is not a record
  `${O}/now/record/incident/${ID}`,
  `${O}/now/sow/params/record/incident/${ID}`, // 'record' only as a params value
  // Other portals.
  'https://sdp.example.test:8443/WorkOrder.do?woMode=viewWO&woID=3314',
  'https://acme.atlassian.net/browse/ITSM-12',
];

describe('servicenow detect()', () => {
  it.each(MATCHES)('matches %s', (url, expected) => {
    expect(detect(new URL(url))).toEqual(expected);
  });

  it.each(NOT_TICKETS.map((url) => [url]))('ignores %s', (url) => {
    expect(detect(new URL(url))).toBeNull();
  });

  it('has enough cases on both sides', () => {
    expect(MATCHES.length).toBeGreaterThanOrEqual(15);
    expect(NOT_TICKETS.length).toBeGreaterThanOrEqual(15);
  });
});

describe('isFrameHostUrl()', () => {
  it.each([
    `${O}/nav_to.do?uri=${enc(`/incident.do?sys_id=${ID}`)}`,
    `${O}/navpage.do`,
    `${O}/now/nav/ui/classic/params/target/${enc(`incident.do?sys_id=${ID}`)}`,
  ])('frame host: %s', (url) => expect(isFrameHostUrl(new URL(url))).toBe(true));

  it.each([`${O}/incident.do?sys_id=${ID}`, `${O}/now/sow/record/incident/${ID}`, `${O}/login.do`])('not a frame host: %s', (url) =>
    expect(isFrameHostUrl(new URL(url))).toBe(false));
});
