/**
 * ServiceNow pages for tests, e2e and the demo: functions that return whole HTML documents. The
 * ServiceNow API stand-in serves them; test/fixtures/servicenow/ are generated from them.
 */
export { actionId, renderClassicForm } from './classic';
export { POLARIS_COMPONENT, renderNavTo, renderPolarisClassic, type FrameOptions } from './frames';
export { renderList, renderLogin } from './other-pages';
export { classicFormPath, TABLES, tableOf, workspaceRecordPath, type FieldSpec, type TableSpec } from './tables';
export { renderWorkspace, workspaceData, workspaceUrlPath } from './workspace';
export type {
  ClassicFormOptions, SessionOptions, SnField, SnPageUser, SnRecord, SnRecordLink, SnReference, SnTable, WorkspaceOptions,
} from './types';
