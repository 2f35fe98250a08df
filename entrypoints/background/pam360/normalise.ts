/**
 * Raw PAM360 Details (schemas.ts) → the camelCase shapes of types.ts. Pure.
 */
import type * as z from 'zod';
import { launchProtocols } from './protocols';
import type { AccountRow, ResourceAccountsRaw, accountDetailsSchema, resourceRowSchema } from './schemas';
import type { AccountAccess, AccountDetails, Pam360Account, Pam360Resource, ResourceSummary, ResourceWithAccounts } from './types';

/**
 * Access state from PASSWORD STATUS, as the vendor extension branches on it (research §2.3).
 * "[Check In]" is tested first: "****[Check In]" means checked out by me, not merely viewable.
 * Case, spacing and the brackets are not trusted ("[CheckOut]", "Waiting for approval").
 */
export function accessFromStatus(passwordStatus: string): AccountAccess {
  const status = passwordStatus.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*([[\]])\s*/g, '$1');
  if (/\[check ?in\]$/.test(status)) return 'checked-out-by-me';
  if (/^\*+$/.test(status)) return 'viewable';
  if (/^#+$/.test(status)) return 'autologon-only';
  const word = status.replace(/^\[(.*)\]$/, '$1');
  if (word === 'request') return 'request';
  if (word === 'waiting for approval') return 'waiting-for-approval';
  if (word === 'check out' || word === 'checkout') return 'check-out';
  if (status.endsWith('[in use]') || word === 'in use') return 'in-use';
  return 'unknown';
}

/** One GET RESOURCES row. */
export function toResourceSummary(row: z.output<typeof resourceRowSchema>): ResourceSummary {
  const summary: ResourceSummary = {
    id: row['RESOURCE ID'],
    name: row['RESOURCE NAME'],
    type: row['RESOURCE TYPE'],
    description: row['RESOURCE DESCRIPTION'],
    accountCount: Number.parseInt(row.NOOFACCOUNTS, 10) || 0,
  };
  if (row['DNS NAME']) summary.dnsName = row['DNS NAME'];
  return summary;
}

function toResource(raw: ResourceAccountsRaw, requestedId: string): Pam360Resource {
  return {
    id: raw['RESOURCE ID'] ?? requestedId,
    name: raw['RESOURCE NAME'],
    type: raw['RESOURCE TYPE'],
    description: raw['RESOURCE DESCRIPTION'],
    dnsName: raw['DNS NAME'].trim(),
    domainName: raw['DOMAIN NAME'],
    url: raw['RESOURCE URL'],
    department: raw.DEPARTMENT,
    location: raw.LOCATION,
    newSshTerminal: raw.NEWSSHTERMINAL,
    rdpRestricted: raw.ISRDPRESTRICTED,
    sshRestricted: raw.IS_SSH_RESTRICTED,
    localAutologonRestricted: raw.IS_LOCAL_ACCOUNTS_AUTOLOGON_RESTRICTED,
    reasonMandatory: raw.PASSWORDREQUEST_REASON_MANDATORY,
  };
}

function toAccount(row: AccountRow, resource: Pam360Resource): Pam360Account {
  return {
    id: row['ACCOUNT ID'],
    name: row['ACCOUNT NAME'],
    description: row.ACCOUNT_DESCRIPTION,
    passwdId: row.PASSWDID,
    passwordStatus: row['PASSWORD STATUS'],
    access: accessFromStatus(row['PASSWORD STATUS']),
    autologonList: row.AUTOLOGONLIST,
    autologonAllowed: row.AUTOLOGONSTATUS.trim().toUpperCase() === 'ALLOWED',
    reasonRequired: row.ISREASONREQUIRED,
    ticketRequired: row.IS_TICKETID_REQD,
    ticketMandatory: row.IS_TICKETID_REQD_MANDATORY,
    ticketRequiredForAccessRequest: row.IS_TICKETID_REQD_ACW,
    reasonRequiredForAccessRequest: row.PASSWORDREQUEST_REASON_MANDATORY || resource.reasonMandatory,
    remoteAppOnly: row.ISREMOTEAPPONLY,
    protocols: launchProtocols(row.AUTOLOGONLIST, resource),
  };
}

/** GET RESOURCE ACCOUNTLIST Details → resource + accounts with access and protocols. */
export function toResourceWithAccounts(raw: ResourceAccountsRaw, requestedId: string): ResourceWithAccounts {
  const resource = toResource(raw, requestedId);
  return { resource, accounts: raw['ACCOUNT LIST'].map((row) => toAccount(row, resource)) };
}

/** GET RESOURCE ACCOUNT DETAILS Details. */
export function toAccountDetails(raw: z.output<typeof accountDetailsSchema>): AccountDetails {
  return {
    description: raw.DESCRIPTION,
    passwdId: raw.PASSWDID,
    passwordStatus: raw['PASSWORD STATUS'],
    access: accessFromStatus(raw['PASSWORD STATUS']),
    passwordPolicy: raw['PASSWORD POLICY'],
    lastAccessedTime: raw['LAST ACCESSED TIME'],
    lastModifiedTime: raw['LAST MODIFIED TIME'],
    expiryStatus: raw['EXPIRY STATUS'],
    compliantStatus: raw['COMPLIANT STATUS'],
    compliantReason: raw['COMPLIANT REASON'],
    reasonMandatory: raw.PASSWORDREQUEST_REASON_MANDATORY,
    totpConfigured: raw.IS_TOTP_CONFIGURED,
  };
}

/**
 * Names from GET resources/resourcetypes. The Details shape is not in our sources ([U]):
 * accept strings or objects with a type-name key, and never fail the connection test on it.
 */
export function resourceTypeNames(details: unknown): string[] {
  const rows = Array.isArray(details)
    ? details
    : details && typeof details === 'object'
      ? Object.values(details).flatMap((value) => (Array.isArray(value) ? value : []))
      : [];
  const names = rows.map((row) => {
    if (typeof row === 'string') return row;
    if (!row || typeof row !== 'object') return '';
    const entry = Object.entries(row).find(([key, value]) => /^(resource ?type( ?name)?|name)$/i.test(key) && typeof value === 'string');
    return entry ? String(entry[1]) : '';
  });
  return [...new Set(names.map((name) => name.trim()).filter(Boolean))];
}
