/**
 * Input types of the ServiceNow page renderer. `SnRecord` is the **Table API JSON** of one record
 * with `sysparm_display_value=all` (research/itsm-portals.md §2.4): every field is
 * `{value, display_value}`, references add `link`. It is what
 * `GET /api/now/table/<table>/<sys_id>?sysparm_display_value=all` answers under `result`, so the
 * ServiceNow API stand-in imports it too and the pages and the API always describe the same record.
 */

/** One field with `sysparm_display_value=all`. Values are strings, empty string when empty. */
export interface SnField {
  value: string;
  display_value: string;
}

/** A reference field: `value` is the referenced sys_id, `link` the API URL of that record. */
export interface SnReference extends SnField {
  link?: string;
}

/** The five ticket tables the pages render (other tables are out of scope for the adapter). */
export type SnTable = 'incident' | 'change_request' | 'sc_req_item' | 'sc_task' | 'problem';

export interface SnRecord {
  sys_id: SnField;
  number: SnField;
  short_description: SnField;
  /** Numeric choice value ('2', '-1', …) with its label as display_value. */
  state: SnField;
  /** 'not requested' | 'requested' | 'approved' | 'rejected' | … with labels. */
  approval: SnField;
  /** 'true' | 'false'. */
  active: SnField;
  assigned_to: SnReference;
  assignment_group?: SnReference;
  cmdb_ci: SnReference;
  /** Change window ('YYYY-MM-DD HH:mm:ss' in value, user format in display_value). */
  start_date?: SnField;
  end_date?: SnField;
  /** The record's table (class), e.g. 'sc_task'. */
  sys_class_name: SnField;
  /** Any other field the forms show: caller_id, type, stage, request, request_item, … */
  [field: string]: SnField | SnReference | undefined;
}

/** `window.g_user` on classic pages (research §2.2), and the `NOW.user` shape we assume [I]. */
export interface SnPageUser {
  userName: string;
  /** sys_user sys_id. */
  userID: string;
  firstName: string;
  lastName: string;
  roles?: string[];
}

/** What every signed-in page needs. */
export interface SessionOptions {
  user: SnPageUser;
  /** The session's CSRF token: `window.g_ck` and the forms' hidden `sysparm_ck` input. */
  token: string;
}

export interface ClassicFormOptions extends SessionOptions {
  /** Table of the form; default `record.sys_class_name.value`. */
  table?: SnTable;
  /** false: the form header has no `.navbar-right` (and so no UI-action span) → adapter fallback. */
  navbarRight?: boolean;
  /** Rows of the "Affected CIs" related list (task_ci); no list when absent. */
  affectedCis?: { sys_id: string; name: string; className?: string }[];
}

/** Another record the workspace links to (a "Recent" list in the workspace sidebar). */
export interface SnRecordLink {
  table: SnTable;
  sys_id: string;
  number: string;
  short_description?: string;
}

export interface WorkspaceOptions extends SessionOptions {
  /** The workspace URL segment: 'sow' (default) or another workspace path like 'cwf/agent'. */
  workspace?: string;
  /** true: forms render without the UI-action bar (forces the adapter's floating fallback). */
  noActionBar?: boolean;
  /** Links in the sidebar; clicking one fetches that record and opens or activates its tab. */
  links?: SnRecordLink[];
  /**
   * How long the workspace takes to tear down and rebuild a form after a switch: a fixed number
   * of ms, or [min, max] for a random delay each time. Default [50, 200].
   */
  rebuildMs?: number | [number, number];
}
