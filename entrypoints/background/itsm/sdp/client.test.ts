import { describe, expect, it } from 'vitest';
import { ItsmError } from '../types';
import approvalLevels from './fixtures/approval-levels.json';
import levelsAllApproved from './fixtures/approval-levels-all-approved.json';
import levelsNoStatus from './fixtures/approval-levels-no-status.json';
import approvalsArray from './fixtures/approvals-array-status.json';
import approvalsRejected from './fixtures/approvals-rejected.json';
import changeImpl from './fixtures/change-implementation.json';
import changeNoApproval from './fixtures/change-no-approval-status.json';
import changeNoteAdded from './fixtures/change-note-added.json';
import changePending from './fixtures/change-pending.json';
import notFound from './fixtures/error-not-found.json';
import forbidden from './fixtures/error-forbidden.json';
import invalidKey from './fixtures/error-invalid-key.json';
import noteAdded from './fixtures/note-added.json';
import incident from './fixtures/request-incident-numeric.json';
import requestList from './fixtures/request-list.json';
import minimal from './fixtures/request-minimal.json';
import service from './fixtures/request-service.json';
import { createSdpClient } from './client';
import { BASE, byPath, connector, fakeSdp, reply, type Respond } from './fake-transport.test-helper';

function setup(respond: Respond, overrides: Parameters<typeof connector>[0] = {}, portalId?: string) {
  const fake = fakeSdp(respond, portalId ? { portalId } : {});
  return { client: createSdpClient(connector(overrides), fake.transport), calls: fake.calls };
}
const ok = { status_code: 2000, status: 'success' };
const emptyLevels = reply({ response_status: ok, approval_levels: [] });
const base = { portal: 'sdp', connectorId: 'sdp-main' } as const;

describe('requests', () => {
  it('GET /api/v3/requests/{id} → exact ticket (duplicate asset names folded)', async () => {
    const { client, calls } = setup(byPath({ '/api/v3/requests/1001': reply(service) }));
    expect(await client.getTicket('request', '1001')).toEqual({
      ...base, kind: 'request', id: '1001', displayId: '1001', title: 'Apply IIS security update on srv-web-01',
      state: 'open', rawState: 'Open', approval: 'approved',
      assignee: { name: 'Alice Moreau', email: 'alice.moreau@corp.example.com', id: '5' },
      targets: ['srv-web-01'], url: `${BASE}/WorkOrder.do?woMode=viewWO&woID=1001`,
    });
    expect(calls.map((c) => [c.method, c.path, c.input])).toEqual([['GET', '/api/v3/requests/1001', undefined]]);
  });

  it('numeric ids, Incident type, lower-case Onhold, login_name, unknown keys', async () => {
    const { client } = setup(() => reply(incident));
    expect(await client.getTicket('incident', '3314')).toEqual({
      ...base, kind: 'incident', id: '3314', displayId: '101085', title: 'Database replica lagging',
      state: 'in-progress', rawState: 'onhold', approval: 'not-required',
      assignee: { name: 'Bob Keller', login: 'bob', email: 'bob.keller@corp.example.com', id: '6' },
      targets: ['db-linux-02'], url: `${BASE}/WorkOrder.do?woMode=viewWO&woID=3314`,
    });
  });

  it('unknown status → open with the raw name kept; no technician → no assignee', async () => {
    const { client } = setup(() => reply(minimal));
    expect(await client.getTicket('request', '1008')).toEqual({
      ...base, kind: 'request', id: '1008', displayId: '1008', title: '', state: 'open', rawState: 'Awaiting Vendor',
      approval: 'not-required', targets: [], url: `${BASE}/WorkOrder.do?woMode=viewWO&woID=1008`,
    });
  });

  it('connector.states overrides and extends the table, case-insensitively', async () => {
    const states = { 'AWAITING VENDOR': 'resolved', open: 'closed' };
    const a = setup(() => reply(minimal), { states });
    expect((await a.client.getTicket('request', '1008')).state).toBe('resolved');
    const b = setup(() => reply(service), { states });
    expect((await b.client.getTicket('request', '1001')).state).toBe('closed');
  });

  it('refuses ids that are not SDP ids without calling, and problems', async () => {
    const { client, calls } = setup(() => reply(service));
    await expect(client.getTicket('request', 'CH-1')).rejects.toMatchObject({ kind: 'not-found', message: '"CH-1" is not a ServiceDesk Plus request id.' });
    await expect(client.getTicket('request', '1/../2')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(client.getTicket('problem', '1')).rejects.toMatchObject({ kind: 'failed', message: 'ServiceDesk Plus problems are not supported yet.' });
    expect(calls).toEqual([]);
  });

  it('a long id sent as an unsafe JSON number is refused, not rounded', async () => {
    const text = JSON.stringify(incident).replace('"id":3314', '"id":118246000006095075');
    const { client } = setup(() => reply(text));
    await expect(client.getTicket('request', '3314')).rejects.toMatchObject({ kind: 'unexpected', detail: expect.stringContaining('request.id') });
  });

  it('sends PORTALID when the connector has a portal id', async () => {
    const { client, calls } = setup(() => reply(service), { auth: { type: 'api-key', portalId: '3' } }, '3');
    await client.getTicket('request', '1001');
    expect(calls[0]?.headers).toEqual({ Accept: 'application/vnd.manageengine.sdp.v3+json', PORTALID: '3' });
  });
});

describe('changes', () => {
  it('change + approval levels → exact ticket; levels with a status need no approvals call', async () => {
    const { client, calls } = setup(byPath({ '/api/v3/changes/2001': reply(changeImpl), '/api/v3/changes/2001/approval_levels': reply(approvalLevels) }));
    expect(await client.getTicket('change', '2001')).toEqual({
      ...base, kind: 'change', id: '2001', displayId: 'CH-1', title: 'Rotate TLS certificates on srv-web-01 and dc01',
      state: 'in-progress', rawState: 'Implementation / In Progress', approval: 'approved',
      approvalLevels: [
        { name: 'Change Manager', status: 'approved', rawStatus: 'Approved' },
        { name: 'CAB', status: 'pending', rawStatus: 'Pending Approval' },
      ],
      stage: { name: 'Implementation', implementation: true },
      assignee: { name: 'Alice Moreau', email: 'alice.moreau@corp.example.com', id: '5' },
      window: { start: 1763974800000, end: 1763989200000 },
      targets: ['srv-web-01', 'dc01'], url: `${BASE}/ChangeDetails.do?CHANGEID=2001`,
    });
    expect(calls.map((c) => c.path)).toEqual(['/api/v3/changes/2001', '/api/v3/changes/2001/approval_levels']);
  });

  it('pending approval, CAB stage, technician as assignee, half a window is no window', async () => {
    const { client } = setup(byPath({ '/api/v3/changes/2002': reply(changePending), '/api/v3/changes/2002/approval_levels': reply(approvalLevels) }));
    const t = await client.getTicket('change', '2002');
    expect([t.approval, t.state, t.rawState, t.stage, t.assignee?.name, 'window' in t]).toEqual([
      'pending', 'open', 'CAB Evaluation / Approval Pending', { name: 'CAB Evaluation', implementation: false }, 'Bob Keller', false,
    ]);
  });

  it('no approval_status: all levels approved → approved; stage matched by internal_name; unnamed level', async () => {
    const { client } = setup(byPath({ '/api/v3/changes/2008': reply(changeNoApproval), '/api/v3/changes/2008/approval_levels': reply(levelsAllApproved) }));
    const t = await client.getTicket('change', '2008');
    expect(t).toMatchObject({ approval: 'approved', displayId: '2008', state: 'in-progress', targets: [], stage: { name: 'Build & Deploy', implementation: true } });
    expect(t.approvalLevels).toEqual([
      { name: 'Change Manager', status: 'approved', rawStatus: 'Approved' },
      { name: 'Level 2', status: 'approved', rawStatus: 'APPROVED' },
    ]);
  });

  it('connector implementationStates replace the implementation stages (and so the state)', async () => {
    const respond = byPath({ '/api/v3/changes/2001': reply(changeImpl), '/api/v3/changes/2001/approval_levels': reply(approvalLevels) });
    const other = await setup(respond, { implementationStates: ['Release'] }).client.getTicket('change', '2001');
    expect([other.state, other.stage]).toEqual(['open', { name: 'Implementation', implementation: false }]);
    const same = await setup(respond, { implementationStates: ['IMPLEMENTATION', 'Release'] }).client.getTicket('change', '2001');
    expect([same.state, same.stage]).toEqual(['in-progress', { name: 'Implementation', implementation: true }]);
  });

  it('no approval_status and no levels → unknown (never approved by default)', async () => {
    const { client } = setup(byPath({ '/api/v3/changes/2008': reply(changeNoApproval), '/api/v3/changes/2008/approval_levels': emptyLevels }));
    const t = await client.getTicket('change', '2008');
    expect([t.approval, 'approvalLevels' in t]).toEqual(['unknown', false]);
  });

  it('a level without status is decided by its approvers (array response_status)', async () => {
    const { client, calls } = setup(byPath({
      '/api/v3/changes/2002': reply(changePending),
      '/api/v3/changes/2002/approval_levels': reply(levelsNoStatus),
      '/api/v3/changes/2002/approval_levels/502/approvals': reply(approvalsArray),
    }));
    const t = await client.getTicket('change', '2002');
    expect(t.approvalLevels).toEqual([
      { name: 'Change Manager', status: 'approved', rawStatus: 'Approved' },
      { name: 'Level 2', status: 'pending', rawStatus: '1 of 2 approved' },
    ]);
    expect(t.approval).toBe('pending');
    expect(calls.map((c) => c.path).at(-1)).toBe('/api/v3/changes/2002/approval_levels/502/approvals');
  });

  it('any rejected approver rejects the level and the change', async () => {
    const { client } = setup(byPath({
      '/api/v3/changes/2002': reply(changePending),
      '/api/v3/changes/2002/approval_levels': reply(levelsNoStatus),
      '/api/v3/changes/2002/approval_levels/502/approvals': reply(approvalsRejected),
    }));
    const t = await client.getTicket('change', '2002');
    expect([t.approval, t.approvalLevels?.[1]]).toEqual(['rejected', { name: 'Level 2', status: 'rejected', rawStatus: '1 of 2 approved' }]);
  });

  it('an Approved or Rejected approval_status wins over the levels', async () => {
    const rejected = structuredClone(changeImpl);
    rejected.change.approval_status = { id: '3', name: 'Rejected' };
    const { client } = setup(byPath({ '/api/v3/changes/2001': reply(rejected), '/api/v3/changes/2001/approval_levels': reply(levelsAllApproved) }));
    expect((await client.getTicket('change', '2001')).approval).toBe('rejected');
  });

  it.each([
    [reply(notFound, 404), 'approved'],
    [reply(forbidden, 403), 'approved'],
  ])('approval levels unavailable (%#) → the change approval_status decides', async (levels, approval) => {
    const { client } = setup(byPath({ '/api/v3/changes/2001': reply(changeImpl), '/api/v3/changes/2001/approval_levels': levels }));
    const t = await client.getTicket('change', '2001');
    expect([t.approval, 'approvalLevels' in t]).toEqual([approval, false]);
  });

  it('an auth failure on the levels is not swallowed', async () => {
    const { client } = setup(byPath({ '/api/v3/changes/2001': reply(changeImpl), '/api/v3/changes/2001/approval_levels': reply(invalidKey, 401) }));
    await expect(client.getTicket('change', '2001')).rejects.toMatchObject({ kind: 'bad-credentials' });
  });

  it('a window value that is not epoch ms is unexpected, with the zod path', async () => {
    const bad = structuredClone(changeImpl) as { change: { scheduled_start_time: { value: string } } };
    bad.change.scheduled_start_time.value = 'tomorrow';
    const { client } = setup(byPath({ '/api/v3/changes/2001': reply(bad), '/api/v3/changes/2001/approval_levels': emptyLevels }));
    const error = await client.getTicket('change', '2001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItsmError);
    expect(error).toMatchObject({ kind: 'unexpected', message: 'ServiceDesk Plus answered something unexpected.' });
    expect((error as ItsmError).detail).toMatch(/^change 2001: change\.scheduled_start_time\.value: /);
  });
});

describe('ping and notes', () => {
  it('ping: one-row request list with input_data in the query', async () => {
    const { client, calls } = setup(byPath({ '/api/v3/requests': reply(requestList) }));
    expect(await client.ping()).toEqual({ message: 'Connected to ServiceDesk Plus' });
    expect(calls.map((c) => [c.method, c.path, c.input])).toEqual([['GET', '/api/v3/requests', { list_info: { row_count: 1 } }]]);
  });

  it('ping in session mode reports a lost session as signed-out', async () => {
    const { client } = setup(() => reply(invalidKey, 401), { auth: { type: 'session' } });
    await expect(client.ping()).rejects.toMatchObject({ kind: 'signed-out' });
  });

  it('request / incident notes: request_note, private, escaped HTML paragraph', async () => {
    const { client, calls } = setup(() => reply(noteAdded));
    await client.addNote('request', '1001', 'PAM session opened by <alice> & "bob"\nreason: patch');
    await client.addNote('incident', '3314', 'x');
    expect(calls.map((c) => [c.method, c.path, c.input])).toEqual([
      ['POST', '/api/v3/requests/1001/notes', { request_note: {
        description: '<p>PAM session opened by &lt;alice&gt; &amp; &quot;bob&quot;<br>reason: patch</p>',
        show_to_requester: false, notify_technician: false,
      } }],
      ['POST', '/api/v3/requests/3314/notes', { request_note: { description: '<p>x</p>', show_to_requester: false, notify_technician: false } }],
    ]);
  });

  it('change notes: {note:{description}} without show_to_requester', async () => {
    const { client, calls } = setup(() => reply(changeNoteAdded));
    await client.addNote('change', '2001', "it's done");
    expect(calls[0]?.path).toBe('/api/v3/changes/2001/notes');
    expect(calls[0]?.input).toEqual({ note: { description: '<p>it&#39;s done</p>' } });
  });

  it('a note on an unknown change is not-found', async () => {
    const { client } = setup(() => reply(notFound, 404));
    await expect(client.addNote('change', '9999', 'x')).rejects.toMatchObject({ kind: 'not-found', message: 'ServiceDesk Plus has no change 9999.' });
  });
});

// Shapes a differently written but research-faithful SDP could send (research §1.4): the
// research names the approval statuses without saying they are objects, gives times as
// {value, display_value} without saying what an unset one looks like.
describe('answer variants the research allows', () => {
  const withLevels = (change: unknown, levels: unknown, approvals?: unknown) =>
    byPath({
      '/api/v3/changes/2001': reply(change),
      '/api/v3/changes/2001/approval_levels': reply(levels),
      ...(approvals ? { '/api/v3/changes/2001/approval_levels/61/approvals': reply(approvals) } : {}),
    });

  it('status, approval and type names as plain strings instead of {id, name} objects', async () => {
    const request = structuredClone(service) as { request: Record<string, unknown> };
    Object.assign(request.request, { status: 'Closed', approval_status: 'Pending Approval', request_type: 'Incident' });
    const t = await setup(() => reply(request)).client.getTicket('request', '1001');
    expect([t.kind, t.state, t.rawState, t.approval]).toEqual(['incident', 'closed', 'Closed', 'pending']);

    const change = structuredClone(changeImpl) as { change: Record<string, unknown> };
    Object.assign(change.change, { status: 'In Progress', stage: 'Implementation', approval_status: null });
    const levels = { response_status: ok, approval_levels: [{ id: '61', level: 1, name: 'CAB' }] };
    const approvals = { response_status: [ok], approvals: [{ id: '1', status: 'Approved' }, { id: '2', status: 'To Be Sent' }] };
    const c = await setup(withLevels(change, levels, approvals)).client.getTicket('change', '2001');
    expect([c.state, c.stage, c.approval, c.approvalLevels]).toEqual([
      'in-progress', { name: 'Implementation', implementation: true }, 'pending',
      [{ name: 'CAB', status: 'pending', rawStatus: '1 of 2 approved' }],
    ]);
  });

  it('a level status given as a plain string decides the level without an approvals call', async () => {
    const levels = { response_status: ok, approval_levels: [{ id: '61', name: 'CAB', status: 'Approved' }] };
    const change = structuredClone(changeImpl) as { change: Record<string, unknown> };
    change.change['approval_status'] = null;
    const { client, calls } = setup(withLevels(change, levels));
    expect((await client.getTicket('change', '2001')).approval).toBe('approved');
    expect(calls).toHaveLength(2);
  });

  it('objects without a usable name count as absent (never as approved)', async () => {
    const request = structuredClone(service) as { request: Record<string, unknown> };
    Object.assign(request.request, { approval_status: { id: '1', name: null }, request_type: { id: null, name: '' } });
    const t = await setup(() => reply(request)).client.getTicket('request', '1001');
    expect([t.kind, t.approval]).toEqual(['request', 'not-required']);

    const change = structuredClone(changeImpl) as { change: Record<string, unknown> };
    Object.assign(change.change, { approval_status: { id: '2' }, stage: { id: '4', name: null } });
    const c = await setup(withLevels(change, { response_status: ok, approval_levels: [] })).client.getTicket('change', '2001');
    expect([c.approval, 'stage' in c, c.rawState]).toEqual(['unknown', false, 'In Progress']);
  });

  it.each([
    ['value null', { value: null, display_value: null }],
    ['value empty', { value: ' ', display_value: '' }],
    ['an empty object', {}],
  ])('an unset scheduled time (%s) is no window, not an error', async (_name, time) => {
    const change = structuredClone(changeImpl) as { change: Record<string, unknown> };
    change.change['scheduled_end_time'] = time;
    const c = await setup(withLevels(change, { response_status: ok, approval_levels: [] })).client.getTicket('change', '2001');
    expect(['window' in c, c.approval]).toEqual([false, 'approved']);
  });

  it('a time shown without a usable value is an unreadable window (the window check fails), not an error', async () => {
    const change = structuredClone(changeImpl) as { change: Record<string, unknown> };
    change.change['scheduled_end_time'] = { display_value: 'Nov 24, 2025 01:00 PM' };
    const c = await setup(withLevels(change, { response_status: ok, approval_levels: [] })).client.getTicket('change', '2001');
    expect(c.window).toEqual({ start: 1763974800000, end: Number.NaN });
  });
});
