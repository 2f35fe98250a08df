// User management, token regeneration and the audit trail (research §2.10, §2.11).
import { failed, success, type Envelope } from '../envelope';
import { findUser, lower, newToken, randomHex, type User } from '../state';
import * as T from '../texts';
import { isAdmin, paginate, param, str, type ApiContext, type Route } from './util';

function getUserId(ctx: ApiContext) {
  const name = 'GET USERID';
  const username = param(ctx, 'USERNAME');
  const u = findUser(ctx.state, username);
  return u ? success(name, T.OK.userId, { USERID: u.id }) : failed(name, T.userNotFound(username));
}

/** Accepts both the PMP and the PAM360 shapes of "create user" (research §2.10). */
function addUser(ctx: ApiContext) {
  const name = 'ADD USER';
  if (!isAdmin(ctx.user)) return failed(name, T.NOT_AUTHORIZED);
  const username = str(ctx, 'USERNAME').trim();
  if (!username) return failed(name, T.userNotFound(''));
  if (findUser(ctx.state, username)) return failed(name, T.userExists(username));
  const first = str(ctx, 'FIRSTNAME');
  const last = str(ctx, 'LASTNAME');
  const role = str(ctx, 'ROLE');
  const host = str(ctx, 'HOSTNAME').trim();
  const hostCheck = lower(str(ctx, 'HOSTCHECK')) === 'true' || (host !== '' && lower(str(ctx, 'HOSTCHECK')) !== 'false');
  const user: User = {
    id: String(Math.max(0, ...ctx.state.users.map((u) => Number(u.id) || 0)) + 1),
    username,
    fullName: str(ctx, 'FULLNAME') || `${first} ${last}`.trim() || username,
    email: str(ctx, 'EMAIL'),
    token: newToken(),
    password: str(ctx, 'PASSWORD') || randomHex(8),
    role: role === 'Administrator' || role === 'Password Administrator' ? role : 'Password User',
    orgs: [ctx.org.urlName],
    ...(hostCheck && host ? { allowedHosts: [host] } : {}),
  };
  ctx.state.users.push(user);
  return success(name, T.OK.userAdded, { USERID: user.id, AUTHTOKEN: user.token });
}

function setLocked(locked: boolean) {
  return (ctx: ApiContext): Envelope => {
    const name = locked ? 'LOCK USER' : 'UNLOCK USER';
    if (!isAdmin(ctx.user)) return failed(name, T.NOT_AUTHORIZED);
    const username = param(ctx, 'USERNAME');
    const u = findUser(ctx.state, username);
    if (!u) return failed(name, T.userNotFound(username));
    u.locked = locked;
    return success(name, locked ? T.OK.userLocked : T.OK.userUnlocked);
  };
}

function deleteUser(ctx: ApiContext) {
  const name = 'DELETE USER';
  if (!isAdmin(ctx.user)) return failed(name, T.NOT_AUTHORIZED);
  const id = ctx.params[0] ?? '';
  const index = ctx.state.users.findIndex((u) => u.id === id);
  const u = ctx.state.users[index];
  if (!u) return failed(name, T.userNotFound(id));
  ctx.state.users.splice(index, 1);
  for (const [sid, s] of ctx.state.sessions) if (s.username === u.username) ctx.state.sessions.delete(sid);
  return success(name, T.OK.userDeleted);
}

/** The newer PAM360 envelope: status "true" + statusCode 20000; the old token stops working. */
function regenerateToken(ctx: ApiContext): Envelope {
  ctx.user.token = newToken();
  return {
    operation: {
      name: 'REGENERATE AUTHTOKEN',
      result: { status: 'true', statusCode: 20000, message: T.REGENERATED },
      Details: { AUTHTOKEN: ctx.user.token },
    },
  };
}

/** Newest first; admins see everyone's entries, others their own [I]. */
function audit(ctx: ApiContext) {
  const mine = (u: string) => lower(u) === lower(ctx.user.username);
  const entries = ctx.state.audit.filter((e) => isAdmin(ctx.user) || mine(e['User Name'])).reverse();
  return success('GET_AUDIT', T.OK.audit, paginate(entries, param(ctx, 'STARTINDEX'), param(ctx, 'LIMIT')), entries.length);
}

export const userRoutes: Route[] = [
  { method: 'GET', pattern: /^user\/getUserId$/, name: 'GET USERID', handler: getUserId },
  { method: 'POST', pattern: /^user$/, name: 'ADD USER', handler: addUser },
  { method: 'PUT', pattern: /^user\/lock$/, name: 'LOCK USER', handler: setLocked(true) },
  { method: 'PUT', pattern: /^user\/unlock$/, name: 'UNLOCK USER', handler: setLocked(false) },
  { method: 'PUT', pattern: /^user\/regenerateAuthtoken$/, name: 'REGENERATE AUTHTOKEN', handler: regenerateToken },
  { method: 'DELETE', pattern: /^user\/([^/]+)$/, name: 'DELETE USER', handler: deleteUser },
  { method: 'GET', pattern: /^audit$/, name: 'GET_AUDIT', handler: audit },
];
