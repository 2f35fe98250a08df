/**
 * Per-connector validation rules: each check required (blocks), warn only, or off. Defaults
 * (design.md / the SDP issue): open, approved change and change window required; "assigned to
 * me" off; PAM360's own ticket check required.
 */
import { rulesSchema, type Rules } from '@/utils/config/schema';

export const DEFAULT_RULES: Rules = rulesSchema.parse({});

const RULE_LABELS: Record<keyof Rules, string> = {
  ticketOpen: 'Ticket is open (not closed, resolved or cancelled)',
  changeApproved: 'Change is approved and in implementation',
  assignedToMe: 'Assigned to me',
  insideChangeWindow: 'Inside the change window',
  targetOnTicket: 'Machine is on the ticket',
  pam360TicketCheck: 'PAM360 accepts the ticket',
};

const MODES: { value: Rules[keyof Rules]; label: string }[] = [
  { value: 'required', label: 'Required' },
  { value: 'warn', label: 'Warn only' },
  { value: 'off', label: 'Off' },
];

export function RulesFields({ rules, onChange }: { rules: Rules; onChange: (rules: Rules) => void }) {
  return (
    <fieldset class="rules">
      <legend>Validation rules</legend>
      <p class="hint">Required rules make a ticket “Not valid for PAM”; warnings are shown but do not block.</p>
      {(Object.keys(RULE_LABELS) as (keyof Rules)[]).map((key) => (
        <div key={key} class="rule-row">
          <label for={`rule-${key}`}>{RULE_LABELS[key]}</label>
          <select
            id={`rule-${key}`}
            value={rules[key]}
            onChange={(e) => onChange({ ...rules, [key]: e.currentTarget.value as Rules[keyof Rules] })}
          >
            {MODES.map((mode) => (
              <option key={mode.value} value={mode.value}>{mode.label}</option>
            ))}
          </select>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * Only the rules that differ from the defaults are stored on the connector, so a later change
 * of the global (or policy) rules still reaches connectors that did not override them.
 */
export function rulesOverrides(rules: Rules): Partial<Rules> {
  return Object.fromEntries(Object.entries(rules).filter(([key, mode]) => DEFAULT_RULES[key as keyof Rules] !== mode));
}
