/**
 * One assessment of a ticket: read it fresh from the portal, ask PAM360 about the machines on
 * it and (where an account needs a ticket) PAM360's own ticket check, then run the rules.
 */
import type { Pam360TicketCheck, Verdict } from '@/utils/rules/types';
import { evaluate, PAM360_DEFERRED } from '@/utils/rules/evaluate';
import type { Person, Ticket } from '@/utils/tickets/types';
import { pam360Client } from '../connection';
import { itsmClientFor } from '../itsm';
import { ItsmError } from '../itsm/types';
import { describePamError, Pam360Error } from '../pam360/errors';
import type { Pam360Client } from '../pam360/client';
import type { Pam360Account } from '../pam360/types';
import { HandlerError } from '../router';
import type { TicketContext } from './context';
import { readPageIdentity } from './identity';
import { likelyAccount, lookUpMachines, type MachineMatch } from './pam-lookup';
import { pamReason, pamTicketId, portalName } from './pam-ticket';

export interface Assessment {
  ticket: Ticket | null;
  verdict: Verdict;
  machines: MachineMatch[];
  /** The technician as the portal page knows them, when it could be read. */
  me?: Person;
  /** Set when PAM360 could be used; absent when it is not set up or not reachable. */
  pam?: { client: Pam360Client; serverUrl: string };
}

export interface AssessOptions {
  /** The machine the technician chose, if any. */
  target?: string;
  /** The account the session would use (openSession), instead of the likeliest one. */
  accountId?: string;
}

export async function assess(ctx: TicketContext, options: AssessOptions = {}): Promise<Assessment> {
  const { connector, ref } = ctx;
  const itsm = await itsmClientFor(connector, ctx.tab).catch(rethrowItsm);
  let ticket: Ticket | null = null;
  let missingReason: string | undefined;
  // The technician's page identity and the PAM360 client (config, host access, token) are got
  // ready while the portal answers. Settled here, so a failure waits for the `await` below.
  const identity = readPageIdentity(connector.kind, ctx.tab);
  const pamReady = pam360Client().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  try {
    ticket = await itsm.getTicket(ref.kind, ref.id, ref.table);
  } catch (error) {
    if (!(error instanceof ItsmError) || error.kind !== 'not-found') rethrowItsm(error);
    missingReason = `${portalName(connector.kind)} has no ${ref.kind} ${ref.displayId ?? ref.id}`;
  }
  const me = await identity;

  let machines: MachineMatch[] = [];
  let pam360: Pam360TicketCheck | undefined;
  let pam: Assessment['pam'];
  if (ticket) {
    try {
      const ready = await pamReady;
      if ('error' in ready) throw ready.error;
      const { client, serverUrl } = ready.value;
      pam = { client, serverUrl };
      machines = await lookUpMachines(client, options.target ? [options.target] : ticket.targets);
      pam360 = await pamTicketCheck(client, ticket, machines, options);
    } catch (error) {
      if (!(error instanceof Pam360Error)) throw error;
      pam360 = { status: 'not-asked', why: `${describePamError(error, '').message} ${PAM360_DEFERRED}.` };
    }
  }
  const verdict = evaluate(ticket, { now: Date.now(), ...(me ? { me } : {}), ...(options.target ? { target: options.target } : {}), ...(pam360 ? { pam360 } : {}), ...(missingReason ? { missingReason } : {}) }, ctx.rules);
  return { ticket, verdict, machines, ...(me ? { me } : {}), ...(pam ? { pam } : {}) };
}

async function pamTicketCheck(client: Pam360Client, ticket: Ticket, machines: MachineMatch[], options: AssessOptions): Promise<Pam360TicketCheck> {
  let account: Pam360Account | undefined;
  let resourceName = '';
  if (options.accountId) {
    for (const m of machines) for (const r of m.resources) {
      const found = r.accounts.find((a) => a.id === options.accountId);
      if (found) [account, resourceName] = [found, r.resource.name];
    }
  } else {
    const likely = likelyAccount(machines, options.target);
    [account, resourceName] = [likely?.account, likely?.resource.resource.name ?? ''];
  }
  if (!account) return { status: 'not-asked', why: `No PAM360 account found for the machines on this ticket; ${PAM360_DEFERRED}.` };
  if (!account.ticketRequired) {
    return { status: 'not-asked', why: `PAM360 asks for no ticket for ${account.name} on ${resourceName}` };
  }
  try {
    await client.validateHelpDeskId(account.id, { reason: pamReason(ticket), ticketId: pamTicketId(ticket) });
    return { status: 'passed' };
  } catch (error) {
    if (!(error instanceof Pam360Error)) throw error;
    if (error.kind === 'ticket-rejected') return { status: 'rejected', message: error.pamMessage ?? error.message };
    if (error.kind === 'reason-required') return { status: 'reason-required' };
    if (error.kind === 'unsupported') return { status: 'not-asked', why: PAM360_DEFERRED };
    throw error;
  }
}

/** Portal errors that stop the assessment become a message with a next step. */
function rethrowItsm(error: unknown): never {
  if (error instanceof ItsmError) {
    throw new HandlerError({ kind: 'failed', message: error.message, ...(error.detail ? { detail: error.detail } : {}) });
  }
  throw error;
}
