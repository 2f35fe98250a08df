/**
 * Main-thread cost on a page that mutates its DOM all the time. Inside the bench only, a page
 * function replaces a 20-item "live feed" subtree every 4 ms (setInterval) for a few seconds on
 * an SDP request page — childList mutations, which is what our MutationObserver listens to.
 *
 * Two measurements:
 * - Attribution (CDP Profiler, V8 sampling every 200 µs, on the page with the toolbar): time in
 *   samples with any frame from the extension (chrome-extension://<id>/…, i.e. our content script,
 *   which runs in an isolated world of the same renderer thread), as a share of the window's wall
 *   time and of its busy (non-idle) time.
 * - A/B (CDP Performance.getMetrics, no profiler): TaskDuration / ScriptDuration of the renderer
 *   during the same run on the configured portal (toolbar present) vs the same HTML served by a
 *   second SDP stand-in on 127.0.0.3 that has no connector (no content script is registered).
 *   Windows alternate A B B A A B B A to spread drift; the difference is the extension's share plus noise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { toolbar } from '../../test/e2e/pages/portal';
import type { BenchEnv } from './env';
import { median } from './stats';

const PERIOD_MS = 4;
const FEED_ITEMS = 20;
const SAMPLING_US = 200;
/** A/B windows, alternating so that drift and neighbours' load spread over both sides. */
const ORDER = ['extension', 'control', 'control', 'extension', 'extension', 'control', 'control', 'extension'] as const;

/** In page: mutate a subtree every `periodMs` for `durationMs`; resolves with the batch count. */
function churn(args: { durationMs: number; periodMs: number; items: number }): Promise<number> {
  return new Promise((resolve) => {
    const feed = document.createElement('section');
    feed.id = 'bench-live-feed';
    document.body.append(feed);
    let batches = 0;
    const end = performance.now() + args.durationMs;
    const timer = setInterval(() => {
      batches++;
      const rows: HTMLElement[] = [];
      for (let i = 0; i < args.items; i++) {
        const row = document.createElement('div');
        row.className = 'feed-row';
        row.textContent = `Update ${batches} · row ${i}`;
        rows.push(row);
      }
      feed.replaceChildren(...rows);
      if (performance.now() >= end) {
        clearInterval(timer);
        feed.remove();
        resolve(batches);
      }
    }, args.periodMs);
  });
}

interface Metrics {
  Timestamp: number;
  TaskDuration: number;
  ScriptDuration: number;
  LayoutDuration: number;
  RecalcStyleDuration: number;
}

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => list.find((m) => m.name === name)?.value ?? 0;
  return {
    Timestamp: get('Timestamp'),
    TaskDuration: get('TaskDuration'),
    ScriptDuration: get('ScriptDuration'),
    LayoutDuration: get('LayoutDuration'),
    RecalcStyleDuration: get('RecalcStyleDuration'),
  };
}

export interface WindowResult {
  page: 'extension' | 'control';
  wallMs: number;
  taskMs: number;
  scriptMs: number;
  batches: number;
}

export interface ProfileResult {
  page: 'extension' | 'control';
  wallMs: number;
  busyMs: number;
  extensionMs: number;
  /** Extension share of wall time / of busy (non-idle) time, in %. */
  extensionOfWall: number;
  extensionOfBusy: number;
  /** Self time per extension function (top frames), ms, largest first; `code` = start of the minified source. */
  top: Array<{ fn: string; selfMs: number; code?: string }>;
  batches: number;
}

export interface MainThreadResult {
  durationMs: number;
  periodMs: number;
  controlHasToolbar: boolean;
  windows: WindowResult[];
  profiles: ProfileResult[];
  ab: {
    extTaskPct: number;
    ctrlTaskPct: number;
    extScriptPct: number;
    ctrlScriptPct: number;
    /** Difference in task (main-thread busy) time, in % of wall time. */
    deltaTaskPctOfWall: number;
    /** Same difference relative to the control page's own busy time. */
    deltaTaskPctOfBusy: number;
    deltaScriptPctOfWall: number;
  };
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** The first characters of a function in the built file (minified names say little). */
function codeAt(buildDir: string, file: string, line: number, column: number): string | undefined {
  try {
    const text = readFileSync(join(buildDir, file), 'utf8').split('\n')[line] ?? '';
    return text.slice(column, column + 90).replace(/\s+/g, ' ');
  } catch {
    return undefined;
  }
}

function attribute(profile: CpuProfile, prefix: string, buildDir: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, boolean>();
  const ours = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const p = parent.get(id);
    const value = !!node && (node.callFrame.url.startsWith(prefix) || (p !== undefined && ours(p)));
    memo.set(id, value);
    return value;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let idle = 0;
  let ext = 0;
  const self = new Map<string, { us: number; code?: string }>();
  for (let i = 0; i < samples.length; i++) {
    // A sample lasts until the next one is taken.
    const us = i + 1 < samples.length ? deltas[i + 1]! : 0;
    const node = byId.get(samples[i]!);
    if (!node) continue;
    if (node.callFrame.functionName === '(idle)') idle += us;
    if (ours(node.id)) {
      ext += us;
      const f = node.callFrame;
      const file = f.url.slice(prefix.length);
      const name = f.url.startsWith(prefix)
        ? `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`
        : `${f.functionName || '(native)'} (called from the content script)`;
      const entry = self.get(name) ?? { us: 0, ...(f.url.startsWith(prefix) ? { code: codeAt(buildDir, file, f.lineNumber, f.columnNumber) } : {}) };
      entry.us += us;
      self.set(name, entry);
    }
  }
  const wall = profile.endTime - profile.startTime;
  return {
    wallMs: wall / 1000,
    busyMs: (wall - idle) / 1000,
    extensionMs: ext / 1000,
    top: [...self.entries()]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, 4)
      .map(([fn, e]) => ({ fn, selfMs: e.us / 1000, ...(e.code ? { code: e.code } : {}) })),
  };
}

async function run(page: Page, cdp: CDPSession, durationMs: number): Promise<{ before: Metrics; after: Metrics; batches: number }> {
  await page.bringToFront();
  const before = await metrics(cdp);
  const batches = await page.evaluate(churn, { durationMs, periodMs: PERIOD_MS, items: FEED_ITEMS });
  const after = await metrics(cdp);
  return { before, after, batches };
}

export async function measureMainThread(env: BenchEnv, durationMs: number): Promise<MainThreadResult> {
  const ext = await env.openTicket(env.requestUrl('1001'));
  const ctrl = await env.newPage();
  try {
    await ctrl.goto(env.requestUrl('1001', '', env.control.url));
    await ctrl.locator('#WOHeader').waitFor();
    await ctrl.waitForTimeout(300); // document_idle has passed: a content script would be in by now
    const controlHasToolbar = (await toolbar(ctrl).count()) > 0;

    const sessions = {
      extension: await env.session.context.newCDPSession(ext),
      control: await env.session.context.newCDPSession(ctrl),
    };
    const pages = { extension: ext, control: ctrl };
    for (const cdp of Object.values(sessions)) await cdp.send('Performance.enable');

    const windows: WindowResult[] = [];
    for (const which of ORDER) {
      const { before, after, batches } = await run(pages[which], sessions[which], durationMs);
      windows.push({
        page: which,
        wallMs: (after.Timestamp - before.Timestamp) * 1000,
        taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
        scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
        batches,
      });
    }

    const prefix = `chrome-extension://${env.session.extensionId}/`;
    const profiles: ProfileResult[] = [];
    for (const which of ['extension', 'control'] as const) {
      const cdp = sessions[which];
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
      await pages[which].bringToFront();
      await cdp.send('Profiler.start');
      const batches = await pages[which].evaluate(churn, { durationMs, periodMs: PERIOD_MS, items: FEED_ITEMS });
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      await cdp.send('Profiler.disable');
      const a = attribute(profile, prefix, env.extensionDir);
      profiles.push({
        page: which,
        ...a,
        extensionOfWall: (100 * a.extensionMs) / a.wallMs,
        extensionOfBusy: (100 * a.extensionMs) / a.busyMs,
        batches,
      });
    }
    for (const cdp of Object.values(sessions)) await cdp.detach().catch(() => undefined);

    const share = (which: 'extension' | 'control', key: 'taskMs' | 'scriptMs') =>
      median(windows.filter((w) => w.page === which).map((w) => (100 * w[key]) / w.wallMs));
    const extTaskPct = share('extension', 'taskMs');
    const ctrlTaskPct = share('control', 'taskMs');
    const extScriptPct = share('extension', 'scriptMs');
    const ctrlScriptPct = share('control', 'scriptMs');
    return {
      durationMs,
      periodMs: PERIOD_MS,
      controlHasToolbar,
      windows,
      profiles,
      ab: {
        extTaskPct,
        ctrlTaskPct,
        extScriptPct,
        ctrlScriptPct,
        deltaTaskPctOfWall: extTaskPct - ctrlTaskPct,
        deltaTaskPctOfBusy: (100 * (extTaskPct - ctrlTaskPct)) / ctrlTaskPct,
        deltaScriptPctOfWall: extScriptPct - ctrlScriptPct,
      },
    };
  } finally {
    await ext.close();
    await ctrl.close();
  }
}
