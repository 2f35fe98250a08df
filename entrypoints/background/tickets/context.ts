/**
 * Which connector (and which portal tab) a ticket operation is about. A content script never
 * names its connector: it is the connector whose origin the script's frame is on (design.md
 * rule 3), so a page cannot ask about another portal's tickets.
 */
import type { Connector, Rules } from '@/utils/config/schema';
import { effectiveRules } from '@/utils/rules/evaluate';
import type { TicketRef } from '@/utils/tickets/types';
import { effectiveConfig } from '../policy';
import { HandlerError } from '../router';
import type { SenderKind } from '../sender';

export interface TicketContext {
  connector: Connector;
  rules: Rules;
  /** The portal frame the request came from (needed for "my signed-in session" calls). */
  tab?: { tabId: number; frameId: number };
  ref: TicketRef & { connectorId: string };
}

export async function ticketContext(ref: TicketRef, sender: SenderKind): Promise<TicketContext> {
  const { config } = await effectiveConfig();
  let connector: Connector | undefined;
  if (sender.kind === 'content-script') {
    connector = config.connectors.find((c) => new URL(c.baseUrl).origin === sender.origin);
    if (!connector) {
      throw new HandlerError({ kind: 'forbidden', message: 'This page is not a configured portal.', detail: sender.origin });
    }
  } else {
    connector = config.connectors.find((c) => c.id === ref.connectorId);
    if (!connector) throw new HandlerError({ kind: 'bad-request', message: 'Unknown connector.', detail: ref.connectorId ?? '' });
  }
  return {
    connector,
    rules: effectiveRules(config.rules, connector.rules),
    ...(sender.kind === 'content-script' ? { tab: { tabId: sender.tabId, frameId: sender.frameId } } : {}),
    ref: { ...ref, connectorId: connector.id },
  };
}
