/**
 * zod shapes of ServiceDesk Plus v3 answers (research/itsm-portals.md §1.4). Loose objects on
 * purpose: newer builds add keys and we must not break on them. IDs arrive as strings on most
 * builds and as numbers on some: both are accepted and always leave here as strings.
 */
import * as z from 'zod';

/** An ID: non-empty string or non-negative integer, always returned as a string. */
export const idSchema = z
  .union([z.string().trim().min(1), z.number().int().nonnegative()])
  .transform((value) => String(value));

/** Optional text: missing or null becomes undefined, numbers become strings, blanks vanish. */
const optText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value == null || String(value).trim() === '' ? undefined : String(value).trim()));

const namedObject = z.looseObject({
  id: idSchema.nullish(),
  name: z.string().refine((name) => name.trim() !== '', 'blank name'),
  internal_name: z.string().nullish(),
});

/** A bare string is the name: research §1.4 names the approval statuses without their shape. */
const asNamed = (value: unknown) => (typeof value === 'string' ? { name: value } : value);

/** `{id, name, internal_name?}` objects: status, stage, approval_status, request_type. */
export const namedSchema = z.preprocess(asNamed, namedObject);
export type Named = z.output<typeof namedSchema>;

/**
 * An optional named field: missing, null, blank, or an object without a usable name is absent
 * (undefined), so it can never pass as a known status. Other shapes still fail the parse.
 */
export const optNamedSchema = z.preprocess((value) => {
  const named = asNamed(value);
  if (named == null) return undefined;
  if (typeof named !== 'object' || Array.isArray(named)) return named;
  const name: unknown = (named as { name?: unknown }).name;
  return typeof name === 'string' && name.trim() !== '' ? named : undefined;
}, namedObject.optional());

/** An embedded user (technician, change_owner): every field optional, builds differ. */
export const personSchema = z.looseObject({
  id: idSchema.nullish(),
  name: optText,
  email_id: optText,
  login_name: optText,
});
export type SdpPerson = z.output<typeof personSchema>;

/**
 * `{value: epoch ms (string or number), display_value}` → epoch ms. An unset time (null, or an
 * empty/null value and nothing shown) is undefined [I: the research does not say how SDP sends
 * one]. A time shown to people without a value we can use is NaN, so "inside the change window"
 * fails as unreadable instead of passing as "no window".
 */
const timeSchema = z
  .looseObject({
    value: z.union([z.number().int().nonnegative(), z.string().trim().regex(/^\d*$/)]).nullish(),
    display_value: z.union([z.string(), z.number()]).nullish(),
  })
  .nullish()
  .transform((time) => {
    if (time?.value != null && time.value !== '') return Number(time.value);
    return time?.display_value != null && String(time.display_value).trim() !== '' ? Number.NaN : undefined;
  });

/**
 * display_id: a plain string on requests ("101085"), an object `{display_value: "CH-22", value}`
 * on Cloud changes [P/I]; a number on some builds. Always returned as text.
 */
const displayIdSchema = z
  .union([z.string(), z.number(), z.looseObject({ display_value: z.union([z.string(), z.number()]) })])
  .nullish()
  .transform((value) => {
    const text = value == null ? '' : typeof value === 'object' ? String(value.display_value) : String(value);
    return text.trim() || undefined;
  });

/** assets[] / configuration_items[]: we only need the names (normally host names). */
const namedItems = z
  .array(z.looseObject({ name: optText }))
  .nullish()
  .transform((items) => (items ?? []).map((item) => item.name).filter((name): name is string => Boolean(name)));

/** `response_status`: one object, or an array of them (seen on the approvals endpoint, §1.4). */
const statusEntry = z.looseObject({
  status_code: z.union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)]),
  status: z.string().nullish(),
  messages: z
    .array(
      z.looseObject({
        status_code: z.union([z.number(), z.string()]).nullish(),
        message: z.string().nullish(),
        field: z.string().nullish(),
        type: z.string().nullish(),
      }),
    )
    .nullish(),
});
export type StatusEntry = z.output<typeof statusEntry>;

/** Any v3 answer: only `response_status` is required here; the payload is parsed per call. */
export const envelopeSchema = z.looseObject({
  response_status: z.union([statusEntry, z.array(statusEntry).min(1)]),
});

/** The request fields the client reads (`GET /api/v3/requests/{id}` → `request`). */
export const requestSchema = z.looseObject({
  id: idSchema,
  display_id: displayIdSchema,
  subject: optText,
  status: namedSchema,
  approval_status: optNamedSchema,
  technician: personSchema.nullish(),
  request_type: optNamedSchema,
  assets: namedItems,
});
export type SdpRequestData = z.output<typeof requestSchema>;

/** The change fields the client reads (`GET /api/v3/changes/{id}` → `change`). */
export const changeSchema = z.looseObject({
  id: idSchema,
  display_id: displayIdSchema,
  title: optText,
  status: optNamedSchema,
  stage: optNamedSchema,
  approval_status: optNamedSchema,
  change_owner: personSchema.nullish(),
  technician: personSchema.nullish(),
  scheduled_start_time: timeSchema,
  scheduled_end_time: timeSchema,
  assets: namedItems,
  configuration_items: namedItems,
});
export type SdpChangeData = z.output<typeof changeSchema>;

/** One entry of `approval_levels` (on-prem has `name`, Cloud only `level`). */
export const approvalLevelSchema = z.looseObject({
  id: idSchema,
  level: z.union([z.number(), z.string()]).nullish(),
  name: optText,
  status: optNamedSchema,
});
export type SdpApprovalLevel = z.output<typeof approvalLevelSchema>;

/** One approver's decision under a level. */
export const approvalSchema = z.looseObject({
  id: idSchema.nullish(),
  status: optNamedSchema,
});

/** Answer wrappers, one per endpoint. */
export const requestAnswerSchema = z.looseObject({ request: requestSchema });
export const changeAnswerSchema = z.looseObject({ change: changeSchema });
export const approvalLevelsAnswerSchema = z.looseObject({
  approval_levels: z.array(approvalLevelSchema).nullish().transform((levels) => levels ?? []),
});
export const approvalsAnswerSchema = z.looseObject({
  approvals: z.array(approvalSchema).nullish().transform((list) => list ?? []),
});
