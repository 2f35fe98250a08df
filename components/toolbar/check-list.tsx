import type { Check, Verdict } from '@/utils/rules/types';

const ICON: Record<Check['status'], string> = { pass: '✓', fail: '✗', warn: '!', skip: '–' };
const SPOKEN: Record<Check['status'], string> = { pass: 'passed', fail: 'failed', warn: 'warning', skip: 'not checked' };

/** The verdict: one headline, then one line per check with its reason. */
export function CheckList({ verdict }: { verdict: Verdict }) {
  return (
    <div class="pb-verdict" data-ok={verdict.ok ? 'true' : 'false'}>
      <p class="pb-headline">{verdict.headline}</p>
      <ul class="pb-checks">
        {verdict.checks.map((check) => (
          <li key={check.id} data-check={check.id} data-status={check.status}>
            <span class="pb-icon" aria-hidden="true">{ICON[check.status]}</span>
            <span class="pb-sr">{SPOKEN[check.status]}: </span>
            <span class="pb-label">{check.label}</span>
            <span class="pb-reason"> — {check.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
