// Resource routes: list/search/paging, name → ID resolution, resource types, the accounts list
// (resource details + "ACCOUNT LIST") and account details (research §2.1–2.4, §2.11).
import { failed, success } from '../envelope';
import {
  accountAccess, lower, passwordStatus, visibleAccounts, visibleResources, type Account, type Resource,
} from '../state';
import * as T from '../texts';
import { bool, paginate, param, str, type ApiContext, type Route } from './util';

/** Which resource fields each SEARCHCOLUMN looks at (IPADDRESS = PAM360's "DNS Name / IP Address"). */
const COLUMNS: Record<string, (r: Resource) => string[]> = {
  ALL: (r) => [r.name, r.type, r.description, r.dnsName, r.ip, r.department, r.location, r.domainName ?? '', r.url ?? ''],
  RESOURCENAME: (r) => [r.name],
  RESOURCE_TYPE: (r) => [r.type],
  OPERATINGSYSTEM: (r) => [r.type],
  RESOURCEDESC: (r) => [r.description],
  IPADDRESS: (r) => [r.dnsName, r.ip],
  DEPARTMENT: (r) => [r.department],
  LOCATION: (r) => [r.location],
  DOMAINNAME: (r) => [r.domainName ?? ''],
  RESOURCEURL: (r) => [r.url ?? ''],
};

function listResources(ctx: ApiContext) {
  const { state, user, org } = ctx;
  const view = str(ctx, 'VIEWTYPE').toUpperCase() || 'ALLMYPASSWORD';
  const accountsOf = (r: Resource) => visibleAccounts(state, user, r);
  let list = visibleResources(state, user, org);
  if (view === 'WINDOWSRDPPASSWORD') list = list.filter((r) => accountsOf(r).some((a) => a.autologon.includes('Windows Remote Desktop')));
  if (view === 'LINUXSSHPASSWORD') list = list.filter((r) => accountsOf(r).some((a) => a.autologon.includes('SSH')));
  if (view === 'FAVOURITEPASSWORD') list = list.filter((r) => accountsOf(r).some((a) => a.favourite));
  if (view === 'RECENTLYACCESSEDPASSWORD') {
    list = list.filter((r) => state.audit.some((e) => e['Resource Name'] === r.name && lower(e['User Name']) === lower(user.username)));
  }
  const needle = lower(str(ctx, 'SEARCHVALUE').trim());
  if (needle) {
    const column = str(ctx, 'SEARCHCOLUMN').toUpperCase() || 'ALL';
    const byAccount = str(ctx, 'SEARCHTYPE').toUpperCase() === 'ACCOUNT' || column === 'LOGINNAME';
    const fields = COLUMNS[column]; // unknown columns (e.g. COLUMN_CHARn, unseeded) match nothing
    list = list.filter((r) =>
      byAccount
        ? accountsOf(r).some((a) => lower(a.name).includes(needle))
        : (fields?.(r) ?? []).some((v) => lower(v).includes(needle)),
    );
  }
  list.sort((a, b) => lower(a.name).localeCompare(lower(b.name)));
  const rows = paginate(list, str(ctx, 'STARTINDEX'), str(ctx, 'LIMIT')).map((r) => ({
    'RESOURCE ID': r.id,
    'RESOURCE NAME': r.name,
    'RESOURCE TYPE': r.type,
    'RESOURCE DESCRIPTION': r.description,
    NOOFACCOUNTS: String(accountsOf(r).length),
  }));
  return success('GET RESOURCES', T.OK.resources, rows, list.length);
}

/** Resource names resolve case-insensitively among the resources the user can see [I]. */
function resourceByName(ctx: ApiContext, name: string): Resource | undefined {
  return visibleResources(ctx.state, ctx.user, ctx.org).find((r) => lower(r.name) === lower(name.trim()));
}

function resourceById(ctx: ApiContext, id: string): Resource | undefined {
  return visibleResources(ctx.state, ctx.user, ctx.org).find((r) => r.id === id);
}

function resolveIds(ctx: ApiContext) {
  const name = 'GET RESOURCEACCOUNTID';
  const rName = param(ctx, 'RESOURCENAME');
  const aName = param(ctx, 'ACCOUNTNAME');
  const r = resourceByName(ctx, rName);
  if (!r) return failed(name, T.resourceNotFound(rName));
  if (!aName) return success(name, T.OK.ids, { RESOURCEID: r.id });
  const a = visibleAccounts(ctx.state, ctx.user, r).find((x) => lower(x.name) === lower(aName.trim()));
  if (!a) return failed(name, T.accountNotFound(aName));
  return success(name, T.OK.ids, { RESOURCEID: r.id, ACCOUNTID: a.id });
}

function resourceIdByName(ctx: ApiContext) {
  const rName = ctx.params[0] ?? '';
  const r = resourceByName(ctx, rName);
  return r ? success('GET RESOURCEID', T.OK.resourceId, { RESOURCEID: r.id }) : failed('GET RESOURCEID', T.resourceNotFound(rName));
}

/** Response shape [I]: research documents the route, not its Details. */
function resourceTypes(ctx: ApiContext) {
  const types = [...new Set(ctx.state.resources.filter((r) => r.org === ctx.org.urlName).map((r) => r.type))].sort();
  return success('GET RESOURCE TYPES', T.OK.resourceTypes, types.map((t, i) => ({ 'RESOURCE TYPE ID': String(i + 1), 'RESOURCE TYPE': t })));
}

function accountRow(ctx: ApiContext, a: Account) {
  return {
    'ACCOUNT ID': a.id,
    'ACCOUNT NAME': a.name,
    ACCOUNT_DESCRIPTION: a.description,
    PASSWDID: a.passwdId,
    'PASSWORD STATUS': passwordStatus(ctx.state, ctx.user, a),
    'ACCOUNT PASSWORD POLICY': 'Strong',
    ISFAVPASS: bool(a.favourite),
    AUTOLOGONLIST: [...a.autologon],
    AUTOLOGONSTATUS: a.autologonStatus,
    ISREASONREQUIRED: bool(a.reasonRequired),
    IS_TICKETID_REQD: bool(a.ticketRequired),
    IS_TICKETID_REQD_MANDATORY: bool(a.ticketMandatory),
    IS_TICKETID_REQD_ACW: bool(a.ticketRequiredAcw),
    PASSWORDREQUEST_REASON_MANDATORY: bool(a.accessControl && a.reasonRequired),
    ISREMOTEAPPONLY: 'false',
    IS_COMMAND_CONTROL_CONFIGURED: 'false',
    IS_USER_WITH_COMMAND_CONTROL_ROLE: 'false',
    IS_TOTP_CONFIGURED: 'false',
  };
}

function accountList(ctx: ApiContext) {
  const name = 'GET RESOURCE ACCOUNTLIST';
  const r = resourceById(ctx, ctx.params[0] ?? '');
  if (!r) return failed(name, T.RESOURCE_ID_NOT_FOUND);
  const needle = lower(str(ctx, 'SEARCHVALUE').trim());
  const accounts = visibleAccounts(ctx.state, ctx.user, r).filter((a) => !needle || lower(a.name).includes(needle));
  return success(name, T.OK.accountList, {
    'RESOURCE ID': r.id,
    'RESOURCE NAME': r.name,
    'RESOURCE TYPE': r.type,
    'RESOURCE DESCRIPTION': r.description,
    'DNS NAME': r.dnsName,
    'DOMAIN NAME': r.domainName ?? '',
    'RESOURCE URL': r.url ?? '',
    'RESOURCE OWNER': r.owner,
    'RESOURCE PASSWORD POLICY': 'Strong',
    DEPARTMENT: r.department,
    LOCATION: r.location,
    'CUSTOM FIELD': [
      { CUSTOMFIELDLABEL: 'IP Address', CUSTOMFIELDVALUE: r.ip, CUSTOMFIELDTYPE: 'Character', CUSTOMFIELDCOLUMNNAME: 'COLUMN_CHAR1' },
    ],
    PASSWORDREQUEST_REASON_MANDATORY: 'false',
    ALLOWOPENURLINBROWSER: bool(Boolean(r.url)),
    NEWSSHTERMINAL: bool(r.newSshTerminal),
    ISRDPRESTRICTED: bool(r.rdpRestricted),
    IS_SSH_RESTRICTED: bool(r.sshRestricted),
    IS_LOCAL_ACCOUNTS_AUTOLOGON_RESTRICTED: bool(r.localAccountsAutologonRestricted),
    'ACCOUNT LIST': paginate(accounts, str(ctx, 'STARTINDEX'), str(ctx, 'LIMIT')).map((a) => accountRow(ctx, a)),
  });
}

function accountDetails(ctx: ApiContext) {
  const name = 'GET RESOURCE ACCOUNT DETAILS';
  const [rid = '', aid = ''] = ctx.params;
  const a = ctx.state.accounts.find((x) => x.id === aid && x.resourceId === rid);
  if (!a || !resourceById(ctx, rid) || accountAccess(ctx.state, ctx.user, a) === 'none') return failed(name, T.NO_SUCH_ACCOUNT);
  return success(name, T.OK.accountDetails, {
    DESCRIPTION: a.description,
    PASSWDID: a.passwdId,
    'PASSWORD STATUS': passwordStatus(ctx.state, ctx.user, a),
    'PASSWORD POLICY': 'Strong',
    'LAST ACCESSED TIME': a.lastAccessed ?? 'N/A',
    'LAST MODIFIED TIME': a.lastModified ?? 'N/A',
    'EXPIRY STATUS': 'Valid',
    'COMPLIANT STATUS': 'Compliant',
    'COMPLIANT REASON': '',
    PASSWORDREQUEST_REASON_MANDATORY: bool(a.accessControl && a.reasonRequired),
    IS_TOTP_CONFIGURED: 'false',
  });
}

export const resourceRoutes: Route[] = [
  { method: 'GET', pattern: /^resources$/, name: 'GET RESOURCES', handler: listResources },
  { method: 'GET', pattern: /^resources\/getResourceIdAccountId$/, name: 'GET RESOURCEACCOUNTID', handler: resolveIds },
  { method: 'GET', pattern: /^resources\/resourcetypes$/, name: 'GET RESOURCE TYPES', handler: resourceTypes },
  { method: 'GET', pattern: /^resources\/resourcename\/(.+)$/, name: 'GET RESOURCEID', handler: resourceIdByName },
  { method: 'GET', pattern: /^resources\/([^/]+)\/accounts$/, name: 'GET RESOURCE ACCOUNTLIST', handler: accountList },
  { method: 'GET', pattern: /^resources\/([^/]+)\/accounts\/([^/]+)$/, name: 'GET RESOURCE ACCOUNT DETAILS', handler: accountDetails },
];
