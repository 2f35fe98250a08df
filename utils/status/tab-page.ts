/**
 * Which configured portal and which ticket a tab shows, from its top URL alone, and what the
 * popup's "This tab" part should say about it. Pure (the background feeds it the tab's URL, the
 * connectors and the tab's last verdict), so every case is unit-tested.
 *
 * Only the adapters' URL rules are used here (detect.ts, frame-target.ts): no DOM code reaches
 * the background.
 */
import { detect as detectSdp } from '../adapters/sdp/detect';
import { detectTopLevel as detectServiceNow } from '../adapters/servicenow/frame-target';
import type { PageMatch } from '../adapters/types';
import type { Connector } from '../config/schema';
import type { TabConnector, TabStatus, TabVerdict } from '../messaging/protocol';

type ConnectorLike = Pick<Connector, 'id' | 'name' | 'kind' | 'baseUrl'>;

const DETECT: Partial<Record<Connector['kind'], (url: URL) => PageMatch | null>> = {
  sdp: detectSdp,
  servicenow: detectServiceNow,
};

function parse(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function originOf(baseUrl: string): string | null {
  return parse(baseUrl)?.origin ?? null;
}

function named(connector: ConnectorLike): TabConnector {
  return { id: connector.id, name: connector.name, kind: connector.kind };
}

/**
 * The connector whose origin the URL is on (the first, as the ticket operations choose it) and
 * the ticket the page shows (null: another page of that portal). null: not a configured portal.
 */
export function tabTicket<C extends ConnectorLike>(
  url: string | undefined,
  connectors: readonly C[],
): { connector: C; match: PageMatch | null } | null {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return null;
  const connector = connectors.find((c) => originOf(c.baseUrl) === parsed.origin);
  if (!connector) return null;
  return { connector, match: DETECT[connector.kind]?.(parsed) ?? null };
}

/** Whether a tab's last verdict is about this ticket of this connector. */
export function isSameTicket(verdict: TabVerdict, connectorId: string, match: PageMatch): boolean {
  return (
    verdict.connectorId === connectorId &&
    verdict.ticket.kind === match.kind &&
    verdict.ticket.id === match.id &&
    (verdict.ticket.table ?? '') === (match.table ?? '')
  );
}

export interface TabFacts<C extends ConnectorLike = ConnectorLike> {
  /** The tab's URL; undefined when the browser hides it (no host access to its origin). */
  url: string | undefined;
  connectors: readonly C[];
  /** Connectors the browser has not granted host access to (only needed when url is hidden). */
  withoutAccess: readonly C[];
  /** The tab's last verdict, if the background kept one. */
  last: TabVerdict | null;
}

export function describeTab(facts: TabFacts): TabStatus {
  if (facts.url === undefined) {
    // Hidden URL: any site we have no access to. If a portal lacks access, this may be it.
    return facts.withoutAccess.length ? { state: 'unreadable', connectors: facts.withoutAccess.map(named) } : { state: 'not-a-ticket' };
  }
  const found = tabTicket(facts.url, facts.connectors);
  if (!found) return { state: 'not-a-ticket' };
  const { connector, match } = found;
  if (!match) return { state: 'not-a-ticket', connector: named(connector) };
  const last = facts.last && isSameTicket(facts.last, connector.id, match) ? facts.last : null;
  const displayId = last?.ticket.displayId;
  return {
    state: 'ticket',
    connector: named(connector),
    ticket: { kind: match.kind, id: match.id, ...(match.table ? { table: match.table } : {}), ...(displayId ? { displayId } : {}) },
    last,
  };
}
