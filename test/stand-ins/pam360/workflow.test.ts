// Passwords, tickets, the access-control state machine, users and audit (research §2.5–2.11, §3, §4).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPam360StandIn, type Pam360StandIn } from './server';
import * as T from './texts';
import { env } from './testing';

let s: Pam360StandIn;
let ALICE: string, ADMIN: string;
beforeAll(async () => {
  s = await startPam360StandIn();
});
afterAll(() => s.close());
beforeEach(() => {
  s.reset();
  [ALICE, ADMIN] = [s.tokenOf('alice'), s.tokenOf('admin')];
});
const status = async (rid: string, aid: string, token = ALICE) =>
  ((await env(s.url, `resources/${rid}/accounts/${aid}`, { token })).Details as Record<string, string>)['PASSWORD STATUS'];
const validate = (aid: string, details: Record<string, string>) => env(s.url, `accounts/${aid}/validateHelpDeskID`, { token: ALICE, details });

describe('validateHelpDeskID', () => {
  it('gives every documented outcome', async () => {
    expect(await validate('3012', { TICKETID: '1042' })).toEqual({
      name: 'VALIDATE HELPDESK ID', result: { status: 'Failed', message: T.REASON_REQUIRED }, Details: { STATUSCODE: 3 },
    });
    expect((await validate('3012', { REASON: 'patching', TICKETID: '1042' })).result).toEqual({ status: 'Success', message: T.OK.ticketValid });
    const fail = async (TICKETID: string) => {
      const op = await validate('3012', { REASON: 'patching', TICKETID });
      expect(op.Details).toBeUndefined();
      return op.result.message;
    };
    expect(await fail('')).toBe(T.TICKET_REQUIRED);
    expect(await fail('XYZ-1')).toBe(T.ticketInvalid('XYZ-1'));
    expect(await fail('CH-404')).toBe(T.ticketInvalid('CH-404'));
    expect(await fail('INC0010099')).toBe(T.ticketClosed('INC0010099'));
    expect(await fail('1043')).toBe(T.ticketNotYours('1043'));
    s.setTicketingDown(true);
    expect(await fail('1042')).toBe(T.TICKETING_DOWN);
  });

  it('succeeds where no ticket is needed, and follows registry changes', async () => {
    expect((await validate('3011', {})).result).toEqual({ status: 'Success', message: T.OK.ticketNotNeeded });
    expect((await validate('3041', { REASON: 'x' })).result.status).toBe('Success');
    s.setTicket('1042', { state: 'closed' });
    expect((await validate('3012', { REASON: 'x', TICKETID: '1042' })).result.message).toBe(T.ticketClosed('1042'));
  });
});

describe('passwords', () => {
  it('retrieves with reason + ticket, audits it, and reports ticketing down exactly', async () => {
    const ok = await env(s.url, 'resources/301/accounts/3012/password', { token: ALICE, details: { REASON: 'deploy', TICKETID: '1042' } });
    expect(ok).toEqual({ name: 'GET PASSWORD', result: { status: 'Success', message: 'Password fetched successfully' }, Details: { PASSWORD: 'D3ploy!Test' } });
    expect(s.state.audit.at(-1)).toMatchObject({ 'Operation Type': 'Password Retrieved', 'User Name': 'alice', 'Resource Name': 'srv-web-01', 'Ticket ID': '1042' });
    const noTicket = await env(s.url, 'resources/301/accounts/3012/password', { token: ALICE, details: { REASON: 'deploy' } });
    expect(noTicket.result.message).toBe(T.TICKET_REQUIRED);
    s.setTicketingDown(true);
    const down = await env(s.url, 'resources/301/accounts/3012/password', { token: ALICE, details: { REASON: 'deploy', TICKETID: '1042' } });
    expect(down).toEqual({ name: 'GET PASSWORD', result: { status: 'Failed', message: T.TICKETING_DOWN } });
    const hashed = await env(s.url, 'resources/303/accounts/3032/password', { token: s.tokenOf('bob') });
    expect(hashed.result.message).toBe(T.RETRIEVAL_DENIED);
  });

  it('changes a password with PUT (urlencoded body, any Content-Type)', async () => {
    const op = await env(s.url, 'resources/301/accounts/3011/password', {
      token: ALICE, method: 'PUT', contentType: 'text/json', details: { NEWPASSWORD: 'N3w!pass', RESETTYPE: 'LOCAL' },
    });
    expect(op.result).toEqual({ status: 'Success', message: T.OK.passwordChanged });
    expect((await env(s.url, 'resources/301/accounts/3011/password', { token: ALICE })).Details).toEqual({ PASSWORD: 'N3w!pass' });
  });
});

describe('access control', () => {
  it('walks [Request] → [Waiting for approval] → [Check Out] → ****[Check In] → [Request]', async () => {
    expect(await status('302', '3021')).toBe('[Request]');
    const locked = await env(s.url, 'resources/302/accounts/3021/password', { token: ALICE, details: { REASON: 'x' } });
    expect(locked.result.message).toBe(T.UNDER_ACCESS_CONTROL);
    const req = (details: Record<string, string>) => env(s.url, 'accounts/3021/requestpassword', { token: ALICE, method: 'POST', details });
    expect((await req({ ACCESS: 'now' })).result.message).toBe(T.REASON_REQUIRED);
    expect((await req({ REASON: 'AD cleanup', ACCESS: 'now' })).Details).toEqual({ STATUS: '[Waiting for approval]' });
    const list = await env(s.url, 'accounts/passwordaccessrequests', { token: ADMIN });
    expect(list.Details).toMatchObject([{ 'REQUESTED BY': 'alice', 'REQUESTER USERID': '2', PASSWORDREQUESTLIST: [{ 'ACCOUNT ID': '3021', STATUS: '[Approve] [Reject]', REASON: 'AD cleanup' }] }]);
    expect(s.approve('3021', { by: 'admin' })).toBe(1);
    expect(await status('302', '3021')).toBe('[Check Out]');
    const pw = await env(s.url, 'resources/302/accounts/3021/password', { token: ALICE, details: { REASON: 'AD cleanup' } });
    expect(pw.Details).toEqual({ PASSWORD: 'Dom@inAdm1n-Test' });
    expect(await status('302', '3021')).toBe('****[Check In]');
    expect(await status('302', '3021', ADMIN)).toBe('[In Use]');
    expect(s.checkIn('3021')).toBe(1);
    expect(await status('302', '3021')).toBe('[Request]');
  });

  it('rejects, auto-approves with a valid ticket, and refuses bad tickets', async () => {
    await env(s.url, 'accounts/3021/requestpassword', { token: ALICE, method: 'POST', details: { REASON: 'r' } });
    expect(s.reject('3021')).toBe(1);
    expect(await status('302', '3021')).toBe('[Request]');
    const root = (details: Record<string, string>) => env(s.url, 'accounts/3031/requestpassword', { token: ALICE, method: 'POST', details });
    expect((await root({ REASON: 'r' })).result.message).toBe(T.requestNotRaised(T.TICKET_REQUIRED));
    const closed = await root({ REASON: 'r', TICKETID: 'INC0010099' });
    expect(closed).toEqual({ name: 'REQUEST PASSWORD', result: { status: 'Failed', message: T.requestNotRaised(T.ticketClosed('INC0010099')) } });
    expect(closed.result.message).toContain("password request can't be raised");
    expect((await root({ REASON: 'r', TICKETID: 'CH-17' })).Details).toEqual({ STATUS: '[Check Out]' });
    const plain = await env(s.url, 'accounts/3011/requestpassword', { token: ALICE, method: 'POST', details: { REASON: 'r' } });
    expect(plain.result.message).toBe(T.NOT_ACCESS_CONTROLLED);
  });
});

describe('users, token and audit', () => {
  it('regenerates the token with the newer envelope; the old token stops working', async () => {
    const res = await fetch(`${s.url}/restapi/json/v1/user/regenerateAuthtoken`, { method: 'PUT', headers: { AUTHTOKEN: ALICE } });
    const op = ((await res.json()) as { operation: { result: unknown; Details: { AUTHTOKEN: string } } }).operation;
    expect(op.result).toEqual({ status: 'true', statusCode: 20000, message: 'Authtoken regenerated successfully.' });
    expect(op.Details.AUTHTOKEN).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect((await env(s.url, 'resources', { token: ALICE })).result.message).toBe(T.BAD_TOKEN);
    expect((await env(s.url, 'resources', { token: op.Details.AUTHTOKEN })).totalRows).toBe(6);
  });

  it('creates, finds, locks, unlocks and deletes users (admin only)', async () => {
    const created = await env(s.url, 'user', { token: ADMIN, method: 'POST', details: { USERNAME: 'erin', FIRSTNAME: 'Erin', LASTNAME: 'Lee', EMAIL: 'erin@corp.example.com' } });
    const { USERID, AUTHTOKEN } = created.Details as { USERID: string; AUTHTOKEN: string };
    expect(USERID).toBe('7');
    expect((await env(s.url, 'user/getUserId', { token: ALICE, query: { USERNAME: 'erin' } })).Details).toEqual({ USERID: '7' });
    expect((await env(s.url, 'resources', { token: AUTHTOKEN })).totalRows).toBe(0);
    await env(s.url, 'user/lock', { token: ADMIN, method: 'PUT', query: { USERNAME: 'erin' } });
    expect((await env(s.url, 'resources', { token: AUTHTOKEN })).result.message).toBe(T.LOGIN_DISABLED);
    await env(s.url, 'user/unlock', { token: ADMIN, method: 'PUT', query: { USERNAME: 'erin' } });
    expect((await env(s.url, 'user/7', { token: ALICE, method: 'DELETE' })).result.message).toBe(T.NOT_AUTHORIZED);
    expect((await env(s.url, 'user/7', { token: ADMIN, method: 'DELETE' })).result.status).toBe('Success');
    expect((await env(s.url, 'resources', { token: AUTHTOKEN })).result.message).toBe(T.BAD_TOKEN);
  });

  it('returns audit entries newest first', async () => {
    await env(s.url, 'resources/301/accounts/3011/password', { token: ALICE });
    const op = await env(s.url, 'audit', { token: ADMIN, query: { AUDITTYPE: 'Resource', STARTINDEX: '0', LIMIT: '5' } });
    expect(op.name).toBe('GET_AUDIT');
    expect((op.Details as Record<string, string>[])[0]).toMatchObject({
      'Operation Type': 'Password Retrieved', 'User Name': 'alice', 'Resource Name': 'srv-web-01', 'Account Name': 'Administrator', 'Ticket ID': '',
    });
  });
});
