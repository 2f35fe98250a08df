/**
 * zod schemas for every operation's request (design.md rule 3). Imported by the background
 * only: content bundles stay free of zod, and the receiver is where validation counts.
 */
import * as z from 'zod';
import type { OperationName } from './protocol';

const empty = z.strictObject({});

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
} satisfies Record<OperationName, z.ZodType>;

export const envelopeSchema = z.strictObject({
  pamBridge: z.literal(1),
  op: z.enum(Object.keys(requestSchemas) as [OperationName, ...OperationName[]]),
  input: z.unknown(),
});
