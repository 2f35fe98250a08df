/**
 * Labels shared by the server views (views.ts) and the page script (client.js gets them as
 * `VIEWS`), so both build the same tabs, header actions and change stages.
 */
export const VIEWS = {
  /** Detail-page tabs: [tabid / hash, label]; the first is the default tab. */
  tabs: {
    request: [
      ['requestDetails', 'Details'],
      ['tasks', 'Tasks'],
      ['Conversation', 'Conversations'],
      ['worklog', 'Work Logs'],
      ['history', 'History'],
    ],
    change: [
      ['changeDetails', 'Details'],
      ['approvals', 'Approvals'],
      ['tasks', 'Tasks'],
      ['worklog', 'Work Logs'],
      ['history', 'History'],
    ],
  },
  /** Buttons in the header's `.right` area, per tab (SDP re-renders them on tab switch). */
  actions: {
    requestDetails: ['Edit', 'Reply', 'Forward', 'Close'],
    changeDetails: ['Edit', 'Close Change'],
    approvals: ['Submit for Approval'],
    tasks: ['New Task'],
    Conversation: ['Reply', 'Forward'],
    worklog: ['Add Work Log'],
    history: [],
  },
  /** SDP's change stages in order: [internal_name, name]; stage_index is 1-based. */
  stages: [
    ['submission', 'Submission'],
    ['planning', 'Planning'],
    ['approval', 'CAB Evaluation'],
    ['implementation', 'Implementation'],
    ['uat', 'UAT'],
    ['release', 'Release'],
    ['review', 'Review'],
    ['close', 'Close'],
  ],
} as const satisfies {
  tabs: Record<'request' | 'change', readonly (readonly [string, string])[]>;
  actions: Record<string, readonly string[]>;
  stages: readonly (readonly [string, string])[];
};
