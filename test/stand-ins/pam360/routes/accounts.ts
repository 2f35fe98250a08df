// Password routes and the access-control workflow: retrieve/change password (REASON + TICKETID),
// requestpassword, the admin request list, and the undocumented validateHelpDeskID pre-check
// (research §2.5–2.8, §3, §4).
import { failed, success } from '../envelope';
import {
  accountAccess, addAudit, auditTime, checkTicket, gate, myRequest, passwordStatus, randomHex, resourceOf,
  visibleResources, type Account, type AccessRequest,
} from '../state';
import * as T from '../texts';
import { isApprover, str, type ApiContext, type Route } from './util';

/** The account if it exists in the selected org and the user can see it at all. */
function visibleAccount(ctx: ApiContext, aid: string, rid?: string): Account | undefined {
  const a = ctx.state.accounts.find((x) => x.id === aid && (rid === undefined || x.resourceId === rid));
  if (!a || accountAccess(ctx.state, ctx.user, a) === 'none') return undefined;
  return visibleResources(ctx.state, ctx.user, ctx.org).some((r) => r.id === a.resourceId) ? a : undefined;
}

const gateInput = (ctx: ApiContext) => ({ reason: str(ctx, 'REASON'), ticketId: str(ctx, 'TICKETID') });

function getPassword(ctx: ApiContext) {
  const name = 'GET PASSWORD';
  const [rid = '', aid = ''] = ctx.params;
  const a = visibleAccount(ctx, aid, rid);
  if (!a) return failed(name, T.NO_SUCH_ACCOUNT);
  if (accountAccess(ctx.state, ctx.user, a) === 'autologon') return failed(name, T.RETRIEVAL_DENIED);
  const status = passwordStatus(ctx.state, ctx.user, a);
  if (a.accessControl && status !== '[Check Out]' && status !== '****[Check In]') return failed(name, T.UNDER_ACCESS_CONTROL);
  const input = gateInput(ctx);
  const denied = gate(ctx.state, ctx.user, a, input, 'retrieve');
  if (denied) return failed(name, denied.message);
  const fields = { 'Resource Name': resourceOf(ctx.state, a).name, 'Account Name': a.name, 'Ticket ID': input.ticketId, Reason: input.reason };
  const req = myRequest(ctx.state, ctx.user, a);
  if (req && req.status === 'approved') {
    req.status = 'checkedOut';
    addAudit(ctx.state, 'Password Checked Out', ctx.user.username, fields);
  }
  a.lastAccessed = auditTime();
  addAudit(ctx.state, 'Password Retrieved', ctx.user.username, fields);
  return success(name, T.OK.password, { PASSWORD: a.password });
}

function changePassword(ctx: ApiContext) {
  const name = 'EDIT PASSWORD'; // [I]
  const [rid = '', aid = ''] = ctx.params;
  const a = visibleAccount(ctx, aid, rid);
  if (!a) return failed(name, T.NO_SUCH_ACCOUNT);
  if (accountAccess(ctx.state, ctx.user, a) === 'autologon') return failed(name, T.NOT_AUTHORIZED);
  const newPassword = str(ctx, 'NEWPASSWORD');
  if (!newPassword) return failed(name, T.NEW_PASSWORD_REQUIRED);
  const input = gateInput(ctx);
  const denied = gate(ctx.state, ctx.user, a, input, 'retrieve');
  if (denied) return failed(name, denied.message);
  a.password = newPassword;
  a.lastModified = auditTime();
  addAudit(ctx.state, 'Password Changed', ctx.user.username, {
    'Resource Name': resourceOf(ctx.state, a).name, 'Account Name': a.name, 'Ticket ID': input.ticketId, Reason: input.reason,
  });
  return success(name, T.OK.passwordChanged);
}

function requestPassword(ctx: ApiContext) {
  const name = 'REQUEST PASSWORD'; // [I]
  const a = visibleAccount(ctx, ctx.params[0] ?? '');
  if (!a) return failed(name, T.NO_SUCH_ACCOUNT);
  if (!a.accessControl) return failed(name, T.NOT_ACCESS_CONTROLLED);
  const existing = myRequest(ctx.state, ctx.user, a);
  if (existing) return success(name, T.OK.requestRaised, { STATUS: passwordStatus(ctx.state, ctx.user, a) });
  const { reason, ticketId } = gateInput(ctx);
  if (a.reasonRequired && !reason.trim()) return failed(name, T.REASON_REQUIRED);
  let ticketOk = false;
  if (a.ticketRequiredAcw) {
    if (!ticketId.trim()) {
      if (a.ticketMandatory) return failed(name, T.requestNotRaised(T.TICKET_REQUIRED));
    } else {
      const err = checkTicket(ctx.state, ctx.user, ticketId.trim());
      if (err) return failed(name, T.requestNotRaised(err));
      ticketOk = true;
    }
  }
  const req: AccessRequest = {
    id: randomHex(4),
    accountId: a.id,
    username: ctx.user.username,
    reason,
    ticketId,
    status: 'waiting',
    requestedAt: auditTime(),
  };
  ctx.state.accessRequests.push(req);
  const fields = { 'Resource Name': resourceOf(ctx.state, a).name, 'Account Name': a.name, 'Ticket ID': ticketId, Reason: reason };
  addAudit(ctx.state, 'Password Requested', ctx.user.username, fields);
  if (a.autoApproveWithTicket && ticketOk) {
    req.status = 'approved';
    req.approvedBy = `ticket ${ticketId.trim()}`;
    addAudit(ctx.state, 'Password Request Approved', req.approvedBy, fields);
  }
  return success(name, T.OK.requestRaised, { STATUS: passwordStatus(ctx.state, ctx.user, a) });
}

const ADMIN_STATUS: Record<AccessRequest['status'], string> = {
  waiting: '[Approve] [Reject]',
  approved: 'Yet To Use [Check In]',
  checkedOut: 'In Use [Check In]',
};

/** Approvers see every request in the org; others see their own [I]. */
function listRequests(ctx: ApiContext) {
  const { state, user } = ctx;
  const inOrg = new Set(visibleResources(state, user, ctx.org).map((r) => r.id));
  const orgResources = new Set(state.resources.filter((r) => r.org === ctx.org.urlName).map((r) => r.id));
  const requests = state.accessRequests.filter((q) => {
    const a = state.accounts.find((x) => x.id === q.accountId);
    if (!a || !orgResources.has(a.resourceId)) return false;
    return isApprover(user) || (q.username === user.username && inOrg.has(a.resourceId));
  });
  const byUser = new Map<string, AccessRequest[]>();
  for (const q of requests) byUser.set(q.username, [...(byUser.get(q.username) ?? []), q]);
  const details = [...byUser].map(([username, list]) => {
    const requester = state.users.find((u) => u.username === username);
    return {
      'REQUESTED BY': username,
      'REQUESTED BY FULLNAME': requester?.fullName ?? username,
      'REQUESTER USERID': requester?.id ?? '',
      PASSWORDREQUESTLIST: list.map((q) => {
        const a = state.accounts.find((x) => x.id === q.accountId) as Account;
        return {
          'RESOURCE NAME': resourceOf(state, a).name,
          'ACCOUNT NAME': a.name,
          'RESOURCE ID': a.resourceId,
          'ACCOUNT ID': a.id,
          'PASSWD ID': a.passwdId,
          REASON: q.reason,
          'REQUESTED TIME': q.requestedAt,
          STATUS: ADMIN_STATUS[q.status],
          'TOTAL APPROVAL ADMIN COUNT': '1',
          'APPROVED ADMIN COUNT': q.status === 'waiting' ? '0' : '1',
        };
      }),
    };
  });
  return success('GET PASSWORD REQUESTS', T.OK.requests, details);
}

/** Undocumented pre-check (research §2.8): STATUSCODE 3 = reason missing; else result.message. */
function validateHelpDeskId(ctx: ApiContext) {
  const name = 'VALIDATE HELPDESK ID'; // [U] name; the vendor extension never reads it
  const a = visibleAccount(ctx, ctx.params[0] ?? '');
  if (!a) return failed(name, T.NO_SUCH_ACCOUNT);
  const input = gateInput(ctx);
  const denied = gate(ctx.state, ctx.user, a, input, 'validate');
  if (denied) return failed(name, denied.message, denied.statusCode !== undefined ? { STATUSCODE: denied.statusCode } : undefined);
  ctx.state.validations.push({ username: ctx.user.username, accountId: a.id, ticketId: input.ticketId.trim(), reason: input.reason, at: Date.now() });
  const checked = a.ticketRequired || a.ticketRequiredAcw || a.reasonRequired;
  return success(name, checked ? T.OK.ticketValid : T.OK.ticketNotNeeded);
}

export const accountRoutes: Route[] = [
  { method: 'GET', pattern: /^resources\/([^/]+)\/accounts\/([^/]+)\/password$/, name: 'GET PASSWORD', handler: getPassword },
  { method: 'PUT', pattern: /^resources\/([^/]+)\/accounts\/([^/]+)\/password$/, name: 'EDIT PASSWORD', handler: changePassword },
  { method: 'POST', pattern: /^accounts\/([^/]+)\/requestpassword$/, name: 'REQUEST PASSWORD', handler: requestPassword },
  { method: 'GET', pattern: /^accounts\/passwordaccessrequests$/, name: 'GET PASSWORD REQUESTS', handler: listRequests },
  { method: 'GET', pattern: /^accounts\/([^/]+)\/validateHelpDeskID$/, name: 'VALIDATE HELPDESK ID', handler: validateHelpDeskId },
];
