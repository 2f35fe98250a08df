/**
 * A Service Operations Workspace (or other Next Experience workspace) record page at
 * `/now/<workspace>/record/<table>/<sys_id>`. The server sends an empty `sn-canvas-appshell-root`
 * plus data; the page script (workspace-client.js) builds the component tree with open shadow
 * roots at runtime, like the real workspace:
 *
 *   sn-canvas-appshell-root › sn-canvas-appshell-layout › (sn-polaris-header, sidebar,
 *   sn-canvas-main › tab strip + sn-canvas-screen per record tab [inactive: display:none])
 *   › sn-workspace-content › sn-form-data-connected (props .table, .nowRecordFormBlob)
 *   › sn-form-internal-header-layout (heading, .uiaction-bar-wrapper) + now-record-form-section
 *   › sn-record-*-connected fields [name, value attributes] › inputs [name]
 *
 * A record switch (tab, sidebar link, back/forward) pushes the URL, fetches the record from the
 * Table API with X-UserToken, then tears the screen's subtree down and rebuilds it 50–200 ms later.
 * Written by us to imitate research §2.1–2.3 and practitioner scripts; not vendor code.
 */
import { h } from '../../shared/html-builder';
import { globalsScript } from '../../shared/inline-script';
import { page, pageScript } from './html';
import { TABLES, tableOf, workspaceActions, workspaceRecordPath } from './tables';
import type { SnRecord, WorkspaceOptions } from './types';

/** The URL of a workspace record page. */
export function workspaceUrlPath(record: SnRecord, workspace = 'sow'): string {
  return workspaceRecordPath(workspace, record.sys_class_name.value, record.sys_id.value);
}

/** What workspace-client.js gets as DATA. */
export function workspaceData(records: SnRecord[], activeIndex: number, options: WorkspaceOptions) {
  if (!records.length) throw new Error('renderWorkspace needs at least one record');
  if (!Number.isInteger(activeIndex) || activeIndex < 0 || activeIndex >= records.length) throw new Error(`No record tab ${activeIndex}`);
  for (const record of records) tableOf(record.sys_class_name.value);
  const tables = Object.fromEntries(Object.entries(TABLES).map(([table, spec]) => [
    table, { label: spec.label, fields: spec.fields, actions: workspaceActions(tableOf(table)) },
  ]));
  const rebuild = options.rebuildMs ?? [50, 200];
  return {
    workspace: options.workspace ?? 'sow',
    records,
    active: activeIndex,
    tables,
    links: options.links ?? [],
    noActionBar: options.noActionBar ?? false,
    rebuildMs: typeof rebuild === 'number' ? [rebuild, rebuild] : rebuild,
    userName: `${options.user.firstName} ${options.user.lastName}`,
  };
}

/** The workspace page with `records` open as tabs and `records[activeIndex]` in front. */
export function renderWorkspace(records: SnRecord[], activeIndex: number, options: WorkspaceOptions): string {
  const data = workspaceData(records, activeIndex, options);
  const active = records[activeIndex]!;
  return page({
    title: `${active.number.display_value} | Service Operations Workspace`,
    bodyClass: 'sn-workspace',
    head: globalsScript({ g_ck: options.token, NOW: { user: options.user } }),
    body: [h('sn-canvas-appshell-root', null), pageScript('workspace-client.js', data)],
  });
}
