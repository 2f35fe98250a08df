// The ServiceNow client against recorded-shape fixtures: exact calls, exact tickets.
import { describe, expect, it } from 'vitest';
import approversAll from './fixtures/approvers-all-approved.json';
import approvers from './fixtures/approvers.json';
import changeAuthorize from './fixtures/change-authorize.json';
import changeImplement from './fixtures/change-implement.json';
import noRecord from './fixtures/error-no-record.json';
import incidentClosed from './fixtures/incident-closed.json';
import incident from './fixtures/incident-in-progress.json';
import unassigned from './fixtures/incident-unassigned.json';
import patchResult from './fixtures/patch-result.json';
import problem from './fixtures/problem-rca.json';
import ritm from './fixtures/ritm-open.json';
import sctask from './fixtures/sctask-pending.json';
import me from './fixtures/sys-user-me.json';
import nobody from './fixtures/sys-user-none.json';
import two from './fixtures/sys-user-two.json';
import taskCiEmpty from './fixtures/task-ci-empty.json';
import taskCi from './fixtures/task-ci.json';
import { createServiceNowClient } from './client';
import { BASE, byTable, connector, fakeServiceNow, reply, type Respond } from './fake-transport.test-helper';

const INC = '0d16139b97e2e2a49391f06fc11f2583';
const INC_CLOSED = 'd849d49ce8ffeebf5f4d0beb6f1c37e5';
const INC_UNASSIGNED = '7e92e7c63d8b0003ea79b88e4a002a34';
const CHG = 'a7d0638b8d6c7af4c0a5cedfe9746f3f';
const CHG_AUTH = '948fd02a2f14c3d17dd29b809ce7dc23';
const RITM = '43edad87baba099398ef1ae8824affe4';
const SCTASK = '464a3a08848f9dd7c79eaaa98c6c3770';
const PRB = '20edbc05e8fcbfe5a6dbe143edb30e2f';
const ALICE = '94486f1e0011552e8ea36581090c1ac8';

const READ = { sysparm_display_value: 'all', sysparm_exclude_reference_link: 'true' };
const FIELDS = 'sys_id,number,short_description,state,active,approval,assigned_to,assigned_to.user_name,assigned_to.email,cmdb_ci,cmdb_ci.name,cmdb_ci.fqdn,cmdb_ci.ip_address';
const alice = { name: 'Alice Moreau', id: ALICE, login: 'alice', email: 'alice.moreau@corp.example.com' };
const base = { portal: 'servicenow', connectorId: 'sn-main' } as const;

function setup(respond: Respond, overrides: Parameters<typeof connector>[0] = {}) {
  const fake = fakeServiceNow(respond);
  return { client: createServiceNowClient(connector(overrides), fake.transport), calls: fake.calls };
}

/** With JSON modules, a deep copy to edit per test. */
const clone = <T>(v: T): T => structuredClone(v);

describe('getTicket: incidents', () => {
  it('reads the record, then its affected CIs; no approvers call for incidents', async () => {
    const { client, calls } = setup(byTable({ incident: reply(incident), task_ci: reply(taskCiEmpty) }));
    expect(await client.getTicket('incident', INC)).toEqual({
      ...base, kind: 'incident', id: INC, table: 'incident', displayId: 'INC0010001',
      title: 'IIS worker process crashing on srv-web-01', state: 'in-progress', rawState: 'In Progress',
      approval: 'not-required', assignee: alice, targets: ['srv-web-01'], url: `${BASE}/incident.do?sys_id=${INC}`,
    });
    expect(calls.map((c) => [c.method, c.path, c.query])).toEqual([
      ['GET', `/api/now/table/incident/${INC}`, { ...READ, sysparm_fields: FIELDS }],
      ['GET', '/api/now/table/task_ci', {
        sysparm_query: `task=${INC}`, sysparm_fields: 'ci_item,ci_item.name,ci_item.fqdn,ci_item.ip_address', sysparm_limit: '50', ...READ,
      }],
    ]);
  });

  it('closed and inactive → closed; unassigned, no CI, unknown custom keys', async () => {
    const a = setup(byTable({ incident: reply(incidentClosed), task_ci: reply(taskCiEmpty) }));
    expect((await a.client.getTicket('incident', INC_CLOSED)).state).toBe('closed');
    const b = setup(byTable({ incident: reply(unassigned), task_ci: reply(taskCiEmpty) }));
    const t = await b.client.getTicket('incident', INC_UNASSIGNED);
    expect([t.state, t.rawState, 'assignee' in t, t.targets, t.approval]).toEqual(['open', 'New', false, [], 'not-required']);
  });

  it('empty fields written as a bare "" or null (the Table API’s way for empty references) read as empty', async () => {
    // Same record as incident-unassigned.json, but its empty fields are not {value, display_value}.
    const bare = clone(unassigned) as { result: Record<string, unknown> };
    for (const name of ['assigned_to', 'assigned_to.user_name', 'cmdb_ci', 'cmdb_ci.name']) bare.result[name] = '';
    for (const name of ['assigned_to.email', 'cmdb_ci.fqdn', 'cmdb_ci.ip_address']) bare.result[name] = null;
    const cis = { result: [{ ci_item: { value: 'b6d7e85df08944842765c09fa7156d0e', display_value: 'dc01' }, 'ci_item.name': { value: 'dc01', display_value: 'dc01' }, 'ci_item.fqdn': '', 'ci_item.ip_address': null }] };
    const { client } = setup(byTable({ incident: reply(bare), task_ci: reply(cis) }));
    const t = await client.getTicket('incident', INC_UNASSIGNED);
    expect([t.state, 'assignee' in t, t.targets]).toEqual(['open', false, ['dc01']]);
  });

  it('empty change dates as a bare "" are no window; a non-empty bare value stays an error (value or label?)', async () => {
    const bare = clone(changeAuthorize) as { result: Record<string, unknown> };
    bare.result.start_date = '';
    bare.result.end_date = '';
    const a = setup(byTable({ change_request: reply(bare), task_ci: reply(taskCiEmpty), sysapproval_approver: reply({ result: [] }) }));
    expect('window' in (await a.client.getTicket('change', CHG_AUTH))).toBe(false);
    bare.result.start_date = '2025-11-24 09:00:00'; // UTC value or the reader's local display value? Cannot tell.
    const b = setup(byTable({ change_request: reply(bare), task_ci: reply(taskCiEmpty), sysapproval_approver: reply({ result: [] }) }));
    await expect(b.client.getTicket('change', CHG_AUTH)).rejects.toMatchObject({ kind: 'unexpected' });
  });

  it('reference links are read past when an instance sends them anyway', async () => {
    const linked = clone(incident) as { result: Record<string, Record<string, string>> };
    for (const [name, table] of [['assigned_to', 'sys_user'], ['cmdb_ci', 'cmdb_ci']] as const) {
      linked.result[name]!.link = `${BASE}/api/now/table/${table}/${linked.result[name]!.value}`;
    }
    const { client } = setup(byTable({ incident: reply(linked), task_ci: reply(taskCiEmpty) }));
    const t = await client.getTicket('incident', INC);
    expect([t.assignee, t.targets]).toEqual([alice, ['srv-web-01']]);
  });

  it('an active:false record with an open state is closed; an upper-case sys_id is accepted', async () => {
    const inactive = clone(incident);
    inactive.result.active.value = 'false';
    const { client, calls } = setup(byTable({ incident: reply(inactive), task_ci: reply(taskCiEmpty) }));
    expect((await client.getTicket('incident', INC.toUpperCase())).state).toBe('closed');
    expect(calls[0]?.path).toBe(`/api/now/table/incident/${INC}`);
  });
});

describe('getTicket: changes', () => {
  it('change + affected CIs + approvers → exact ticket (UTC window, stage, levels, targets folded)', async () => {
    const { client, calls } = setup(byTable({ change_request: reply(changeImplement), task_ci: reply(taskCi), sysapproval_approver: reply(approversAll) }));
    expect(await client.getTicket('change', CHG)).toEqual({
      ...base, kind: 'change', id: CHG, table: 'change_request', displayId: 'CHG0030001',
      title: 'Rotate TLS certificates on srv-web-01 and dc01', state: 'in-progress', rawState: 'Implement',
      approval: 'approved',
      approvalLevels: [
        { name: 'Carl Brandt', status: 'approved', rawStatus: 'Approved' },
        { name: 'Dana Fischer', status: 'approved', rawStatus: 'Approved' },
      ],
      stage: { name: 'Implement', implementation: true },
      assignee: alice,
      window: { start: 1763974800000, end: 1763989200000 },
      targets: ['srv-web-01', 'dc01', 'Web farm (prod)', 'web-lb-01.corp.example.com', '10.0.9.9'],
      url: `${BASE}/change_request.do?sys_id=${CHG}`,
    });
    expect(calls.map((c) => [c.path, c.query])).toEqual([
      [`/api/now/table/change_request/${CHG}`, { ...READ, sysparm_fields: `${FIELDS},type,start_date,end_date` }],
      ['/api/now/table/task_ci', expect.objectContaining({ sysparm_query: `task=${CHG}` })],
      ['/api/now/table/sysapproval_approver', {
        sysparm_query: `sysapproval=${CHG}^ORDERBYsys_created_on`, sysparm_fields: 'state,approver', sysparm_limit: '50', ...READ,
      }],
    ]);
  });

  it('requested approval: pending, superseded approver rows left out, no window when dates are empty', async () => {
    const { client } = setup(byTable({ change_request: reply(changeAuthorize), task_ci: reply(taskCiEmpty), sysapproval_approver: reply(approvers) }));
    const t = await client.getTicket('change', CHG_AUTH);
    expect([t.state, t.approval, t.stage, 'window' in t, t.targets]).toEqual([
      'open', 'pending', { name: 'Authorize', implementation: false }, false, ['db-linux-02'],
    ]);
    expect(t.approvalLevels).toEqual([
      { name: 'Carl Brandt', status: 'approved', rawStatus: 'Approved' },
      { name: 'Dana Fischer', status: 'pending', rawStatus: 'Requested' },
    ]);
  });

  it.each([
    ['-2', 'Scheduled', 'in-progress', true],
    ['-1', 'Implement', 'in-progress', true],
    ['0', 'Review', 'in-progress', false],
    ['-4', 'Assess', 'open', false],
    ['3', 'Closed', 'closed', false],
    ['4', 'Canceled', 'cancelled', false],
  ])('state %s (%s) → %s, implementation %s', async (value, label, state, implementation) => {
    const c = clone(changeImplement);
    c.result.state = { value, display_value: label };
    const { client } = setup(byTable({ change_request: reply(c), task_ci: reply(taskCiEmpty), sysapproval_approver: reply({ result: [] }) }));
    const t = await client.getTicket('change', CHG);
    expect([t.state, t.rawState, t.stage]).toEqual([state, label, { name: label, implementation }]);
    expect('approvalLevels' in t).toBe(false);
  });

  it('a window that cannot be read is NaN (the verdict says so), half a window is none', async () => {
    const bad = clone(changeImplement);
    bad.result.start_date = { value: '24.11.2025 09:00', display_value: '24.11.2025 09:00' };
    const a = setup(byTable({ change_request: reply(bad), task_ci: reply(taskCiEmpty), sysapproval_approver: reply({ result: [] }) }));
    const w = (await a.client.getTicket('change', CHG)).window!;
    expect([Number.isNaN(w.start), w.end]).toEqual([true, 1763989200000]);
    const half = clone(changeImplement);
    half.result.end_date = { value: '', display_value: '' };
    const b = setup(byTable({ change_request: reply(half), task_ci: reply(taskCiEmpty), sysapproval_approver: reply({ result: [] }) }));
    expect('window' in (await b.client.getTicket('change', CHG))).toBe(false);
  });

  it('approval "not requested": pending on a normal change, not required on a standard one', async () => {
    const normal = clone(changeImplement);
    normal.result.approval = { value: 'not requested', display_value: 'Not Yet Requested' };
    const standard = clone(normal);
    standard.result.type = { value: 'standard', display_value: 'Standard' };
    for (const [answer, approval] of [[normal, 'pending'], [standard, 'not-required']] as const) {
      const { client } = setup(byTable({ change_request: reply(answer), task_ci: reply(taskCiEmpty), sysapproval_approver: reply({ result: [] }) }));
      expect((await client.getTicket('change', CHG)).approval).toBe(approval);
    }
  });

  it('403 / 404 on task_ci or sysapproval_approver are ignored; 401 is not', async () => {
    const acl = reply(noRecord, 404);
    const forbidden = reply({ error: { message: 'Operation Failed', detail: 'ACL Exception' }, status: 'failure' }, 403);
    const a = setup(byTable({ change_request: reply(changeImplement), task_ci: acl, sysapproval_approver: forbidden }));
    const t = await a.client.getTicket('change', CHG);
    expect([t.targets, 'approvalLevels' in t]).toEqual([['srv-web-01'], false]);
    const b = setup(byTable({ change_request: reply(changeImplement), task_ci: reply(taskCiEmpty), sysapproval_approver: reply({ error: { message: 'User Not Authenticated', detail: null }, status: 'failure' }, 401) }));
    await expect(b.client.getTicket('change', CHG)).rejects.toMatchObject({ kind: 'bad-credentials' });
  });
});

describe('getTicket: catalog and problems', () => {
  it('RITM: kind request, approvers read, approval approved', async () => {
    const { client, calls } = setup(byTable({ sc_req_item: reply(ritm), task_ci: reply(taskCiEmpty), sysapproval_approver: reply({ result: [] }) }));
    expect(await client.getTicket('request', RITM)).toEqual({
      ...base, kind: 'request', id: RITM, table: 'sc_req_item', displayId: 'RITM0010001',
      title: 'Temporary admin access to db-linux-02', state: 'open', rawState: 'Open', approval: 'approved',
      assignee: alice, targets: ['db-linux-02'], url: `${BASE}/sc_req_item.do?sys_id=${RITM}`,
    });
    expect(calls.map((c) => c.path.split('/')[4])).toEqual(['sc_req_item', 'task_ci', 'sysapproval_approver']);
  });

  it('sc_task only when named: kind request, Pending → in-progress, no approvers call', async () => {
    const { client, calls } = setup(byTable({ sc_task: reply(sctask), task_ci: reply(taskCiEmpty) }));
    const t = await client.getTicket('request', SCTASK, 'sc_task');
    expect([t.kind, t.table, t.displayId, t.state, t.rawState, t.approval, t.targets, t.url]).toEqual([
      'request', 'sc_task', 'SCTASK0010001', 'in-progress', 'Pending', 'not-required', [], `${BASE}/sc_task.do?sys_id=${SCTASK}`,
    ]);
    expect(calls.map((c) => c.path.split('/')[4])).toEqual(['sc_task', 'task_ci']);
  });

  it('problem: Root Cause Analysis → in-progress', async () => {
    const { client } = setup(byTable({ problem: reply(problem), task_ci: reply(taskCiEmpty) }));
    const t = await client.getTicket('problem', PRB);
    expect([t.kind, t.table, t.displayId, t.state, t.rawState, t.targets]).toEqual(['problem', 'problem', 'PRB0040001', 'in-progress', 'Root Cause Analysis', ['app-linux-03']]);
  });

  it('the table decides the kind (a page that guessed wrong is corrected)', async () => {
    const { client } = setup(byTable({ incident: reply(incident), task_ci: reply(taskCiEmpty) }));
    expect((await client.getTicket('change', INC, 'incident')).kind).toBe('incident');
  });

  it('refuses other tables and ids that are not sys_ids, without calling', async () => {
    const { client, calls } = setup(() => reply(incident));
    await expect(client.getTicket('incident', INC, 'sys_user')).rejects.toMatchObject({ kind: 'failed', message: 'PAM Bridge does not read ServiceNow "sys_user" records.' });
    await expect(client.getTicket('incident', INC, 'task')).rejects.toMatchObject({ kind: 'failed' });
    await expect(client.getTicket('incident', 'INC0010001')).rejects.toMatchObject({ kind: 'not-found', message: '"INC0010001" is not a ServiceNow record id.' });
    await expect(client.getTicket('incident', `${INC.slice(0, 31)}/`)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(client.addNote('incident', '../sys_user', 'x')).rejects.toMatchObject({ kind: 'not-found' });
    expect(calls).toEqual([]);
  });
});

describe('connector.implementationStates', () => {
  it('replaces the default implementation states of changes (the state itself is unchanged)', async () => {
    const stage = async (value: string, label: string, implementationStates?: string[]) => {
      const c = clone(changeImplement);
      c.result.state = { value, display_value: label };
      const { client } = setup(
        byTable({ change_request: reply(c), task_ci: reply(taskCiEmpty), sysapproval_approver: reply({ result: [] }) }),
        implementationStates ? { implementationStates } : {},
      );
      const t = await client.getTicket('change', CHG);
      return [t.state, t.stage];
    };
    expect(await stage('-1', 'Implement')).toEqual(['in-progress', { name: 'Implement', implementation: true }]);
    expect(await stage('-1', 'Implement', ['change_request:-2'])).toEqual(['in-progress', { name: 'Implement', implementation: false }]);
    expect(await stage('-2', 'Scheduled', ['change_request:-2'])).toEqual(['in-progress', { name: 'Scheduled', implementation: true }]);
    expect(await stage('12', 'Deploying', ['deploying'])).toEqual(['open', { name: 'Deploying', implementation: true }]);
  });
});

describe('connector.states overrides', () => {
  async function stateWith(states: Record<string, string>, table: 'incident' | 'change_request', value: string, label: string, active = 'true') {
    const answer = clone(table === 'incident' ? incident : changeImplement) as typeof changeImplement;
    answer.result.state = { value, display_value: label };
    answer.result.active = { value: active, display_value: active };
    const { client } = setup(byTable({ [table]: reply(answer), task_ci: reply(taskCiEmpty), sysapproval_approver: reply({ result: [] }) }), { states });
    return (await client.getTicket(table === 'incident' ? 'incident' : 'change', table === 'incident' ? INC : CHG)).state;
  }

  it('by value, by label, table-qualified keys first, any case', async () => {
    expect(await stateWith({ '3': 'resolved' }, 'incident', '3', 'On Hold')).toBe('resolved');
    expect(await stateWith({ 'ON HOLD': 'resolved' }, 'incident', '3', 'On Hold')).toBe('resolved');
    expect(await stateWith({ 'Incident:3': 'cancelled', '3': 'resolved' }, 'incident', '3', 'On Hold')).toBe('cancelled');
    expect(await stateWith({ 'incident:3': 'resolved' }, 'change_request', '3', 'Closed')).toBe('closed');
    expect(await stateWith({ 'change_request:review': 'resolved' }, 'change_request', '0', 'Review')).toBe('resolved');
  });

  it('custom states: unknown → open; mapped → as mapped; an inactive record is never open', async () => {
    expect(await stateWith({}, 'incident', '42', 'Awaiting Vendor')).toBe('open');
    expect(await stateWith({ 'awaiting vendor': 'in-progress' }, 'incident', '42', 'Awaiting Vendor')).toBe('in-progress');
    expect(await stateWith({ 'awaiting vendor': 'in-progress' }, 'incident', '42', 'Awaiting Vendor', 'false')).toBe('closed');
    expect(await stateWith({ '42': 'cancelled' }, 'incident', '42', 'Voided', 'false')).toBe('cancelled');
  });
});

describe('ping', () => {
  const PING_QUERY = {
    sysparm_query: 'user_name=javascript:gs.getUserName()', sysparm_fields: 'sys_id,user_name,name,email',
    sysparm_limit: '2', sysparm_display_value: 'false',
  };

  it('one user row → "Signed in to ServiceNow as …" with the user', async () => {
    const { client, calls } = setup(byTable({ sys_user: reply(me) }));
    expect(await client.ping()).toEqual({
      message: 'Signed in to ServiceNow as Alice Moreau',
      user: { name: 'Alice Moreau', login: 'alice', email: 'alice.moreau@corp.example.com', id: ALICE },
    });
    expect(calls.map((c) => [c.method, c.path, c.query])).toEqual([['GET', '/api/now/table/sys_user', PING_QUERY]]);
  });

  it('no row or several rows (query not evaluated) → "Connected to ServiceNow", nobody named', async () => {
    for (const answer of [nobody, two]) {
      const { client } = setup(() => reply(answer));
      expect(await client.ping()).toEqual({ message: 'Connected to ServiceNow' });
    }
  });

  it('401 → bad credentials (basic) / signed out (session)', async () => {
    const denied = reply({ error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' }, 401);
    await expect(setup(() => denied).client.ping()).rejects.toMatchObject({ kind: 'bad-credentials', message: 'ServiceNow did not accept the user name and password.' });
    await expect(setup(() => denied, { auth: { type: 'session' } }).client.ping()).rejects.toMatchObject({ kind: 'signed-out' });
  });
});

describe('addNote', () => {
  it('PATCH work_notes (never comments) with JSON headers, on the named or derived table', async () => {
    const { client, calls } = setup(() => reply(patchResult));
    await client.addNote('incident', INC, 'PAM session opened by Alice Moreau on srv-web-01 <RDP> & "x"');
    await client.addNote('request', SCTASK, 'done', 'sc_task');
    await client.addNote('change', CHG, 'x');
    expect(calls.map((c) => [c.method, c.path, c.query, c.json])).toEqual([
      ['PATCH', `/api/now/table/incident/${INC}`, { sysparm_fields: 'sys_id', sysparm_exclude_reference_link: 'true' }, { work_notes: 'PAM session opened by Alice Moreau on srv-web-01 <RDP> & "x"' }],
      ['PATCH', `/api/now/table/sc_task/${SCTASK}`, { sysparm_fields: 'sys_id', sysparm_exclude_reference_link: 'true' }, { work_notes: 'done' }],
      ['PATCH', `/api/now/table/change_request/${CHG}`, { sysparm_fields: 'sys_id', sysparm_exclude_reference_link: 'true' }, { work_notes: 'x' }],
    ]);
  });

  it('an empty note is refused without calling', async () => {
    const { client, calls } = setup(() => reply(patchResult));
    await expect(client.addNote('incident', INC, '  \n')).rejects.toMatchObject({ kind: 'failed', message: 'A work note cannot be empty.' });
    expect(calls).toEqual([]);
  });

  it('403 on a write: "does not let you add a work note"', async () => {
    const { client } = setup(() => reply({ error: { message: 'Operation Failed', detail: 'ACL Exception Update Failed due to security constraints' }, status: 'failure' }, 403));
    await expect(client.addNote('incident', INC_CLOSED, 'x')).rejects.toMatchObject({
      kind: 'forbidden', message: `ServiceNow does not let you add a work note to incident ${INC_CLOSED}.`,
      detail: 'HTTP 403: Operation Failed — ACL Exception Update Failed due to security constraints',
    });
  });
});
