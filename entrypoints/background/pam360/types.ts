/**
 * What the PAM360 client hands to the rest of the background: camelCase, IDs as strings,
 * booleans as booleans. Never a password: the client has no call that returns one.
 */
import type { LaunchProtocol } from './protocols';

/** One resource from a resource search (GET RESOURCES row). */
export interface ResourceSummary {
  id: string;
  name: string;
  type: string;
  description: string;
  accountCount: number;
  /** DNS name / IP address, when PAM360 included it (list rows usually do not). */
  dnsName?: string;
}

/** Documented SEARCHCOLUMN values of GET RESOURCES (research §2.1). There is no DNS column. */
export type ResourceSearchColumn =
  | 'ALL'
  | 'RESOURCE_TYPE'
  | 'RESOURCENAME'
  | 'RESOURCEDESC'
  | 'IPADDRESS'
  | 'LOGINNAME'
  | 'OPERATINGSYSTEM'
  | 'DEPARTMENT'
  | 'LOCATION'
  | 'DOMAINNAME'
  | 'RESOURCEURL';

export interface ResourceQuery {
  value: string;
  /** Default 'ALL'. */
  column?: ResourceSearchColumn;
  /** 0-based (research §2.1); default 0. */
  startIndex?: number;
  /** Default 50. */
  limit?: number;
}

/** Derived from PASSWORD STATUS (research §2.3). */
export type AccountAccess =
  | 'viewable' // ****
  | 'autologon-only' // #### — retrieval denied, auto-logon may still work
  | 'request' // [Request]
  | 'waiting-for-approval' // [Waiting for approval]
  | 'check-out' // [Check Out] — approved, not yet checked out
  | 'checked-out-by-me' // …[Check In]
  | 'in-use' // [In Use] — checked out by someone else
  | 'unknown'; // anything else (e.g. a file name on download-type resources)

export interface Pam360Resource {
  id: string;
  name: string;
  type: string;
  description: string;
  /** PAM360's "DNS Name / IP Address" field; '' when not set. */
  dnsName: string;
  domainName: string;
  url: string;
  department: string;
  location: string;
  newSshTerminal: boolean;
  rdpRestricted: boolean;
  sshRestricted: boolean;
  localAutologonRestricted: boolean;
  /** PASSWORDREQUEST_REASON_MANDATORY on the resource. */
  reasonMandatory: boolean;
}

export interface Pam360Account {
  id: string;
  name: string;
  description: string;
  passwdId: string;
  /** Raw PASSWORD STATUS (never a password: '****', '[Request]', …). */
  passwordStatus: string;
  access: AccountAccess;
  autologonList: string[];
  /** AUTOLOGONSTATUS is "ALLOWED". */
  autologonAllowed: boolean;
  /** ISREASONREQUIRED. */
  reasonRequired: boolean;
  /** IS_TICKETID_REQD. */
  ticketRequired: boolean;
  /** IS_TICKETID_REQD_MANDATORY (an empty ticket is not accepted). */
  ticketMandatory: boolean;
  /** IS_TICKETID_REQD_ACW (ticket needed to request access). */
  ticketRequiredForAccessRequest: boolean;
  /** PASSWORDREQUEST_REASON_MANDATORY on the account or its resource. */
  reasonRequiredForAccessRequest: boolean;
  remoteAppOnly: boolean;
  protocols: LaunchProtocol[];
}

export interface ResourceWithAccounts {
  resource: Pam360Resource;
  accounts: Pam360Account[];
}

/** GET RESOURCE ACCOUNT DETAILS, normalised (research §2.4). */
export interface AccountDetails {
  description: string;
  passwdId: string;
  passwordStatus: string;
  access: AccountAccess;
  passwordPolicy: string;
  lastAccessedTime: string;
  lastModifiedTime: string;
  expiryStatus: string;
  compliantStatus: string;
  compliantReason: string;
  reasonMandatory: boolean;
  totpConfigured: boolean;
}
