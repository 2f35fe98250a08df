/**
 * Every SDP on-prem DOM hook the adapter uses, in one place (refined-github `selectors.ts`
 * style): ordered alternatives, newest layout first, each naming the layout/build it is for and
 * when it can go. Sources: research/itsm-portals.md §1.2–1.3 ([C] for the ids; the placement
 * next to them is our choice). Fixture pages: test/fixtures/sdp/. When a selector breaks, grep
 * this file's users and update the fixtures with it.
 */

export interface Anchor {
  selector: string;
  position: 'prepend' | 'append' | 'after';
  style: 'header' | 'panel';
}

/** Request detail page (`WorkOrder.do?woMode=viewWO`). */
export const REQUEST_ANCHORS: readonly Anchor[] = [
  // Current layout (14xxx+): the header's action area. Remove when: SDP drops #WOHeader.
  { selector: '#WOHeader .right', position: 'prepend', style: 'header' },
  // Current-layout builds/roles whose header has no action area: beside the request id cell.
  // Remove when: every supported build has #WOHeader .right.
  { selector: "td[data-sdplayoutid='display_id']", position: 'after', style: 'header' },
  // Legacy layout (pre-14xxx, e.g. 11138): `#reqid`. Remove when: builds < 14000 are unsupported.
  { selector: '#reqid', position: 'after', style: 'header' },
  // A header with neither an action area nor an id cell (research only promises #WOHeader): its end.
  { selector: '#WOHeader', position: 'append', style: 'header' },
  // Any layout: the right panel that lists assets and SDP's own PAM360 menu. Last resort.
  { selector: '#right-panel-info', position: 'prepend', style: 'panel' },
];

/** Change detail page (`ChangeDetails.do`). The header id is inferred [I]: verify on a live 14xxx. */
export const CHANGE_ANCHORS: readonly Anchor[] = [
  // Current layout (14xxx+): change header action area. Remove when: SDP renames #ChangeHeader.
  { selector: '#ChangeHeader .right', position: 'prepend', style: 'header' },
  // Header without an action area: beside the change id cell.
  { selector: "td[data-sdplayoutid='display_id']", position: 'after', style: 'header' },
  // Right panel (assets, CIs). Last resort.
  { selector: '#right-panel-info', position: 'prepend', style: 'panel' },
];

/** The id as shown. Current layout first; `#reqid` is the legacy request layout. */
export const DISPLAY_ID = ["td[data-sdplayoutid='display_id']", '#reqid'] as const;

/** The title: request subject, change title (current layout), then legacy `.details-left h1`. */
export const TITLE = [
  "[data-sdplayoutid='subject']",
  "[data-sdplayoutid='title']",
  '.details-left h1', // legacy (pre-14xxx). Remove with '#reqid'.
] as const;

/** Machines named on the ticket, read in page order [I: list markup inferred, panel id C]. */
export const TARGETS = [
  '#right-panel-info .rhs-asset', // request and change assets
  '#right-panel-info .rhs-ci', // change configuration items
] as const;

/** SDP is still fetching the ticket (skeleton) [I: the stand-in's loading box]. */
export const LOADING = '#details_loading';

/**
 * Something of the ticket details has rendered (any layout), so a page without our anchors gets
 * the floating panel instead of none: the details container has content, or any [C] details
 * marker is there (layout fields, the details tab, the legacy title block). The change page's
 * markup is not in the research at all, so this is its only fallback.
 */
export const DETAILS = "#details_inner_view > *, [data-sdplayoutid], [tabid='requestDetails'], .details-left";
