/**
 * zod shapes of PAM360 answers (research/pam360-api.md §2–§3). Loose on purpose: newer builds
 * add keys, and we must not break on them. Values are strings on the wire; IDs sometimes come
 * as numbers on other builds, so both are accepted and IDs always leave here as strings.
 */
import * as z from 'zod';

/** An ID: non-empty string or non-negative integer, always returned as a string. */
export const idSchema = z
  .union([z.string().trim().min(1), z.number().int().nonnegative()])
  .transform((value) => String(value));

/** Free text; missing, null or not text becomes ''. Booleans and numbers become text. */
const text = z.unknown().optional().transform((value) =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '',
);

/** Text that must be present (names). */
const requiredText = z.union([z.string(), z.number()]).transform((value) => String(value));

/**
 * PAM360 booleans are the strings "true"/"false" (any case). A JSON boolean or 1/"1" (other
 * serialisers) also count as set — the stricter reading for "required"/"restricted" flags.
 * Anything else, or missing, is false.
 */
const flag = z.unknown().optional().transform((value) => {
  if (value === true || value === 1) return true;
  return typeof value === 'string' && ['true', '1'].includes(value.trim().toLowerCase());
});

/**
 * A list of strings (AUTOLOGONLIST). Arrays are the documented form; a string is split on
 * commas after dropping list brackets and quotes ("[SSH, Telnet]", '["SSH","Telnet"]').
 * Entries that are not text are dropped.
 */
const stringList = z.unknown().optional().transform((value) => {
  const items: unknown[] = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.trim().replace(/^\[|\]$/g, '').split(',')
      : [];
  return items
    .map((item) => (typeof item === 'string' || typeof item === 'number' ? String(item) : ''))
    .map((item) => item.trim().replace(/^["']|["']$/g, '').trim())
    .filter(Boolean);
});

/** A non-negative count sent as number or digit string. */
const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** "RESOURCE ID", "RESOURCEID", "Resource_Id" → "RESOURCEID". */
const squash = (key: string) => key.replace(/[\s_]+/g, '').toUpperCase();

/**
 * An object schema that also finds its keys under other spellings: research shows the same
 * field as "RESOURCE ID" (lists) and "RESOURCEID" (name lookups), "PASSWDID" and "PASSWD ID".
 * A key differing only in spaces, underscores or case fills a missing one; the documented
 * spelling wins when both are present.
 */
function pamObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const wanted = Object.keys(shape);
  return z.preprocess((value) => {
    if (!isRecord(value)) return value;
    const missing = wanted.filter((key) => !(key in value));
    if (missing.length === 0) return value;
    const spelled = new Map(Object.keys(value).map((key) => [squash(key), key]));
    const out: Record<string, unknown> = { ...value };
    for (const key of missing) {
      const other = spelled.get(squash(key));
      if (other !== undefined) out[key] = value[other];
    }
    return out;
  }, z.looseObject(shape));
}

/**
 * A list in Details. Documented: an array, absent when empty (§2.1). Also read: null or {}
 * (empty) and a lone object (a one-row list from serialisers that unwrap single elements).
 */
function pamList<S extends z.ZodType>(item: S) {
  return z.preprocess((value) => {
    if (value == null) return [];
    if (isRecord(value)) return Object.keys(value).length === 0 ? [] : [value];
    return value;
  }, z.array(item));
}

/** An object in Details; a one-element array around it is unwrapped (the mirror of pamList). */
function pamSingle<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (Array.isArray(value) && value.length === 1 ? value[0] : value), schema);
}

/** Optional envelope fields: an odd form is dropped, never a reason to reject the answer. */
const lenient = <S extends z.ZodType>(schema: S) => schema.optional().catch(undefined);

/** `{operation:{name?, result:{status, message?, statusCode?}, totalRows?, Details?}}` (§3). */
export const envelopeSchema = z.looseObject({
  operation: z.looseObject({
    name: lenient(z.string()),
    result: z.looseObject({
      status: z.union([z.string(), z.boolean()]).transform((value) => String(value)),
      message: lenient(z.union([z.string(), z.number()]).transform((value) => String(value))),
      statusCode: lenient(z.union([z.number(), z.string()])),
    }),
    totalRows: lenient(count),
    // null is read as absent: callers test `Details === undefined` for "no rows".
    Details: z.unknown().optional().transform((value) => (value === null ? undefined : value)),
  }),
});
export type Envelope = z.output<typeof envelopeSchema>['operation'];

/** One row of GET RESOURCES (§2.1). `DNS NAME` is not in the documented list; read if present. */
export const resourceRowSchema = pamObject({
  'RESOURCE ID': idSchema,
  'RESOURCE NAME': requiredText,
  'RESOURCE TYPE': text,
  'RESOURCE DESCRIPTION': text,
  NOOFACCOUNTS: text,
  'DNS NAME': text,
});
export const resourceListSchema = pamList(resourceRowSchema);

/** One element of `ACCOUNT LIST` (§2.3). */
export const accountRowSchema = pamObject({
  'ACCOUNT ID': idSchema,
  'ACCOUNT NAME': requiredText,
  ACCOUNT_DESCRIPTION: text,
  PASSWDID: text,
  'PASSWORD STATUS': text,
  AUTOLOGONLIST: stringList,
  AUTOLOGONSTATUS: text,
  ISREASONREQUIRED: flag,
  IS_TICKETID_REQD: flag,
  IS_TICKETID_REQD_MANDATORY: flag,
  IS_TICKETID_REQD_ACW: flag,
  PASSWORDREQUEST_REASON_MANDATORY: flag,
  ISREMOTEAPPONLY: flag,
});
export type AccountRow = z.output<typeof accountRowSchema>;

/** Details of GET RESOURCE ACCOUNTLIST: resource fields plus `ACCOUNT LIST` (§2.3). */
export const resourceAccountsSchema = pamSingle(
  pamObject({
    // Not in every captured sample; the client falls back to the requested ID.
    'RESOURCE ID': idSchema.optional(),
    'RESOURCE NAME': requiredText,
    'RESOURCE TYPE': text,
    'RESOURCE DESCRIPTION': text,
    'DNS NAME': text,
    'DOMAIN NAME': text,
    'RESOURCE URL': text,
    DEPARTMENT: text,
    LOCATION: text,
    NEWSSHTERMINAL: flag,
    ISRDPRESTRICTED: flag,
    IS_SSH_RESTRICTED: flag,
    IS_LOCAL_ACCOUNTS_AUTOLOGON_RESTRICTED: flag,
    PASSWORDREQUEST_REASON_MANDATORY: flag,
    'ACCOUNT LIST': pamList(accountRowSchema),
  }),
);
export type ResourceAccountsRaw = z.output<typeof resourceAccountsSchema>;

/** Details of GET RESOURCE ACCOUNT DETAILS (§2.4). */
export const accountDetailsSchema = pamSingle(
  pamObject({
    DESCRIPTION: text,
    PASSWDID: text,
    'PASSWORD STATUS': text,
    'PASSWORD POLICY': text,
    'LAST ACCESSED TIME': text,
    'LAST MODIFIED TIME': text,
    'EXPIRY STATUS': text,
    'COMPLIANT STATUS': text,
    'COMPLIANT REASON': text,
    PASSWORDREQUEST_REASON_MANDATORY: flag,
    IS_TOTP_CONFIGURED: flag,
  }),
);

/** getResourceIdAccountId (§2.2). */
export const resolveIdsSchema = pamSingle(pamObject({ RESOURCEID: idSchema, ACCOUNTID: idSchema }));

/** resources/resourcename/{name} (§2.2). */
export const resourceIdSchema = pamSingle(pamObject({ RESOURCEID: idSchema }));

/** validateHelpDeskID Details on failure (§2.8); only STATUSCODE is read. */
export const helpDeskDetailsSchema = pamSingle(
  pamObject({
      STATUSCODE: z.union([z.number(), z.string()]).nullish(),
  }),
);

/** requestpassword Details; `STATUS` (new PASSWORD STATUS) is an inference from the session API. */
export const requestPasswordSchema = pamSingle(pamObject({ STATUS: text }));
