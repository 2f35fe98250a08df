/**
 * The PAM360 REST client; runs only in the background service worker (design.md rule 1).
 *
 * Deliberately has NO method that calls `/password` (GET or PUT): the extension must never
 * retrieve or change a password (design.md "PAM360 facts"). Sessions are launched by PAM360
 * itself, with credentials that stay server-side.
 */
import type { PamErrorKind } from '@/utils/messaging/protocol';
import { Pam360Error } from './errors';
import { parseDetails, soundsNotFound, type FailureMapper } from './envelope';
import { findResourcesForMachine } from './find-machine';
import { resourceTypeNames, toAccountDetails, toResourceSummary, toResourceWithAccounts } from './normalise';
import {
  accountDetailsSchema,
  helpDeskDetailsSchema,
  requestPasswordSchema,
  resolveIdsSchema,
  resourceAccountsSchema,
  resourceIdSchema,
  resourceListSchema,
} from './schemas';
import { createTransport, idSegment, pathSegment, type TransportOptions } from './transport';
import type { AccountDetails, ResourceQuery, ResourceSummary, ResourceWithAccounts } from './types';

/** Options of `createPam360Client`; `sleep` only matters to tests (retry backoff). */
export type Pam360ClientOptions = TransportOptions;

export interface Pam360Client {
  /** Connection test: GET resources/resourcetypes, else GET resources LIMIT 1 (research §2.11, §7.1). */
  ping(): Promise<{ resourceTypes: string[] }>;
  /** How many resources the token's user sees (GET resources, LIMIT 1 → totalRows). */
  countResources(): Promise<number>;
  /** One page of GET resources with a SEARCHCOLUMN/SEARCHVALUE (0-based STARTINDEX). */
  searchResources(query: ResourceQuery): Promise<{ total: number; resources: ResourceSummary[] }>;
  /** Exact matches (name / DNS name / IP / short host name) for a machine named on a ticket. */
  findResourcesForMachine(name: string): Promise<ResourceSummary[]>;
  /** getResourceIdAccountId: names → IDs. Unknown names throw kind 'not-found'. */
  resolveIds(resourceName: string, accountName: string): Promise<{ resourceId: string; accountId: string }>;
  /** resources/resourcename/{name} → resource ID. */
  resourceIdByName(name: string): Promise<string>;
  /** The resource, its accounts, their access state and launchable protocols. */
  resourceWithAccounts(resourceId: string): Promise<ResourceWithAccounts>;
  /** One account's details (status, policy, times); never its password. */
  accountDetails(resourceId: string, accountId: string): Promise<AccountDetails>;
  /**
   * PAM360's own ticket pre-check (undocumented validateHelpDeskID, research §2.8).
   * Throws 'ticket-rejected' (PAM360's message), 'reason-required' (STATUSCODE 3) or
   * 'unsupported' (HTTP 404: the server has no such check).
   */
  validateHelpDeskId(accountId: string, input: { reason: string; ticketId: string }): Promise<{ ok: true }>;
  /** Raises an access request ("now"); never retried. Returns the status PAM360 reports. */
  requestAccess(accountId: string, input: { reason: string; ticketId?: string }): Promise<{ status: string }>;
}

const notFoundOnLookup: FailureMapper = (message) => (soundsNotFound(message) ? 'not-found' : undefined);

/** Creates a client for one server/token source. No request is made until a method is called. */
export function createPam360Client(options: Pam360ClientOptions): Pam360Client {
  const call = createTransport(options);

  async function searchResources(query: ResourceQuery): Promise<{ total: number; resources: ResourceSummary[] }> {
    const input: Record<string, string> = {
      STARTINDEX: String(Math.max(0, Math.floor(query.startIndex ?? 0))),
      LIMIT: String(Math.max(1, Math.floor(query.limit ?? 50))),
    };
    const value = query.value.trim();
    if (value) Object.assign(input, { SEARCHTYPE: 'RESOURCE', SEARCHCOLUMN: query.column ?? 'ALL', SEARCHVALUE: value });
    const envelope = await call({ method: 'GET', path: 'resources', input });
    // With zero rows PAM360 omits Details altogether (research §2.1).
    if (envelope.Details === undefined) return { total: envelope.totalRows ?? 0, resources: [] };
    const rows = parseDetails(resourceListSchema, envelope.Details, 'GET RESOURCES');
    const resources = rows.map(toResourceSummary);
    return { total: envelope.totalRows ?? resources.length, resources };
  }

  // A client serves one operation (connection.ts): a resource read twice in it (its DNS-name check,
  // then its accounts) is fetched once. A failed read is not kept.
  const accountLists = new Map<string, Promise<ResourceWithAccounts>>();
  function resourceWithAccounts(resourceId: string): Promise<ResourceWithAccounts> {
    let pending = accountLists.get(resourceId);
    if (!pending) {
      pending = fetchResourceWithAccounts(resourceId);
      accountLists.set(resourceId, pending);
      pending.catch(() => accountLists.delete(resourceId));
    }
    return pending;
  }

  async function fetchResourceWithAccounts(resourceId: string): Promise<ResourceWithAccounts> {
    const envelope = await call({
      method: 'GET',
      path: `resources/${idSegment(resourceId, 'resource ID')}/accounts`,
      onFailed: notFoundOnLookup,
    });
    const raw = parseDetails(resourceAccountsSchema, envelope.Details, 'GET RESOURCE ACCOUNTLIST');
    return toResourceWithAccounts(raw, resourceId);
  }

  return {
    async ping() {
      try {
        const envelope = await call({ method: 'GET', path: 'resources/resourcetypes' });
        return { resourceTypes: resourceTypeNames(envelope.Details) };
      } catch (error) {
        // Research §7.1 names GET resources (LIMIT 1) as the other probe. Used when resource
        // types are refused (role, [U]) or absent (404): every user may list their resources.
        // Auth, network and malformed answers are the verdict already.
        const refused =
          error instanceof Pam360Error && (error.kind === 'failed' || (error.kind === 'unexpected' && error.httpStatus === 404));
        if (!refused) throw error;
        await call({ method: 'GET', path: 'resources', input: { STARTINDEX: '0', LIMIT: '1' } });
        return { resourceTypes: [] };
      }
    },

    async countResources() {
      const envelope = await call({ method: 'GET', path: 'resources', input: { STARTINDEX: '0', LIMIT: '1' } });
      if (envelope.Details === undefined) return 0;
      if (envelope.totalRows != null) return envelope.totalRows;
      return parseDetails(resourceListSchema, envelope.Details, 'GET RESOURCES').length;
    },

    searchResources,

    findResourcesForMachine: (name) => findResourcesForMachine({ searchResources, resourceWithAccounts }, name),

    async resolveIds(resourceName, accountName) {
      const envelope = await call({
        method: 'GET',
        path: 'resources/getResourceIdAccountId',
        query: { RESOURCENAME: resourceName, ACCOUNTNAME: accountName },
        onFailed: notFoundOnLookup,
      });
      const ids = parseDetails(resolveIdsSchema, envelope.Details, 'getResourceIdAccountId');
      return { resourceId: ids.RESOURCEID, accountId: ids.ACCOUNTID };
    },

    async resourceIdByName(name) {
      const envelope = await call({
        method: 'GET',
        path: `resources/resourcename/${pathSegment(name, 'resource name')}`,
        onFailed: notFoundOnLookup,
      });
      return parseDetails(resourceIdSchema, envelope.Details, 'resourcename').RESOURCEID;
    },

    resourceWithAccounts,

    async accountDetails(resourceId, accountId) {
      const envelope = await call({
        method: 'GET',
        path: `resources/${idSegment(resourceId, 'resource ID')}/accounts/${idSegment(accountId, 'account ID')}`,
        onFailed: notFoundOnLookup,
      });
      return toAccountDetails(parseDetails(accountDetailsSchema, envelope.Details, 'GET RESOURCE ACCOUNT DETAILS'));
    },

    async validateHelpDeskId(accountId, input) {
      const onFailed: FailureMapper = (_message, envelope): PamErrorKind => {
        const details = helpDeskDetailsSchema.safeParse(envelope.Details);
        const code = details.success ? details.data.STATUSCODE : undefined;
        return code != null && String(code).trim() === '3' ? 'reason-required' : 'ticket-rejected';
      };
      try {
        await call({
          method: 'GET',
          path: `accounts/${idSegment(accountId, 'account ID')}/validateHelpDeskID`,
          input: { REASON: input.reason, TICKETID: input.ticketId },
          onFailed,
        });
        return { ok: true };
      } catch (error) {
        // Servers without the (undocumented) pre-check answer 404. We do not guess from
        // Failed messages: calling a real rejection "unsupported" would let a bad ticket through.
        if (error instanceof Pam360Error && error.httpStatus === 404 && !isAuthKind(error.kind)) {
          throw new Pam360Error('unsupported', { detail: 'validateHelpDeskID answered HTTP 404', httpStatus: 404 });
        }
        throw error;
      }
    },

    async requestAccess(accountId, input) {
      const details: Record<string, string> = { REASON: input.reason };
      if (input.ticketId) details.TICKETID = input.ticketId;
      details.ACCESS = 'now';
      const envelope = await call({
        method: 'POST',
        path: `accounts/${idSegment(accountId, 'account ID')}/requestpassword`,
        input: details,
        onFailed: (message) => (/can['’]?t be raised|cannot be raised|ticket/i.test(message) ? 'ticket-rejected' : undefined),
      });
      // The request is already submitted: an odd Details shape must not turn it into an error.
      const parsed = requestPasswordSchema.safeParse(envelope.Details);
      const status = parsed.success ? parsed.data.STATUS : '';
      return { status: status || envelope.result.message?.trim() || '' };
    },
  };
}

function isAuthKind(kind: PamErrorKind): boolean {
  return kind === 'bad-token' || kind === 'host-not-allowed';
}
