/**
 * The ticket operations content scripts may call: validateTicket, findSessions, openSession.
 * Every one re-reads the ticket from the portal API; page data only says which ticket.
 */
import { browser } from 'wxt/browser';
import type {
  OpenSessionResult,
  SessionChoice,
  SessionOptions,
  TicketSummary,
  ValidationResult,
} from '@/utils/messaging/protocol';
import type { Ticket, TicketRef } from '@/utils/tickets/types';
import { itsmClientFor } from '../itsm';
import { launchSession } from '../launcher';
import { Pam360Error, describePamError } from '../pam360/errors';
import { HandlerError } from '../router';
import { secretStorageKey } from '../secrets';
import type { SenderKind } from '../sender';
import { rememberTabVerdict, tabVerdictOf } from '../tab-verdicts';
import { createTtlCache } from '../verdict-cache';
import { assess } from './assess';
import { ticketContext } from './context';
import { sessionAccess, sessionNotice, toSessionResource } from './pam-lookup';
import { pamReason, pamTicketId } from './pam-ticket';

/** Verdicts are kept briefly: repeated presses answer at once, concurrent ones ask once. */
const verdicts = createTtlCache<string, ValidationResult>({ ttlMs: 30_000 });

/**
 * After a settings change — rules, states, addresses, the PAM360 server or token, admin policy —
 * no old verdict is served. (Listeners only: registered once, from the background's start.)
 */
export function startVerdictInvalidation(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && ('config' in changes || secretStorageKey('pam360Token') in changes))) verdicts.invalidate();
  });
}

function summary(ticket: Ticket): TicketSummary {
  return { kind: ticket.kind, id: ticket.id, displayId: ticket.displayId, title: ticket.title, url: ticket.url };
}

export async function validateTicket(
  input: { ref: TicketRef; target?: string; fresh?: boolean },
  sender: SenderKind,
): Promise<ValidationResult> {
  const ctx = await ticketContext(input.ref, sender);
  const key = `${ctx.connector.id}:${ctx.ref.kind}:${ctx.ref.table ?? ''}:${ctx.ref.id}:${input.target ?? ''}`;
  const { value } = await verdicts.get(
    key,
    async () => {
      const { ticket, verdict } = await assess(ctx, input.target ? { target: input.target } : {});
      return { ticket: ticket && summary(ticket), verdict, checkedAt: Date.now() };
    },
    { fresh: !!input.fresh },
  );
  // The popup's "This tab": the last verdict this tab got. Not awaited: the answer is not held up.
  if (ctx.tab) void rememberTabVerdict(ctx.tab.tabId, tabVerdictOf(ctx.ref, value)).catch(() => undefined);
  return value;
}

export async function findSessions(input: { ref: TicketRef }, sender: SenderKind): Promise<SessionOptions> {
  const ctx = await ticketContext(input.ref, sender);
  const { ticket, verdict, machines, pam } = await assess(ctx);
  if (!ticket) throw new HandlerError({ kind: 'not-found', message: verdict.checks[0]?.reason ?? 'Ticket not found.' });
  if (!pam) {
    const why = verdict.checks.find((c) => c.id === 'pam360-ticket-check')?.reason ?? 'PAM360 is not available.';
    throw new HandlerError({ kind: 'unreachable', message: why, next: 'Open PAM Bridge’s settings (toolbar icon › Open settings).' });
  }
  const notice = sessionNotice(machines);
  return {
    ticket: summary(ticket),
    verdict,
    machines: machines.map((m) => ({ name: m.name, resources: m.resources.map((r) => toSessionResource(r, m.name)) })),
    ...(notice ? { notice } : {}),
  };
}

export async function openSession(choice: SessionChoice, sender: SenderKind): Promise<OpenSessionResult> {
  const ctx = await ticketContext(choice.ref, sender);
  const { ticket, verdict, machines, pam, me } = await assess(ctx, { accountId: choice.accountId });
  if (!ticket || !pam) return { status: 'refused', message: 'PAM Bridge cannot check this ticket right now.', checks: verdict.checks };
  // Only resources of machines named on the ticket can be opened from it.
  const match = machines.flatMap((m) => m.resources).find((r) => r.resource.id === choice.resourceId);
  const account = match?.accounts.find((a) => a.id === choice.accountId);
  if (!match || !account) return { status: 'refused', message: 'That resource or account does not belong to a machine on this ticket.' };
  if (!verdict.ok) return { status: 'refused', message: 'Not valid for PAM: fix the failed checks first.', checks: verdict.checks };

  const reason = pamReason(ticket);
  try {
    switch (sessionAccess(account)) {
      case 'request': {
        const ticketId = account.ticketRequiredForAccessRequest ? { ticketId: pamTicketId(ticket) } : {};
        const { status } = await pam.client.requestAccess(account.id, { reason, ...ticketId });
        if (!/check ?out|\*{4}/i.test(status)) {
          return { status: 'access-requested', message: `Access to ${account.name} requested in PAM360 for ${ticket.displayId}. Waiting for approval (${status}).` };
        }
        break; // approved at once (e.g. PAM360 auto-approves with a valid ticket): go on and launch
      }
      case 'waiting-for-approval':
        return { status: 'waiting-for-approval', message: `Waiting for a PAM360 approver to allow ${account.name}.` };
      case 'in-use':
        return { status: 'refused', message: `${account.name} is in use by someone else in PAM360.` };
      case 'no-autologon':
        return { status: 'refused', message: `PAM360 allows no remote login with ${account.name} on ${match.resource.name}.` };
      case 'ready':
        break;
    }
  } catch (error) {
    if (error instanceof Pam360Error) return { status: 'refused', message: describePamError(error, pam.serverUrl).message };
    throw error;
  }

  const protocol = account.protocols.find((p) => p.id === choice.protocol);
  if (!protocol) return { status: 'refused', message: `PAM360 does not allow ${choice.protocol} for ${account.name}.` };
  const result = await launchSession({
    serverUrl: pam.serverUrl,
    protocol,
    resource: { id: match.resource.id, name: match.resource.name },
    account: { id: account.id, name: account.name },
    ...(ctx.tab ? { openerTabId: ctx.tab.tabId } : {}),
  });
  if (result.status !== 'opened' || !ctx.connector.writeNote) return result;
  const who = me?.name || me?.login || 'A technician';
  const note = `PAM Bridge: ${who} opened a ${protocol.label} session through PAM360 to ${match.resource.name} as ${account.name} at ${new Date().toISOString()}.`;
  try {
    const itsm = await itsmClientFor(ctx.connector, ctx.tab);
    await itsm.addNote(ticket.kind, ticket.id, note, ctx.ref.table);
    return { ...result, message: `${result.message} A private note was added to the ticket.` };
  } catch (error) {
    return { ...result, message: `${result.message} (The note could not be added: ${error instanceof Error ? error.message : String(error)})` };
  }
}
