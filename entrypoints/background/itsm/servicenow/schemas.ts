/**
 * zod shapes of ServiceNow Table API answers (research/itsm-portals.md §2.4). Loose objects:
 * instances add fields and we must not break on them. Ticket reads use
 * `sysparm_display_value=all`, so every field is `{value, display_value}` (plus `link` on
 * references unless excluded); values are strings on the wire, but numbers/booleans/null are
 * accepted and always leave here as trimmed strings ('' for empty).
 */
import * as z from 'zod';

const text = z
  .union([z.string(), z.number(), z.boolean()])
  .nullish()
  .transform((v) => (v == null ? '' : String(v).trim()));

/** A `display_value=all` field → `{value, display}`. */
const requiredField = z
  .looseObject({ value: text, display_value: text })
  .transform((f) => ({ value: f.value, display: f.display_value }));
/**
 * An empty field sent bare: `""` or null instead of `{value: '', display_value: ''}`. The Table
 * API writes empty references that way in its other display modes, and a release or an imitation
 * may do it with `display_value=all` too [I]. Empty is empty either way, so it must not fail the
 * whole ticket. A bare non-empty string stays an error: it could be the value or the display
 * value (a sys_id or a name, a UTC or a local time), and guessing could pass a wrong window.
 */
const bareEmpty = z
  .union([z.string().regex(/^\s*$/), z.null()])
  .transform((): z.output<typeof requiredField> => ({ value: '', display: '' }));
/** An optional task field: `{value, display_value}`, a bare empty value, or missing (→ undefined). */
export const fieldSchema = z.union([requiredField, bareEmpty]).optional();
export type SnField = z.output<typeof requiredField>;

/**
 * The task fields the client asks for (see TICKET_FIELDS in client.ts). Only `state` is required:
 * without it nothing can be decided; anything else may be hidden by field ACLs or not exist on
 * the table (incidents have no start_date), and the Table API then leaves it out.
 */
export const taskSchema = z.looseObject({
  sys_id: fieldSchema,
  number: fieldSchema,
  short_description: fieldSchema,
  state: requiredField,
  active: fieldSchema,
  approval: fieldSchema,
  type: fieldSchema,
  assigned_to: fieldSchema,
  'assigned_to.user_name': fieldSchema,
  'assigned_to.email': fieldSchema,
  cmdb_ci: fieldSchema,
  'cmdb_ci.name': fieldSchema,
  'cmdb_ci.fqdn': fieldSchema,
  'cmdb_ci.ip_address': fieldSchema,
  start_date: fieldSchema,
  end_date: fieldSchema,
});
export type SnTask = z.output<typeof taskSchema>;

/** A task_ci row (affected CI) with the dot-walked CI fields. */
export const taskCiSchema = z.looseObject({
  ci_item: fieldSchema,
  'ci_item.name': fieldSchema,
  'ci_item.fqdn': fieldSchema,
  'ci_item.ip_address': fieldSchema,
});
export type SnTaskCi = z.output<typeof taskCiSchema>;

/** A sysapproval_approver row. */
export const approverSchema = z.looseObject({
  state: fieldSchema,
  approver: fieldSchema,
});
export type SnApprover = z.output<typeof approverSchema>;

/** A sys_user row read with display_value=false (plain strings). */
export const userSchema = z.looseObject({
  sys_id: text,
  user_name: text,
  name: text,
  email: text,
});

/** Any record (a PATCH answer: we only check that a record came back). */
export const anyRecordSchema = z.looseObject({});

/** `{"result": {...}}` (one record) and `{"result": [...]}` (a list). */
export const recordAnswer = <S extends z.ZodType>(record: S) => z.looseObject({ result: record });
export const listAnswer = <S extends z.ZodType>(record: S) => z.looseObject({ result: z.array(record) });

/** The Table API's error envelope: `{"error":{"message","detail"},"status":"failure"}`. */
export const errorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    message: z.string().nullish(),
    detail: z.string().nullish(),
  }),
  status: z.string().nullish(),
});
