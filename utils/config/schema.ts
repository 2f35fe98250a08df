/**
 * The one configuration schema (design.md "Configuration"). It is edited in options,
 * exported/imported as JSON (secrets never part of it) and overlaid by managed policy.
 * Secrets (PAM360 token, connector keys) are NOT here: they live encrypted in the
 * background (entrypoints/background/secrets.ts) and are referenced by id only.
 */
import * as z from 'zod';
import { checkServerUrl } from './url';

/** Portal kinds; the adapter id equals the kind. */
export const PORTAL_KINDS = ['sdp', 'servicenow', 'jsm', 'topdesk'] as const;
export const portalKindSchema = z.enum(PORTAL_KINDS);
export type PortalKind = z.infer<typeof portalKindSchema>;

export const AUTH_TYPES = ['session', 'api-key', 'basic', 'bearer', 'oauth2', 'app-token'] as const;

/** A server URL: https, or http only on loopback; stored as its origin ('' allowed when `optional`). */
function serverUrlSchema(optional: boolean) {
  return z
    .string()
    .trim()
    .check((ctx) => {
      if (optional && ctx.value === '') return;
      const result = checkServerUrl(ctx.value);
      if (!result.ok) ctx.issues.push({ code: 'custom', message: result.message, input: ctx.value });
    })
    .transform((value) => (value === '' ? '' : new URL(value).origin));
}
const serverUrl = serverUrlSchema(false);

/** The normalised states a portal's raw state can be mapped to (TicketState). */
export const MAPPED_STATES = ['open', 'in-progress', 'resolved', 'closed', 'cancelled'] as const;
export const mappedStateSchema = z.enum(MAPPED_STATES);

const stateMap = z.record(z.string(), mappedStateSchema);

export const ruleModeSchema = z.enum(['off', 'warn', 'required']);

export const rulesSchema = z.object({
  ticketOpen: ruleModeSchema.default('required'),
  changeApproved: ruleModeSchema.default('required'),
  assignedToMe: ruleModeSchema.default('off'),
  insideChangeWindow: ruleModeSchema.default('required'),
  targetOnTicket: ruleModeSchema.default('required'),
  pam360TicketCheck: ruleModeSchema.default('required'),
});
export type Rules = z.infer<typeof rulesSchema>;

/**
 * Rule overrides (per connector, or from policy): only the rules given, no defaults filled in —
 * zod's `.partial()` would still apply rulesSchema's defaults, turning every override into a
 * full copy that hides later changes of the global rules.
 */
export const ruleOverridesSchema = z.object({
  ticketOpen: ruleModeSchema.optional(),
  changeApproved: ruleModeSchema.optional(),
  assignedToMe: ruleModeSchema.optional(),
  insideChangeWindow: ruleModeSchema.optional(),
  targetOnTicket: ruleModeSchema.optional(),
  pam360TicketCheck: ruleModeSchema.optional(),
});

export const connectorSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Use lowercase letters, digits and dashes'),
  kind: portalKindSchema,
  name: z.string().trim().min(1, 'Give the connector a name').max(80),
  baseUrl: serverUrl,
  auth: z.object({
    type: z.enum(AUTH_TYPES),
    /** Non-secret parts only (usernames, client ids, portal ids). Secrets: secrets.ts. */
    username: z.string().max(200).optional(),
    clientId: z.string().max(200).optional(),
    portalId: z.string().max(200).optional(),
  }),
  /** Admin overrides of the portal's raw state → normalised state table. */
  states: stateMap.optional(),
  /**
   * Admin override of the states / stages that count as "being implemented" (privileged work
   * allowed): ServiceNow change_request state values or labels (also `change_request:-1`), SDP
   * change stage names. Absent or empty: the client's default (servicenow/states.ts, sdp/states.ts).
   */
  implementationStates: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'An implementation state cannot be empty.')
        .max(80, 'An implementation state has at most 80 characters.'),
    )
    .max(20, 'At most 20 implementation states.')
    .optional(),
  rules: ruleOverridesSchema.optional(),
  writeNote: z.boolean().default(false),
});
export type Connector = z.infer<typeof connectorSchema>;

export const pam360SettingsSchema = z.object({
  /** Origin of the PAM360 server, e.g. https://pam360.example.com:8282 ('' = not set up). */
  serverUrl: serverUrlSchema(true).default(''),
  /** MSP installs: the organization's name, sent as the orgName header. */
  orgName: z.string().trim().max(200).default(''),
});
export type Pam360Settings = z.infer<typeof pam360SettingsSchema>;

export const launchSchema = z.object({
  /** Prefer the RDP console session over a normal RDP session when both are offered. */
  preferRdpConsole: z.boolean().default(false),
});

export const configSchema = z.object({
  pam360: pam360SettingsSchema.default({ serverUrl: '', orgName: '' }),
  connectors: z.array(connectorSchema).max(50).default([]),
  rules: rulesSchema.default(rulesSchema.parse({})),
  launch: launchSchema.default({ preferRdpConsole: false }),
});
export type Config = z.infer<typeof configSchema>;

export const DEFAULT_CONFIG: Config = configSchema.parse({});

/** Keys an exported file may hold; anything else is refused on import (a typo must not vanish). */
export const exportFileSchema = z.strictObject({
  format: z.literal('pam-bridge-config'),
  version: z.number().int().positive(),
  config: configSchema,
});
export type ExportFile = z.infer<typeof exportFileSchema>;
