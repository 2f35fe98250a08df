/**
 * The named operations the background answers (design.md rule 2) and their types.
 * Types only: every side may import this. The zod schemas that the background uses to
 * parse requests live in ./schemas.ts and are imported by the background alone.
 */
import type { Connector, ExportFile, PortalKind } from '../config/schema';
import type { Check, Verdict } from '../rules/types';
import type { TicketKind, TicketRef } from '../tickets/types';

/** Why a PAM360 call did not succeed; shared by the client, the status and the UI. */
export type PamErrorKind =
  | 'not-configured' // no server URL yet
  | 'no-host-access' // the browser has not granted us the PAM360 origin
  | 'no-token' // no auth token saved
  | 'unreachable' // network error, DNS, refused, TLS certificate not trusted, timeout
  | 'bad-token' // "API key received is not associated to any user"
  | 'host-not-allowed' // "User is not allowed to access from this host"
  | 'ticket-rejected' // PAM360's own ticket check said no (message is PAM360's)
  | 'reason-required' // validateHelpDeskID STATUSCODE 3
  | 'not-found' // resource/account unknown to PAM360 or not shared
  | 'input-rejected' // HTTP 599: PAM360's input sanitiser refused the request
  | 'unsupported' // the server does not offer this operation (e.g. 404 on validateHelpDeskID)
  | 'failed' // any other Failed envelope: PAM360's message is shown as is
  | 'unexpected'; // the answer did not have the documented shape

export interface OperationError {
  kind: PamErrorKind | 'bad-request' | 'forbidden' | 'internal';
  /** One sentence for the user, naming the problem. */
  message: string;
  /** What the user can do next. */
  next?: string;
  /** Diagnostics (field paths, HTTP status, PAM360's text); never secrets. */
  detail?: string;
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: OperationError };

/** Outcome of the last PAM360 connection test, as shown in options and the popup. */
export type ConnectionState =
  | { state: 'connected'; serverUrl: string; orgName: string; resourceCount?: number; checkedAt: number }
  | { state: PamErrorKind; message: string; next?: string; detail?: string; checkedAt: number };

export interface Pam360Status {
  serverUrl: string;
  orgName: string;
  /** 'ends …ab12' style hint; the token itself never leaves the background. */
  token: { saved: false } | { saved: true; hint: string };
  /** Whether the browser granted host access to the PAM360 origin. */
  hostAccess: boolean;
  /** Fields an admin set by policy (shown locked in options). */
  locked: { serverUrl: boolean; orgName: boolean };
}

export interface ConnectorStatus {
  connector: Connector;
  /** Whether a secret (API key, password, client secret) is stored for it; never the secret. */
  secret: { saved: false } | { saved: true; hint: string };
  /** Whether the browser granted host access to the portal origin. */
  hostAccess: boolean;
  /** Whether our content script is registered for the portal origin. */
  registered: boolean;
  /** Set by admin policy: shown read-only. */
  locked: boolean;
}

export interface Status {
  version: string;
  pam360: Pam360Status;
  /** Last connection test, if any since the settings last changed. */
  connection: ConnectionState | null;
  connectors: ConnectorStatus[];
}

/** A connector as the options form submits it (id is derived from the name when new). */
export interface ConnectorInput {
  id?: string;
  kind: Connector['kind'];
  name: string;
  baseUrl: string;
  auth: Connector['auth'];
  writeNote?: boolean;
  rules?: Connector['rules'];
  /**
   * Raw state (value or label; ServiceNow also `table:value`) → normalised state. Absent: keep
   * the saved map; `{}`: remove the override (back to the built-in tables).
   */
  states?: NonNullable<Connector['states']>;
  /** States / stages that count as implementation. Absent: keep the saved list; `[]`: back to the default. */
  implementationStates?: string[];
}

/**
 * Secrets typed in the connector form: each is sent once, on Save, and only when typed (empty =
 * keep the saved one). They are sealed in the background and never sent back.
 */
export interface ConnectorSecretsInput {
  /** The API key (auth 'api-key'). */
  secret?: string;
  /** Basic: the password (stored sealed). OAuth 2.0: the password for the one-time sign-in (never stored). */
  password?: string;
  /** OAuth 2.0: the client secret from ServiceNow's Application Registry. */
  clientSecret?: string;
}

export type SaveConnectorInput = { connector: ConnectorInput } & ConnectorSecretsInput;

export type ConnectorTestResult =
  | { ok: true; message: string }
  | { ok: false; message: string; next?: string; detail?: string };

/** Ticket facts the UI may show (no secrets, nothing the page did not already show). */
export interface TicketSummary {
  kind: TicketKind;
  id: string;
  displayId: string;
  title: string;
  url: string;
}

export interface ValidationResult {
  ticket: TicketSummary | null;
  verdict: Verdict;
  /** When the verdict was computed (it may come from the short cache). */
  checkedAt: number;
}

/**
 * What the background remembers of the last "Validate for PAM" in a tab (storage.session): a
 * summary only — which ticket, the outcome, the failed checks' labels and reasons, and when.
 */
export interface TabVerdict {
  connectorId: string;
  ticket: { kind: TicketKind; id: string; table?: string; displayId?: string };
  ok: boolean;
  /** "Valid for PAM" or "Not valid for PAM". */
  headline: string;
  /** The checks that failed (not warnings), shortened. */
  failed: { label: string; reason: string }[];
  /** When the verdict was computed (it may have come from the short cache). */
  checkedAt: number;
}

/** A configured portal as the popup names it. */
export interface TabConnector {
  id: string;
  name: string;
  kind: PortalKind;
}

/** What the popup's "This tab" part says about one tab. */
export type TabStatus =
  /** The tab is gone (closed meanwhile) or there is none to describe. */
  | { state: 'no-tab' }
  /** The browser hides the tab's URL from us and these connectors have no host access yet. */
  | { state: 'unreadable'; connectors: TabConnector[] }
  /** Not a ticket page; `connector` when it is another page of a configured portal. */
  | { state: 'not-a-ticket'; connector?: TabConnector }
  /** A ticket page; `last` is the tab's last verdict for this very ticket, if any. */
  | {
      state: 'ticket';
      connector: TabConnector;
      ticket: { kind: TicketKind; id: string; table?: string; displayId?: string };
      last: TabVerdict | null;
    };

export type LaunchProtocolId = 'rdp' | 'rdp-console' | 'ssh' | 'telnet';

export interface SessionAccount {
  id: string;
  name: string;
  /** What the picker shows, e.g. "CORP\\da-admin (needs approval)". */
  label: string;
  /** Access-control state from PAM360's PASSWORD STATUS. */
  access: 'ready' | 'request' | 'waiting-for-approval' | 'in-use' | 'no-autologon';
  protocols: { id: LaunchProtocolId; label: string }[];
  ticketRequired: boolean;
  reasonRequired: boolean;
}

export interface SessionResource {
  id: string;
  name: string;
  /** What the picker shows, e.g. "srv-web-01 (srv-web-01.corp.example.com)". */
  label: string;
  type: string;
  dnsName: string;
  accounts: SessionAccount[];
}

export interface SessionOptions {
  ticket: TicketSummary;
  /** One entry per machine named on the ticket, with its PAM360 candidates (0, 1 or more). */
  machines: { name: string; resources: SessionResource[] }[];
  /** Machines without a PAM360 resource, or no machine at all, in one sentence. */
  notice?: string;
  /** The verdict for the ticket; launching is refused while it is not ok. */
  verdict: Verdict;
}

export interface SessionChoice {
  ref: TicketRef;
  resourceId: string;
  accountId: string;
  protocol: LaunchProtocolId;
}

export type OpenSessionResult =
  | { status: 'opened'; message: string }
  | { status: 'sign-in-needed'; message: string }
  | { status: 'access-requested'; message: string }
  | { status: 'waiting-for-approval'; message: string }
  | { status: 'refused'; message: string; checks?: Check[] };

/** What the launch page needs to submit PAM360's launch form (see entrypoints/launch). */
export interface LaunchForm {
  action: string;
  fields: Record<string, string>;
  label: string;
}

export interface SavePamSettingsInput {
  serverUrl: string;
  orgName: string;
  /** A new token to store; omitted or empty = keep the saved one. */
  token?: string;
}

/** Operation name → [request, response data]. */
export interface Protocol {
  getStatus: [Record<string, never>, Status];
  /** Live check of the PAM360 connection with the saved settings; also updates the status. */
  testPamConnection: [Record<string, never>, ConnectionState];
  savePamSettings: [SavePamSettingsInput, Status];
  clearPamToken: [Record<string, never>, Status];
  exportConfig: [Record<string, never>, ExportFile];
  /** Replaces the configuration from an exported file's text; all or nothing. */
  importConfig: [{ text: string }, Status];

  // Connectors (extension pages only)
  saveConnector: [SaveConnectorInput, Status];
  removeConnector: [{ id: string }, Status];
  testConnector: [{ id: string }, ConnectorTestResult];

  // Tickets (content scripts, for tickets of the connector whose origin they run on)
  validateTicket: [{ ref: TicketRef; target?: string; fresh?: boolean }, ValidationResult];
  findSessions: [{ ref: TicketRef }, SessionOptions];
  openSession: [SessionChoice, OpenSessionResult];

  // The popup (extension pages only): is this tab a ticket, what did its last check say
  getTabStatus: [{ tabId: number }, TabStatus];

  // The launch page (an extension page opened by openSession)
  takeLaunch: [{ nonce: string }, LaunchForm];
}

export type OperationName = keyof Protocol;
export type RequestOf<N extends OperationName> = Protocol[N][0];
export type ResponseOf<N extends OperationName> = Protocol[N][1];

/** The wire format of a request message. */
export interface RequestMessage<N extends OperationName = OperationName> {
  pamBridge: 1;
  op: N;
  input: RequestOf<N>;
}

/** Operations a content script may call (about tickets of its own connector only). */
export const CONTENT_SCRIPT_OPERATIONS: readonly OperationName[] = ['validateTicket', 'findSessions', 'openSession'];
