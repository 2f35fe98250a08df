/** Bundle sizes of the Chromium build (raw and gzip -9). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONTENT_BUDGET_GZIP = 12 * 1024;

export interface SizeRow {
  file: string;
  raw: number;
  gzip: number;
  /** A script that runs in web pages (runtime-registered per portal). */
  contentScript: boolean;
}

export interface SizeResult {
  rows: SizeRow[];
  /** The script registered for the SDP connector (content-scripts/sdp.js or portal-sdp.js, by build layout). */
  sdp?: SizeRow;
  /** How `sdp` was identified. */
  sdpSource: string;
  /** The script registered for the ServiceNow connector (when the ServiceNow section set one up), else by file name. */
  servicenow?: SizeRow;
  servicenowSource: string;
  background?: SizeRow;
  budgetGzip: number;
}

/** Page scripts by build layout: WXT content scripts, or runtime `portal-<kind>.js` entries. */
const looksLikeContentScript = (file: string) => file.startsWith('content-scripts/') || /^portal-[a-z0-9-]+\.js$/.test(file);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * Sizes of every .js file. `registered` = the files the running extension registered for the
 * bench's SDP and ServiceNow connectors (chrome.scripting.getRegisteredContentScripts), when known.
 */
export function measureSizes(buildDir: string, registered?: { sdp: string[]; servicenow?: string[]; all: string[] }): SizeResult {
  const rows = files(buildDir)
    .filter((path) => path.endsWith('.js'))
    .map((path) => {
      const bytes = readFileSync(path);
      const file = relative(buildDir, path);
      return {
        file,
        raw: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        contentScript: looksLikeContentScript(file) || !!registered?.all.includes(file),
      };
    })
    .sort((a, b) => Number(b.contentScript) - Number(a.contentScript) || a.file.localeCompare(b.file));
  const fromBrowser = registered?.sdp.length ? rows.find((r) => registered.sdp.includes(r.file)) : undefined;
  const sdp = fromBrowser ?? rows.find((r) => r.file === 'content-scripts/sdp.js' || r.file === 'portal-sdp.js');
  const snFromBrowser = registered?.servicenow?.length ? rows.find((r) => registered.servicenow!.includes(r.file)) : undefined;
  const servicenow = snFromBrowser ?? rows.find((r) => r.file === 'content-scripts/servicenow.js' || r.file === 'portal-servicenow.js');
  const background = rows.find((r) => r.file === 'background.js');
  return {
    rows,
    ...(sdp ? { sdp } : {}),
    sdpSource: fromBrowser ? 'as the file the extension registered for the SDP connector' : 'by file name (the registration could not be read)',
    ...(servicenow ? { servicenow } : {}),
    servicenowSource: snFromBrowser ? 'as the file the extension registered for the ServiceNow connector' : 'by file name (no ServiceNow registration was read)',
    ...(background ? { background } : {}),
    budgetGzip: CONTENT_BUDGET_GZIP,
  };
}
