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

/** Free text; missing or null becomes ''. */
const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value == null ? '' : String(value)));

/** Text that must be present (names). */
const requiredText = z.union([z.string(), z.number()]).transform((value) => String(value));

/** PAM360 booleans are the strings "true"/"false"; anything but "true" (or missing) is false. */
const flag = z
  .union([z.string(), z.boolean()])
  .nullish()
  .transform((value) => value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true'));

/** A list of strings; tolerates one comma-separated string (seen nowhere yet, cheap to accept). */
const stringList = z
  .union([z.array(z.string()), z.string()])
  .nullish()
  .transform((value) => (value == null ? [] : Array.isArray(value) ? value : value.split(',')))
  .transform((list) => list.map((item) => item.trim()).filter(Boolean));

/** A non-negative count sent as number or digit string. */
const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** `{operation:{name?, result:{status, message?, statusCode?}, totalRows?, Details?}}` (§3). */
export const envelopeSchema = z.looseObject({
  operation: z.looseObject({
    name: z.string().nullish(),
    result: z.looseObject({
      status: z.union([z.string(), z.boolean()]).transform((value) => String(value)),
      message: z.string().nullish(),
      statusCode: z.union([z.number(), z.string()]).nullish(),
    }),
    totalRows: count.nullish(),
    Details: z.unknown().optional(),
  }),
});
export type Envelope = z.output<typeof envelopeSchema>['operation'];

/** One row of GET RESOURCES (§2.1). `DNS NAME` is not in the documented list; read if present. */
export const resourceRowSchema = z.looseObject({
  'RESOURCE ID': idSchema,
  'RESOURCE NAME': requiredText,
  'RESOURCE TYPE': text,
  'RESOURCE DESCRIPTION': text,
  NOOFACCOUNTS: text,
  'DNS NAME': text,
});
export const resourceListSchema = z.array(resourceRowSchema);

/** One element of `ACCOUNT LIST` (§2.3). */
export const accountRowSchema = z.looseObject({
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
export const resourceAccountsSchema = z.looseObject({
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
  'ACCOUNT LIST': z
    .array(accountRowSchema)
    .nullish()
    .transform((list) => list ?? []),
});
export type ResourceAccountsRaw = z.output<typeof resourceAccountsSchema>;

/** Details of GET RESOURCE ACCOUNT DETAILS (§2.4). */
export const accountDetailsSchema = z.looseObject({
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
});

/** getResourceIdAccountId (§2.2). */
export const resolveIdsSchema = z.looseObject({ RESOURCEID: idSchema, ACCOUNTID: idSchema });

/** resources/resourcename/{name} (§2.2). */
export const resourceIdSchema = z.looseObject({ RESOURCEID: idSchema });

/** validateHelpDeskID Details on failure (§2.8); only STATUSCODE is read. */
export const helpDeskDetailsSchema = z.looseObject({
  STATUSCODE: z.union([z.number(), z.string()]).nullish(),
});

/** requestpassword Details; `STATUS` (new PASSWORD STATUS) is an inference from the session API. */
export const requestPasswordSchema = z.looseObject({ STATUS: text });
