/**
 * Input types of the SDP portal page renderer. SdpRequest / SdpChange (and the small task, asset
 * and problem shapes) are the ServiceDesk Plus **v3 API JSON shapes** (research/itsm-portals.md
 * §1.4): what `GET /api/v3/requests/{id}` answers under `request`, and `/api/v3/changes/{id}`
 * under `change`. IDs are strings. The SDP API stand-in imports these too, so the page and the
 * API always describe the same ticket.
 */

/** `{id, name}` objects: status, approval_status, request_type, site, group, assets. */
export interface SdpNamed {
  id?: string;
  name: string;
}

export interface SdpUserRef {
  id: string;
  name: string;
  email_id?: string;
  login_name?: string;
}

export interface SdpRequest {
  id: string;
  display_id?: string;
  subject: string;
  status: { id: string; name: string };
  approval_status?: { id: string; name: string };
  technician?: SdpUserRef;
  request_type?: { name: string };
  assets?: { id: string; name: string }[];
  site?: SdpNamed;
  group?: SdpNamed;
  /** `udf_sline_301: "value"` style user-defined fields. */
  udf_fields?: Record<string, string | null>;
}

/** `{value: epoch ms as string, display_value}` as v3 sends date-times. */
export interface SdpTime {
  value: string;
  display_value: string;
}

export interface SdpChange {
  id: string;
  display_id?: string;
  title: string;
  /** internal_name e.g. "implementation"; stage_index 1-based (Submission = 1). */
  stage: { name: string; internal_name: string; stage_index: number };
  status: { name: string };
  approval_status: { name: string };
  change_type?: { name: string };
  change_owner?: SdpUserRef;
  scheduled_start_time?: SdpTime;
  scheduled_end_time?: SdpTime;
  assets?: { id: string; name: string }[];
  configuration_items?: { id?: string; name: string }[];
}

/** Pages that are not tickets for us (fixtures for "detect() says no"). */
export interface SdpTask {
  id: string;
  title: string;
  status: { name: string };
  request?: { id: string; display_id?: string };
}

export interface SdpAsset {
  id: string;
  name: string;
  product_type?: { name: string };
  state?: { name: string };
  ip_address?: string;
}

export interface SdpProblem {
  id: string;
  title: string;
  status: { name: string };
}

/** `window.sdp_user` as SDP on-prem pages define it (§1.2). */
export interface SdpPageUser {
  LOGGEDIN_USERID: string;
  USERNAME: string;
  LOGINNAME: string;
  DOMAINNAME?: string;
  /** "Technician" or "Requester". */
  USERTYPE: string;
  ROLES?: string[];
}

export interface PageOptions {
  user: SdpPageUser;
  /** 'current' (14xxx, data-sdplayoutid) or 'legacy' (#reqid, .details-left h1). Default 'current'. */
  layout?: 'current' | 'legacy';
  /**
   * > 0: serve a skeleton and let the page script fetch the ticket from /api/v3 after this many
   * ms (SDP renders details client-side). Default 0: details in the served HTML.
   */
  lateMs?: number;
  /** `sdp_app.BUILD_NUMBER`. Default 14820 (current) / 11138 (legacy). */
  build?: string;
  /** false: the ticket header has no `.right` action area (forces the adapter's fallback). */
  headerRight?: boolean;
  /** Request pages: a small "other requests" list whose links switch tickets in-app (SPA). */
  otherRequests?: Pick<SdpRequest, 'id' | 'subject' | 'display_id'>[];
}

/** What the page script needs to rebuild views; lives in `window.SDP_STAND_IN`. */
export interface StandInConfig {
  layout: 'current' | 'legacy';
  headerRight: boolean;
  lateMs: number;
}
