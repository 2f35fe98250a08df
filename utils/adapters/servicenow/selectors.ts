/**
 * Every ServiceNow DOM hook the adapter uses, in one place (refined-github `selectors.ts` style):
 * ordered alternatives, newest layout first, each naming the UI/release it is for, its source
 * ([C] confirmed in code that runs against ServiceNow, [P] practitioner scripts, [I] our guess; see
 * research/itsm-portals.md §2.2–2.3) and when it can go. Fixture pages: test/fixtures/servicenow/.
 * When a selector breaks, update the stand-in renderer with it and regenerate the fixtures.
 */

export interface Anchor {
  selector: string;
  position: 'prepend' | 'after' | 'before';
  style: 'header' | 'panel';
}

// ---- Classic UI16 form (`<table>.do?sys_id=…`, top-level or inside iframe#gsft_main) ----------

/**
 * First match in document order wins. The form header comes before anything else on a UI16
 * form (related lists render below the form), so the first `.navbar-right` is the form's.
 */
export const CLASSIC_ANCHORS: readonly Anchor[] = [
  // UI16 form header (all UI16 releases): the right-hand area with the paperclip and the UI
  // actions. SN Utils inserts its button there too [C]. Remove when: UI16 forms are unsupported.
  { selector: '.navbar-right', position: 'prepend', style: 'header' },
  // Headers whose actions sit outside `.navbar-right` (customised or future headers): the UI
  // action span itself [C: class name]. Remove with the first alternative.
  { selector: '.navbar_ui_actions', position: 'prepend', style: 'header' },
  // Minimal header without actions (read-only views/roles): after the title [C: SN Utils
  // appends to h1.navbar-title]. Remove with the first alternative.
  { selector: 'h1.navbar-title', position: 'after', style: 'header' },
  // No form header at all: the bottom button row [C: class name]. Last resort before floating.
  { selector: '.form_action_button_container', position: 'prepend', style: 'panel' },
];

/** The form has rendered: its record's sys_id in a hidden input [C]. Absent → still loading. */
export const CLASSIC_SYS_ID = 'sys_uniqueValue';

/** Element ids for a table (ids contain dots, so they go through getElementById, not CSS). */
export const classicIds = (table: string) => ({
  // Read-only number box first (the default form makes number read-only), then the field [C].
  number: [`sys_readonly.${table}.number`, `${table}.number`],
  title: [`${table}.short_description`], // plain field id pattern [C]
  ci: `sys_display.${table}.cmdb_ci`, // reference display box [C for caller_id; same pattern, I]
});

/** Affected CIs related list (task_ci), CI name links in its rows [I: markup unverified]. */
export const CLASSIC_AFFECTED_CIS = 'table[id$=".task_ci.task_table"] tr.list_row a.formlink';

// ---- Workspaces (Next Experience: SOW and configurable workspaces) ------------------------------

/**
 * The record form component. Its `table` / `nowRecordFormBlob.sysId` are JS properties [C],
 * invisible to an isolated-world content script, so we take the *visible* form instead.
 */
export const WS_FORMS = [
  // Next Experience workspaces (SOW and other UI Builder workspaces): SN Utils finds forms by
  // this tag [C]. Remove when: ServiceNow renames the form component.
  'sn-form-data-connected',
  // Agent Workspace (pre-Next Experience; ServiceNow is retiring it): workspace scripts reach
  // the form as now-record-form-connected [P]. Remove when: Agent Workspace is unsupported.
  'now-record-form-connected',
] as const;

/**
 * The form's UI-action bar (Save, Resolve, …); rebuilt with the form for each record, so it never
 * carries one record's toolbar over to the next.
 */
export const WS_ACTION_BARS: readonly Anchor[] = [
  // Next Experience workspaces [C: SN Utils]. A plain div: we go in front of the buttons.
  // Remove with sn-form-data-connected.
  { selector: '.uiaction-bar-wrapper', position: 'prepend', style: 'header' },
  // Agent Workspace header action bar [P]. A component with its own shadow root and no slot
  // known, so a child would not render: we go in front of it. Remove with now-record-form-connected.
  { selector: 'now-record-common-uiactionbar', position: 'before', style: 'header' },
];

/**
 * Field values inside the form. Field components carry their field name as a `name` attribute
 * and the native inputs inside them do too [P: workspace userscripts query
 * `sn-record-reference-connected[name=…]` and `input[name="short_description"]`].
 */
export const WS_NUMBER = 'input[name="number"]';
export const WS_TITLE = 'input[name="short_description"], textarea[name="short_description"]';
/** The CI reference field; its inner typeahead input shows the display value [P element, I input]. */
export const WS_CI = 'sn-record-reference-connected[name="cmdb_ci"]';
/** Fallback for the number: a heading in the form header that contains a record number [I]. */
export const WS_HEADINGS = 'h1, h2';

