// The Table API of the stand-in: display modes, dot-walking, encoded queries, envelopes, row ACLs,
// PATCH with work notes / comments, and the setRecord / reset hooks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServiceNowStandIn, type ServiceNowStandIn } from './server';
import { call, CREDENTIALS, json, type Auth } from './testing';

let s: ServiceNowStandIn;
beforeAll(async () => {
  s = await startServiceNowStandIn({ port: 0 });
});
afterAll(() => s.close());
beforeEach(() => s.reset());

const INC = '0d16139b97e2e2a49391f06fc11f2583'; // INC0010001
const INC_CLOSED = 'd849d49ce8ffeebf5f4d0beb6f1c37e5'; // INC0010002
const INC_HIDDEN = '6d4d65f7daf9ff7ce78f059a5d4a909b'; // INC0010008, hidden from bob
const CHG = 'a7d0638b8d6c7af4c0a5cedfe9746f3f'; // CHG0030001
const ALICE = '94486f1e0011552e8ea36581090c1ac8';
const SRV = 'afc02baf7cb87f2bbc0c84e199113bb9'; // CI srv-web-01
const alice: Auth = { basic: CREDENTIALS.alice };
const bob: Auth = { basic: CREDENTIALS.bob };
const svc: Auth = { basic: CREDENTIALS.svc };
const NO_RECORD = { error: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" }, status: 'failure' };
const get = (path: string, auth: Auth = alice) => json(s.url, path, { auth });

describe('GET one record', () => {
  it('display_value=all + exclude_reference_link + dot-walked fields, in sysparm_fields order', async () => {
    const fields = 'number,state,approval,active,assigned_to,assigned_to.user_name,cmdb_ci,cmdb_ci.fqdn,nonexistent,work_notes';
    expect(await get(`/api/now/table/incident/${INC}?sysparm_display_value=all&sysparm_exclude_reference_link=true&sysparm_fields=${fields}`)).toEqual({
      status: 200,
      body: { result: {
        number: { display_value: 'INC0010001', value: 'INC0010001' },
        state: { display_value: 'In Progress', value: '2' },
        approval: { display_value: 'Not Yet Requested', value: 'not requested' },
        active: { display_value: 'true', value: 'true' },
        assigned_to: { display_value: 'Alice Moreau', value: ALICE },
        'assigned_to.user_name': { display_value: 'alice', value: 'alice' },
        cmdb_ci: { display_value: 'srv-web-01', value: SRV },
        'cmdb_ci.fqdn': { display_value: 'srv-web-01.corp.example.com', value: 'srv-web-01.corp.example.com' },
        work_notes: { display_value: '', value: '' },
      } },
    });
  });

  it('display_value=false (default): plain values, references as {link, value}; true: labels, {display_value, link}', async () => {
    const plain = (await get(`/api/now/table/incident/${INC}?sysparm_fields=state,assigned_to`)).body.result;
    expect(plain).toEqual({ state: '2', assigned_to: { link: `${s.url}/api/now/table/sys_user/${ALICE}`, value: ALICE } });
    const shown = (await get(`/api/now/table/incident/${INC}?sysparm_fields=state,assigned_to&sysparm_display_value=true`)).body.result;
    expect(shown).toEqual({ state: 'In Progress', assigned_to: { display_value: 'Alice Moreau', link: `${s.url}/api/now/table/sys_user/${ALICE}` } });
    const bare = (await get(`/api/now/table/incident/${INC}?sysparm_fields=assigned_to&sysparm_display_value=true&sysparm_exclude_reference_link=true`)).body.result;
    expect(bare).toEqual({ assigned_to: 'Alice Moreau' });
  });

  it('date-times: value in UTC, display value in the reader\'s time zone', async () => {
    const path = `/api/now/table/change_request/${CHG}?sysparm_fields=start_date&sysparm_display_value=all`;
    const forAlice = (await get(path)).body.result.start_date; // Europe/Paris
    const forSvc = (await get(path, svc)).body.result.start_date; // GMT
    expect(forAlice.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(forSvc).toEqual({ value: forAlice.value, display_value: forAlice.value });
    const utc = Date.parse(`${forAlice.value.replace(' ', 'T')}Z`);
    expect(Math.abs(utc - (Date.now() - 3_600_000))).toBeLessThan(10_000); // window starts 1 h before start
    expect(forAlice.display_value).not.toBe(forAlice.value);
  });

  it('without sysparm_fields: every field; the parent table "task" finds any task', async () => {
    const all = (await get(`/api/now/table/incident/${INC}`)).body.result;
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['sys_id', 'number', 'state', 'caller_id', 'cmdb_ci', 'work_notes', 'sys_class_name']));
    const viaTask = (await get(`/api/now/table/task/${CHG}?sysparm_fields=number,sys_class_name&sysparm_display_value=true`)).body.result;
    expect(viaTask).toEqual({ number: 'CHG0030001', sys_class_name: 'Change Request' });
  });

  it('errors: unknown sys_id 404, unknown table 400, unknown API path 400, POST 405', async () => {
    expect(await get(`/api/now/table/incident/${'0'.repeat(32)}`)).toEqual({ status: 404, body: NO_RECORD });
    expect(await get(`/api/now/table/incident/${CHG}`)).toEqual({ status: 404, body: NO_RECORD });
    expect(await get('/api/now/table/incidentx/1')).toEqual({ status: 400, body: { error: { message: 'Invalid table incidentx', detail: null }, status: 'failure' } });
    expect(await get('/api/now/stats/incident')).toEqual({ status: 400, body: { error: { message: 'Requested URI does not represent any resource', detail: null }, status: 'failure' } });
    expect((await json(s.url, '/api/now/table/incident', { method: 'POST', auth: alice, json: {} })).status).toBe(405);
    expect((await get(`/api/now/v2/table/incident/${INC}?sysparm_fields=number`)).body).toEqual({ result: { number: 'INC0010001' } });
  });
});

describe('GET lists with encoded queries', () => {
  it('number=…, X-Total-Count, limit and offset', async () => {
    const one = await call(s.url, '/api/now/table/incident?sysparm_query=number=INC0010004&sysparm_fields=number,assigned_to.user_name', { auth: alice });
    expect([one.status, one.headers.get('x-total-count'), await one.json()]).toEqual([200, '1', { result: [{ number: 'INC0010004', 'assigned_to.user_name': 'bob' }] }]);
    const page = await call(s.url, '/api/now/table/incident?sysparm_fields=number&sysparm_limit=2&sysparm_offset=1&sysparm_query=ORDERBYnumber', { auth: alice });
    expect([page.headers.get('x-total-count'), await page.json()]).toEqual(['8', { result: [{ number: 'INC0010002' }, { number: 'INC0010003' }] }]);
  });

  it('task_ci by task (primary CI copied in), approvers by sysapproval in creation order', async () => {
    const cis = await get(`/api/now/table/task_ci?sysparm_query=task=${CHG}&sysparm_fields=ci_item.name,ci_item.fqdn,ci_item.ip_address&sysparm_display_value=all`);
    expect(cis.body.result.map((r: Record<string, { value: string }>) => [r['ci_item.name']!.value, r['ci_item.fqdn']!.value, r['ci_item.ip_address']!.value])).toEqual([
      ['srv-web-01', 'srv-web-01.corp.example.com', '10.0.1.21'], ['dc01', 'dc01.corp.example.com', '10.0.0.10'],
    ]);
    const approvers = await get(`/api/now/table/sysapproval_approver?sysparm_query=sysapproval=${CHG}^ORDERBYsys_created_on&sysparm_fields=state,approver&sysparm_display_value=all&sysparm_exclude_reference_link=true`);
    expect(approvers.body.result).toEqual([
      { state: { display_value: 'Approved', value: 'approved' }, approver: { display_value: 'Carl Brandt', value: expect.stringMatching(/^[0-9a-f]{32}$/) } },
      { state: { display_value: 'Approved', value: 'approved' }, approver: { display_value: 'Dana Fischer', value: expect.stringMatching(/^[0-9a-f]{32}$/) } },
    ]);
  });

  it('user_name=javascript:gs.getUserName() is the caller', async () => {
    const who = (auth: Auth) => get('/api/now/table/sys_user?sysparm_query=user_name=javascript:gs.getUserName()&sysparm_fields=user_name,name&sysparm_limit=2', auth);
    expect((await who(alice)).body.result).toEqual([{ user_name: 'alice', name: 'Alice Moreau' }]);
    expect((await who(bob)).body.result).toEqual([{ user_name: 'bob', name: 'Bob Keller' }]);
    expect((await who({ apiKey: CREDENTIALS.apiKey })).body.result).toEqual([{ user_name: 'svc_pambridge', name: 'PAM Bridge Integration' }]);
  });

  it('dot-walked conditions, != and LIKE; invalid queries (unknown field, OR, other scripts) answer no rows', async () => {
    const numbers = async (q: string) => (await get(`/api/now/table/incident?sysparm_fields=number&sysparm_query=${encodeURIComponent(q)}`)).body.result.map((r: { number: string }) => r.number);
    expect(await numbers('assigned_to.user_name=bob')).toEqual(['INC0010004']);
    expect(await numbers('active=true^cmdb_ci.name!=srv-web-01')).toEqual(['INC0010005', 'INC0010006', 'INC0010008']);
    expect(await numbers('short_descriptionLIKEkiosk')).toEqual(['INC0010005']);
    expect(await numbers('nosuchfield=1')).toEqual([]);
    expect(await numbers('state=1^ORstate=2')).toEqual([]);
    expect(await numbers('assigned_to=javascript:gs.getUser().getManager()')).toEqual([]);
    expect(await numbers('assigned_to=javascript:gs.getUserID()^state=1')).toEqual([]);
    expect((await get(`/api/now/table/incident?sysparm_fields=number&sysparm_query=${encodeURIComponent('assigned_to=javascript:gs.getUserID()^state=1')}`, bob)).body.result).toEqual([{ number: 'INC0010004' }]);
  });
});

describe('row ACL', () => {
  it('a hidden record: 404 for bob (as ServiceNow hides ACL-denied rows), left out of lists and related rows', async () => {
    expect((await get(`/api/now/table/incident/${INC_HIDDEN}?sysparm_fields=number`)).status).toBe(200);
    expect(await get(`/api/now/table/incident/${INC_HIDDEN}?sysparm_fields=number`, bob)).toEqual({ status: 404, body: NO_RECORD });
    const list = await get('/api/now/table/incident?sysparm_fields=number', bob);
    expect(list.body.result.map((r: { number: string }) => r.number)).not.toContain('INC0010008');
    expect((await get(`/api/now/table/task_ci?sysparm_query=task=${INC_HIDDEN}`, bob)).body.result).toEqual([]);
    expect(await json(s.url, `/api/now/table/incident/${INC_HIDDEN}`, { method: 'PATCH', auth: bob, json: { work_notes: 'x' } })).toEqual({ status: 404, body: NO_RECORD });
    expect(s.state.workNotes).toEqual([]);
  });
});

describe('PATCH', () => {
  it('work_notes → a journal entry (not a comment); the answer follows sysparm_fields', async () => {
    const res = await json(s.url, `/api/now/table/incident/${INC}?sysparm_fields=sys_id,number`, {
      method: 'PATCH', auth: alice, json: { work_notes: 'PAM session opened via PAM Bridge' },
    });
    expect(res).toEqual({ status: 200, body: { result: { sys_id: INC, number: 'INC0010001' } } });
    expect(s.state.workNotes).toEqual([{ table: 'incident', sys_id: INC, text: 'PAM session opened via PAM Bridge', by: 'alice', at: expect.any(String) }]);
    expect(s.state.comments).toEqual([]);
    const journal = (await get(`/api/now/table/incident/${INC}?sysparm_fields=work_notes&sysparm_display_value=all`)).body.result.work_notes;
    expect(journal.value).toBe('');
    expect(journal.display_value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} - Alice Moreau \(Work notes\)\nPAM session opened via PAM Bridge\n\n$/);
  });

  it('comments are recorded apart; empty journal entries and unknown fields are ignored; state changes active', async () => {
    await json(s.url, `/api/now/table/incident/${INC}`, { method: 'PATCH', auth: { apiKey: CREDENTIALS.apiKey }, json: { comments: 'Hello caller', work_notes: '  ', u_nope: 'x' } });
    expect(s.state.comments).toEqual([{ table: 'incident', sys_id: INC, text: 'Hello caller', by: 'svc_pambridge', at: expect.any(String) }]);
    expect(s.state.workNotes).toEqual([]);
    await json(s.url, `/api/now/table/incident/${INC}`, { method: 'PATCH', auth: alice, json: { state: '7' } });
    expect(s.state.records['incident']![INC]).toMatchObject({ state: '7', active: 'false', sys_updated_by: 'alice' });
  });

  it('inactive records and non-task tables are read-only (403); bad JSON 400', async () => {
    const aclUpdate = { status: 403, body: { error: { message: 'Operation Failed', detail: 'ACL Exception Update Failed due to security constraints' }, status: 'failure' } };
    expect(await json(s.url, `/api/now/table/incident/${INC_CLOSED}`, { method: 'PATCH', auth: alice, json: { work_notes: 'x' } })).toEqual(aclUpdate);
    expect(await json(s.url, `/api/now/table/sys_user/${ALICE}`, { method: 'PATCH', auth: alice, json: { name: 'Eve' } })).toEqual(aclUpdate);
    expect(await json(s.url, `/api/now/table/incident/${INC}`, { method: 'PATCH', auth: alice, body: '{nope' })).toEqual({
      status: 400, body: { error: { message: 'Exception while reading request', detail: 'The payload is not valid JSON.' }, status: 'failure' },
    });
    expect(s.state.workNotes).toEqual([]);
  });
});

describe('hooks', () => {
  it('setRecord merges into a record, creates new ones with the next number, adds related rows; reset restores', async () => {
    s.setRecord('incident', INC, { state: 6, short_description: 'Changed' });
    expect((await get(`/api/now/table/incident/${INC}?sysparm_fields=state,short_description`)).body.result).toEqual({ state: '6', short_description: 'Changed' });
    const id = 'e'.repeat(32);
    const row = s.setRecord('incident', id, { assigned_to: ALICE, cmdb_ci: SRV });
    expect(row).toMatchObject({ number: 'INC0010009', state: '1', active: 'true', sys_class_name: 'incident' });
    s.setRecord('task_ci', 'f'.repeat(32), { task: id, ci_item: SRV });
    expect((await get(`/api/now/table/task_ci?sysparm_query=task=${id}&sysparm_fields=ci_item.name`)).body.result).toEqual([{ 'ci_item.name': 'srv-web-01' }]);
    s.reset();
    expect(s.state.records['incident']![id]).toBeUndefined();
    expect(s.state.records['incident']![INC]!['state']).toBe('2');
    expect(s.state.apiCalls).toEqual([]);
  });
});
