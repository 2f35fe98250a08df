/**
 * What each portal's own web UI adds to its same-origin API calls, so a call made inside the
 * portal tab with the technician's session looks like the portal's own (auth.type 'session').
 * Plain data: it is passed as an argument into the injected function, which cannot import.
 */
import type { PortalKind } from '@/utils/config/schema';

export interface SessionProfile {
  /** Headers the portal's UI sends with API calls. */
  headers: Record<string, string>;
  /** Query parameters the portal's UI adds to API calls. */
  query?: Record<string, string>;
  /** Double-submit CSRF: copy this cookie's value into this form field on non-GET requests. */
  csrf?: { cookie: string; field: string };
  /**
   * A session token the page holds in a global (ServiceNow's `g_ck`): read it first in the
   * page's MAIN world of the same frame, then send it in this header on every call. It is read
   * per request, only ever sent to the same origin, and never stored.
   */
  tokenHeader?: string;
  tokenFrom?: 'main-world';
}

/** Headers every call to the portal's API carries, whatever the auth mode. */
export const API_HEADERS: Partial<Record<PortalKind, Record<string, string>>> = {
  // One SDP Cloud integration got HTTP 415 with Accept: */* (research/itsm-portals.md §1.4).
  sdp: { Accept: 'application/vnd.manageengine.sdp.v3+json' },
  servicenow: { Accept: 'application/json' },
};

export const SESSION_PROFILES: Partial<Record<PortalKind, SessionProfile>> = {
  // SDP's sdpAjax: APICLIENT for /api/v3 calls, SUBREQUEST=XMLHTTP, and sdpcsrfparam = cookie
  // sdpcsrfcookie on non-GET (research/itsm-portals.md §1.5). SUBREQUEST goes in the query, as
  // scripts replaying SDP's own /api/v3 calls send it.
  sdp: {
    headers: { APICLIENT: 'sdp_web' },
    query: { SUBREQUEST: 'XMLHTTP' },
    csrf: { cookie: 'sdpcsrfcookie', field: 'sdpcsrfparam' },
  },
  // ServiceNow's UI: cookies plus X-UserToken = g_ck on every /api/now call (research §2.5).
  servicenow: {
    headers: {},
    tokenHeader: 'X-UserToken',
    tokenFrom: 'main-world',
  },
};
