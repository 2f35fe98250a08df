/** ServiceNow (Table API) client for the background; see client.ts. */
export { APPROVER_FIELDS, CHANGE_FIELDS, createServiceNowClient, TASK_CI_FIELDS, TICKET_FIELDS } from './client';
export { approvalOf, approverRowOf, DEFAULT_STATES, IMPLEMENTATION_STATES, isImplementation, stateOf } from './states';
export { KIND_OF_TABLE, SN_TABLES, SYS_ID, TABLE_OF_KIND, type SnTable } from './tables';
