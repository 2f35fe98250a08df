/**
 * The ServiceDesk Plus v3 API client (research/itsm-portals.md §1.4–§1.7). Background only:
 * the transport adds authentication (API key header, or the technician's session + CSRF);
 * this module adds the v3 Accept header and PORTALID, speaks `input_data`, and normalises.
 */
import type { Connector } from '@/utils/config/schema';
import type { TicketKind } from '@/utils/tickets/types';
import { ItsmError, type ItsmClient, type ItsmRequest, type ItsmTransport } from '../types';
import { parseAnswer, readAnswer, type CallContext } from './envelope';
import { changeToTicket, requestToTicket, type ResolvedLevel } from './normalise';
import {
  approvalLevelsAnswerSchema,
  approvalsAnswerSchema,
  changeAnswerSchema,
  requestAnswerSchema,
  type SdpApprovalLevel,
} from './schemas';
import { approvalOf, levelFromApprovals } from './states';

/** The Accept header the v3 API documents; some servers answer 415 to a wildcard Accept (§1.4). */
export const SDP_ACCEPT = 'application/vnd.manageengine.sdp.v3+json';

/** SDP API ids are digits (on-prem small, Cloud 15–19 digits, §1.1). */
const ID = /^\d{1,20}$/;

/**
 * Creates the SDP client for one connector. Requests and incidents both live under
 * /api/v3/requests; changes under /api/v3/changes; problems are not supported yet.
 */
export function createSdpClient(connector: Connector, transport: ItsmTransport): ItsmClient {
  const session = connector.auth.type === 'session';

  async function call(request: ItsmRequest, what: string): Promise<unknown> {
    const headers: Record<string, string> = { ...request.headers, Accept: SDP_ACCEPT };
    // Multi-portal on-prem instances route by PORTALID (§1.5); not a secret.
    if (connector.auth.portalId) headers['PORTALID'] = connector.auth.portalId;
    const response = await transport({ ...request, headers });
    const ctx: CallContext = { session, what };
    return readAnswer(response, ctx);
  }

  function checkId(kind: TicketKind, id: string): { module: 'requests' | 'changes'; noun: string } {
    if (kind === 'problem') throw new ItsmError('failed', 'ServiceDesk Plus problems are not supported yet.');
    const module = kind === 'change' ? 'changes' : 'requests';
    const noun = kind === 'change' ? 'change' : 'request';
    // Design rule 6: an id in the wrong format is refused before any call.
    if (!ID.test(id)) throw new ItsmError('not-found', `"${id.slice(0, 40)}" is not a ServiceDesk Plus ${noun} id.`);
    return { module, noun };
  }

  async function getRequest(id: string) {
    const what = `request ${id}`;
    const json = await call({ method: 'GET', path: `/api/v3/requests/${id}` }, what);
    return requestToTicket(connector, parseAnswer(requestAnswerSchema, json, what).request);
  }

  async function getChange(id: string) {
    const what = `change ${id}`;
    const json = await call({ method: 'GET', path: `/api/v3/changes/${id}` }, what);
    const change = parseAnswer(changeAnswerSchema, json, what).change;
    return changeToTicket(connector, change, await approvalLevels(id));
  }

  /**
   * The change's approval levels. A level's own status is authoritative (it applies the level's
   * rule: anyone / everyone / percentage), so its approvers are fetched only when it has none.
   * Builds without the endpoint (404/4007) or technicians without approval rights (403) give
   * no levels: the change's own approval_status then decides.
   */
  async function approvalLevels(changeId: string): Promise<ResolvedLevel[]> {
    const what = `approval levels of change ${changeId}`;
    let levels: SdpApprovalLevel[];
    try {
      const json = await call({ method: 'GET', path: `/api/v3/changes/${changeId}/approval_levels` }, what);
      levels = parseAnswer(approvalLevelsAnswerSchema, json, what).approval_levels;
    } catch (error) {
      if (error instanceof ItsmError && (error.kind === 'not-found' || error.kind === 'forbidden')) return [];
      throw error;
    }
    const resolved: ResolvedLevel[] = [];
    for (const [index, level] of levels.entries()) {
      const name = level.name ?? `Level ${level.level ?? index + 1}`;
      const own = approvalOf(level.status?.name);
      if (own && own !== 'unknown') {
        resolved.push({ name, status: own, rawStatus: level.status!.name });
        continue;
      }
      const path = `/api/v3/changes/${changeId}/approval_levels/${encodeURIComponent(level.id)}/approvals`;
      const json = await call({ method: 'GET', path }, `approvals of ${name} of change ${changeId}`);
      const approvals = parseAnswer(approvalsAnswerSchema, json, `approvals of ${name}`).approvals;
      const statuses = approvals.map((a) => approvalOf(a.status?.name) ?? 'unknown');
      const status = levelFromApprovals(statuses);
      const rawStatus = level.status?.name ?? `${statuses.filter((s) => s === 'approved').length} of ${approvals.length} approved`;
      resolved.push({ name, status, rawStatus });
    }
    return resolved;
  }

  return {
    async getTicket(kind, id) {
      checkId(kind, id);
      return kind === 'change' ? getChange(id) : getRequest(id);
    },

    async ping() {
      // No documented "who am I" endpoint in v3: the cheapest authenticated read is a 1-row list.
      const query = { input_data: JSON.stringify({ list_info: { row_count: 1 } }) };
      await call({ method: 'GET', path: '/api/v3/requests', query }, 'request list');
      return { message: 'Connected to ServiceDesk Plus' };
    },

    async addNote(kind, id, text) {
      const { module, noun } = checkId(kind, id);
      const description = noteHtml(text);
      // Change notes reject show_to_requester with 4001 EXTRA_KEY_FOUND_IN_JSON (§1.7).
      const input =
        module === 'changes'
          ? { note: { description } }
          : { request_note: { description, show_to_requester: false, notify_technician: false } };
      await call(
        { method: 'POST', path: `/api/v3/${module}/${id}/notes`, form: { input_data: JSON.stringify(input) } },
        `${noun} ${id}`,
      );
    },
  };
}

/** Plain text → one escaped HTML paragraph (SDP note descriptions are HTML); newlines → <br>. */
export function noteHtml(text: string): string {
  const escaped = text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
  return `<p>${escaped.replace(/\r\n|\r|\n/g, '<br>')}</p>`;
}
