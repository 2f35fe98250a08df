// The stand-in's v3 API and authentication, checked with exact envelopes (research §1.4–§1.7).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSdpStandIn, type SdpStandIn } from './server';
import { call, json, KEYS, login, type SessionCookies } from './testing';

let s: SdpStandIn;
beforeAll(async () => {
  s = await startSdpStandIn({ port: 0 });
});
afterAll(() => s.close());
beforeEach(() => s.reset());

const OK = { status_code: 2000, status: 'success' };
const failed = (message: Record<string, unknown>) => ({ response_status: { status_code: 4000, status: 'failed', messages: [message] } });

describe('API key authentication', () => {
  it('GET a request: exact envelope, string ids, v3 times', async () => {
    const { status, body } = await json(s.url, '/api/v3/requests/1001', { key: KEYS.alice });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['response_status', 'request']);
    expect(body['response_status']).toEqual(OK);
    expect(body['request']).toMatchObject({
      id: '1001', display_id: '1001', subject: 'Apply IIS security update on srv-web-01',
      status: { id: '2', name: 'Open' }, approval_status: { id: '2', name: 'Approved' }, request_type: { name: 'Service Request' },
      technician: { id: '5', name: 'Alice Moreau', email_id: 'alice.moreau@corp.example.com', is_vipuser: false },
      assets: [{ id: '3001', name: 'srv-web-01' }],
      created_time: { value: expect.stringMatching(/^\d{13}$/), display_value: expect.stringMatching(/^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{2}:\d{2} [AP]M$/) },
    });
    expect(s.state.apiCalls).toEqual([{ method: 'GET', path: '/api/v3/requests/1001', auth: 'api-key', user: 'alice' }]);
  });

  it('accepts the legacy TECHNICIAN_KEY header and query, and a PORTALID header', async () => {
    const viaHeader = await call(s.url, '/api/v3/requests/1001', { headers: { TECHNICIAN_KEY: KEYS.bob, PORTALID: '1' } });
    expect(viaHeader.status).toBe(200);
    expect((await call(s.url, `/api/v3/requests/1001?TECHNICIAN_KEY=${KEYS.bob}`)).status).toBe(200);
    expect(s.state.apiCalls.map((c) => c.user)).toEqual(['bob', 'bob']);
  });

  it('no or a wrong key → HTTP 401 with the 4022 envelope', async () => {
    const expected = failed({ status_code: 4022, type: 'failed', message: 'Invalid API key received' });
    for (const key of [undefined, '00000000-0000-0000-0000-000000000000']) {
      const { status, body } = await json(s.url, '/api/v3/requests/1001', key === undefined ? {} : { key });
      expect([status, body]).toEqual([401, expected]);
    }
    expect(s.state.apiCalls.map((c) => c.auth)).toEqual(['none', 'none']);
  });

  it('unknown id → 404 / 4007; unknown route → 404 / 4007 Invalid URL', async () => {
    expect(await json(s.url, '/api/v3/requests/9999', { key: KEYS.alice })).toEqual({
      status: 404, body: failed({ status_code: 4007, type: 'failed', message: 'Invalid request id' }),
    });
    expect(await json(s.url, '/api/v3/changes/1001', { key: KEYS.alice })).toEqual({
      status: 404, body: failed({ status_code: 4007, type: 'failed', message: 'Invalid change id' }),
    });
    expect((await json(s.url, '/api/v3/problems/1', { key: KEYS.alice })).body).toEqual(failed({ status_code: 4007, type: 'failed', message: 'Invalid URL' }));
  });

  it("an 'assigned'-scope technician gets 403 / 4002 for others' tickets and an empty list", async () => {
    expect(await json(s.url, '/api/v3/changes/2001', { key: KEYS.erin })).toEqual({
      status: 403, body: failed({ status_code: 4002, type: 'failed', message: 'User does not have permission to view this change' }),
    });
    const list = await json(s.url, '/api/v3/requests', { key: KEYS.erin });
    expect(list.body['requests']).toEqual([]);
  });

  it('Accept is checked loosely by default, strictly on request', async () => {
    expect((await call(s.url, '/api/v3/requests/1001', { key: KEYS.alice, accept: '*/*' })).status).toBe(200);
    const strict = await startSdpStandIn({ strictAccept: true });
    try {
      expect((await call(strict.url, '/api/v3/requests/1001', { key: KEYS.alice, accept: '*/*' })).status).toBe(415);
      expect((await call(strict.url, '/api/v3/requests/1001', { key: KEYS.alice })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('session authentication', () => {
  let alice: SessionCookies;
  beforeEach(async () => {
    alice = await login(s.url, 'alice', 'Alice#2024');
  });

  it('reads with the session cookie and APICLIENT: sdp_web', async () => {
    const { status, body } = await json(s.url, '/api/v3/changes/2001', { session: alice });
    expect(status).toBe(200);
    expect(body['change']).toMatchObject({ id: '2001', display_id: 'CH-1' });
    expect(s.state.apiCalls.at(-1)).toEqual({ method: 'GET', path: '/api/v3/changes/2001', auth: 'session', user: 'alice' });
  });

  it('the cookie without APICLIENT is not enough (401)', async () => {
    expect((await call(s.url, '/api/v3/requests/1001', { session: alice, apiClient: false })).status).toBe(401);
  });

  it('writes need sdpcsrfparam = sdpcsrfcookie (form or query)', async () => {
    const input = { request_note: { description: '<p>x</p>' } };
    const csrfError = failed({ status_code: 4002, type: 'failed', message: 'Invalid CSRF token' });
    expect(await json(s.url, '/api/v3/requests/1001/notes', { method: 'POST', session: alice, input, csrf: '' })).toEqual({ status: 403, body: csrfError });
    expect((await json(s.url, '/api/v3/requests/1001/notes', { method: 'POST', session: alice, input, csrf: 'forged' })).status).toBe(403);
    expect((await json(s.url, '/api/v3/requests/1001/notes', { method: 'POST', session: alice, input })).status).toBe(200);
    const viaQuery = await json(s.url, `/api/v3/requests/1001/notes?sdpcsrfparam=${alice.csrf}`, { method: 'POST', session: alice, input, csrf: '' });
    expect(viaQuery.status).toBe(200);
    expect(s.state.notes.map((n) => [n.kind, n.id, n.by])).toEqual([['request', '1001', 'alice'], ['request', '1001', 'alice']]);
  });

  it('after logout the session is gone', async () => {
    await fetch(new URL('/logout', s.url), { headers: { Cookie: alice.cookie }, redirect: 'manual' });
    expect((await call(s.url, '/api/v3/requests/1001', { session: alice })).status).toBe(401);
  });
});

describe('lists, approvals, notes', () => {
  it('list: input_data in the query, row_count/start_index, search_fields, array response_status', async () => {
    const { body } = await json(s.url, '/api/v3/requests', { key: KEYS.alice, input: { list_info: { row_count: 2, start_index: 3, get_total_count: true } } });
    expect(body['response_status']).toEqual([OK]);
    expect(body['list_info']).toEqual({ has_more_rows: true, start_index: 3, row_count: 2, total_count: 12 });
    expect((body['requests'] as { id: string }[]).map((r) => r.id)).toEqual(['1003', '1004']);
    const search = await json(s.url, '/api/v3/requests', { key: KEYS.alice, input: { list_info: { search_fields: { 'status.name': 'open', subject: 'SRV-WEB' } } } });
    expect((search.body['requests'] as { id: string }[]).map((r) => r.id)).toEqual(['1001', '1003', '1010', '1012']);
  });

  it('malformed input_data → 400 envelope', async () => {
    const { status, body } = await json(s.url, '/api/v3/requests', { key: KEYS.alice, rawInput: '{"list_info":' });
    expect([status, body]).toEqual([400, failed({ status_code: 4000, type: 'failed', message: 'Invalid input_data: not a JSON object' })]);
  });

  it('approval levels (object status) and approvals (array status)', async () => {
    const levels = await json(s.url, '/api/v3/changes/2002/approval_levels', { key: KEYS.alice });
    expect(levels.body).toEqual({
      response_status: OK,
      list_info: { has_more_rows: false, row_count: 2 },
      approval_levels: [
        { id: '20021', level: 1, name: 'Change Manager', status: { id: '2', name: 'Approved' } },
        { id: '20022', level: 2, name: 'CAB', status: { id: '1', name: 'Pending Approval' } },
      ],
    });
    const approvals = await json(s.url, '/api/v3/changes/2002/approval_levels/20022/approvals', { key: KEYS.alice });
    expect(approvals.body['response_status']).toEqual([OK]);
    expect((approvals.body['approvals'] as { approver: { name: string }; status: { name: string } }[]).map((a) => [a.approver.name, a.status.name]))
      .toEqual([['Carl Brandt', 'Approved'], ['Dana Fischer', 'Pending Approval']]);
    expect((await json(s.url, '/api/v3/changes/2002/approval_levels/1/approvals', { key: KEYS.alice })).status).toBe(404);
  });

  it('request note: request_note wrapper, recorded, echoed with defaults', async () => {
    const input = { request_note: { description: '<p>PAM session opened</p>', show_to_requester: false, notify_technician: false } };
    const { status, body } = await json(s.url, '/api/v3/requests/1004/notes', { method: 'POST', key: KEYS.bob, input });
    expect(status).toBe(200);
    expect(body['response_status']).toEqual(OK);
    expect(body['request_note']).toMatchObject({
      id: '7001', description: '<p>PAM session opened</p>', show_to_requester: false, notify_technician: false,
      mark_first_response: false, add_to_linked_requests: false, added_by: { id: '6', name: 'Bob Keller' },
    });
    expect(s.state.notes).toEqual([{ kind: 'request', id: '1004', description: '<p>PAM session opened</p>', by: 'bob', at: expect.any(String) }]);
    expect(s.state.requests['1004']?.has_notes).toBe(true);
  });

  it('change note: {note:{description}}; show_to_requester → 4001 EXTRA_KEY_FOUND_IN_JSON', async () => {
    const ok = await json(s.url, '/api/v3/changes/2001/notes', { method: 'POST', key: KEYS.alice, input: { note: { description: '<p>done</p>' } } });
    expect([ok.status, (ok.body['note'] as { description: string }).description]).toEqual([200, '<p>done</p>']);
    const bad = await json(s.url, '/api/v3/changes/2001/notes', { method: 'POST', key: KEYS.alice, input: { note: { description: 'x', show_to_requester: false } } });
    expect(bad).toEqual({ status: 400, body: failed({ status_code: 4001, type: 'failed', field: 'show_to_requester', message: 'EXTRA_KEY_FOUND_IN_JSON' }) });
    expect(s.state.notes.map((n) => [n.kind, n.id])).toEqual([['change', '2001']]);
  });

  it.each([
    [{ request_note: {} }, { status_code: 4012, type: 'failed', field: 'description' }],
    [{ note: { description: 'x' } }, { status_code: 4001, type: 'failed', field: 'note', message: 'EXTRA_KEY_FOUND_IN_JSON' }],
    [{ request_note: { description: 'x', notify_technician: 'false' } }, { status_code: 4021, type: 'failed', field: 'notify_technician', message: 'Data type mismatch' }],
    [undefined, { status_code: 4012, type: 'failed', field: 'request_note' }],
  ])('refuses request note input %j', async (input, message) => {
    const { status, body } = await json(s.url, '/api/v3/requests/1001/notes', { method: 'POST', key: KEYS.alice, input });
    expect([status, body]).toEqual([400, failed(message)]);
    expect(s.state.notes).toEqual([]);
  });
});

describe('test hooks', () => {
  it('setRequest / setChange merge (or create) and reset restores the seed', async () => {
    s.setRequest('1001', { status: { id: '1', name: 'Closed' } });
    s.setChange('2999', { title: 'Made in a test' });
    expect(((await json(s.url, '/api/v3/requests/1001', { key: KEYS.alice })).body['request'] as { status: unknown }).status).toEqual({ id: '1', name: 'Closed' });
    expect((await json(s.url, '/api/v3/changes/2999', { key: KEYS.alice })).body['change']).toMatchObject({ id: '2999', display_id: 'CH-2999', title: 'Made in a test' });
    expect((await json(s.url, '/api/v3/changes/2999/approval_levels', { key: KEYS.alice })).body['approval_levels']).toEqual([]);
    s.reset();
    expect(s.state.requests['1001']?.status.name).toBe('Open');
    expect(s.state.changes['2999']).toBeUndefined();
    expect(s.state.apiCalls).toEqual([]);
  });
});
