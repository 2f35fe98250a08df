/**
 * zod schemas for every operation's request (design.md rule 3). Imported by the background
 * only: content bundles stay free of zod, and the receiver is where validation counts.
 */
import * as z from 'zod';
import { AUTH_TYPES, mappedStateSchema, portalKindSchema, ruleOverridesSchema } from '../config/schema';
import type { OperationName } from './protocol';

const empty = z.strictObject({});

/** Ids as portals and PAM360 hand them out: short, no separators that could bend a path. */
const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'not a valid id');

const ticketRef = z.strictObject({
  connectorId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/).optional(),
  kind: z.enum(['incident', 'request', 'change', 'problem']),
  id,
  table: z.string().regex(/^[a-z][a-z0-9_]{0,79}$/).optional(),
  displayId: z.string().max(64).optional(),
  hints: z
    .strictObject({
      title: z.string().max(500).optional(),
      targets: z.array(z.string().max(255)).max(50).optional(),
    })
    .optional(),
});

const connectorInput = z.strictObject({
  id: z.string().max(40).optional(),
  kind: portalKindSchema,
  name: z.string().max(80),
  baseUrl: z.string().max(2048),
  auth: z.strictObject({
    type: z.enum(AUTH_TYPES),
    username: z.string().max(200).optional(),
    clientId: z.string().max(200).optional(),
    portalId: z.string().max(200).optional(),
  }),
  writeNote: z.boolean().optional(),
  rules: ruleOverridesSchema.optional(),
  // Outer bounds only; the connector schema words the field errors (saveConnector).
  states: z
    .record(z.string().max(200), mappedStateSchema)
    .refine((states) => Object.keys(states).length <= 200, 'At most 200 state mappings.')
    .optional(),
  implementationStates: z.array(z.string().max(200)).max(50).optional(),
});

export const requestSchemas = {
  getStatus: empty,
  testPamConnection: empty,
  savePamSettings: z.strictObject({
    serverUrl: z.string().max(2048),
    orgName: z.string().max(200),
    token: z.string().max(4096).optional(),
  }),
  clearPamToken: empty,
  exportConfig: empty,
  importConfig: z.strictObject({ text: z.string().max(1_000_000) }),
  saveConnector: z.strictObject({
    connector: connectorInput,
    secret: z.string().max(4096).optional(),
    password: z.string().max(1024).optional(),
    clientSecret: z.string().max(1024).optional(),
  }),
  removeConnector: z.strictObject({ id: z.string().max(40) }),
  testConnector: z.strictObject({ id: z.string().max(40) }),
  validateTicket: z.strictObject({ ref: ticketRef, target: z.string().max(255).optional(), fresh: z.boolean().optional() }),
  findSessions: z.strictObject({ ref: ticketRef }),
  openSession: z.strictObject({
    ref: ticketRef,
    resourceId: id,
    accountId: id,
    protocol: z.enum(['rdp', 'rdp-console', 'ssh', 'telnet']),
  }),
  getTabStatus: z.strictObject({ tabId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
  takeLaunch: z.strictObject({ nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }),
} satisfies Record<OperationName, z.ZodType>;

export const envelopeSchema = z.strictObject({
  pamBridge: z.literal(1),
  op: z.enum(Object.keys(requestSchemas) as [OperationName, ...OperationName[]]),
  input: z.unknown(),
});
