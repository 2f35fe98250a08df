/**
 * The popup's "This tab" part: which tab to describe, and the words for what the background
 * said about it (TabStatus → lines). Pure, so every state is unit-tested; no adapter code.
 */
import type { PortalKind } from '../config/schema';
import type { TabConnector, TabStatus } from '../messaging/protocol';
import type { Tone } from './summary';

export interface TabSummary {
  tone: Tone;
  /** Which portal and ticket, e.g. "Corp SDP (ServiceDesk Plus) · request 1001"; only on ticket pages. */
  ticket?: string;
  headline: string;
  /** One line per failed check, "Ticket is open — Status is Closed". */
  failed: string[];
  next?: string;
}

const PORTAL_NAMES: Record<PortalKind, string> = {
  sdp: 'ServiceDesk Plus',
  servicenow: 'ServiceNow',
  jsm: 'Jira Service Management',
  topdesk: 'TOPdesk',
};

/** Failed-check reasons are cut to this many characters: the popup is a glance, the page has the rest. */
const REASON_MAX = 120;

export const NOT_A_TICKET = 'This tab is not a ticket page of a configured portal.';

/** "checked just now", "checked 2 min ago", "checked 3 h ago", "checked 2 days ago". */
export function checkedAgo(checkedAt: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - checkedAt) / 1000));
  if (seconds < 60) return 'checked just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `checked ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `checked ${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `checked ${days} day${days === 1 ? '' : 's'} ago`;
}

function connectorName(connector: TabConnector): string {
  const portal = PORTAL_NAMES[connector.kind];
  return connector.name.toLowerCase().includes(portal.toLowerCase()) ? connector.name : `${connector.name} (${portal})`;
}

/** SDP: "request 1001", "change CH-1 (2001)". ServiceNow: "incident <sys_id>", or "INC0010023 (incident)" once validated. */
export function ticketName(connector: TabConnector, ticket: Extract<TabStatus, { state: 'ticket' }>['ticket']): string {
  const kind = ticket.table ?? ticket.kind;
  const shown = ticket.displayId && ticket.displayId !== ticket.id ? ticket.displayId : undefined;
  if (!shown) return `${kind} ${ticket.id}`;
  return connector.kind === 'servicenow' ? `${shown} (${kind})` : `${kind} ${shown} (${ticket.id})`;
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > REASON_MAX ? `${flat.slice(0, REASON_MAX - 1)}…` : flat;
}

function list(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

export function summarizeTab(status: TabStatus, now: number): TabSummary {
  switch (status.state) {
    case 'no-tab':
      return { tone: 'unknown', headline: 'There is no tab to describe.', failed: [] };
    case 'unreadable': {
      const names = status.connectors.map((c) => c.name);
      return {
        tone: 'warn',
        headline: 'PAM Bridge can’t read this page.',
        failed: [],
        next: `If it is a page of ${list(names)}, open settings and press Grant access for ${names.length === 1 ? 'that connector' : 'it'}.`,
      };
    }
    case 'not-a-ticket':
      return {
        tone: 'unknown',
        headline: NOT_A_TICKET,
        failed: [],
        ...(status.connector ? { next: `It is a page of ${status.connector.name}: open a ticket there to check it.` } : {}),
      };
    case 'ticket': {
      const ticket = `${connectorName(status.connector)} · ${ticketName(status.connector, status.ticket)}`;
      const { last } = status;
      if (!last) return { tone: 'unknown', ticket, headline: 'Not checked yet — press Validate for PAM on the page.', failed: [] };
      return {
        tone: last.ok ? 'ok' : 'error',
        ticket,
        headline: `${last.headline} · ${checkedAgo(last.checkedAt, now)}`,
        failed: last.failed.map((f) => short(`${f.label} — ${f.reason}`)),
      };
    }
  }
}

/** The fields of tabs.Tab the choice needs (no URL: the popup need not see it). */
export interface TabLike {
  id?: number;
  active?: boolean;
  lastAccessed?: number;
}

/**
 * Which tab the popup describes. From the toolbar (`ownTabId` undefined) `tabs` is the active
 * tab of the last-focused window. When popup.html is open as a tab itself, that tab is the active
 * one, so `tabs` is every tab and the answer is the one used last before it (highest
 * `lastAccessed`; without it, an active tab of another window).
 */
export function pickTab(tabs: readonly TabLike[], ownTabId?: number): number | undefined {
  const usable = tabs.filter((t): t is TabLike & { id: number } => typeof t.id === 'number' && t.id >= 0 && t.id !== ownTabId);
  if (ownTabId === undefined) return usable.find((t) => t.active)?.id;
  const byUse = usable.filter((t) => typeof t.lastAccessed === 'number').sort((a, b) => b.lastAccessed! - a.lastAccessed!);
  return (byUse[0] ?? usable.find((t) => t.active))?.id;
}
