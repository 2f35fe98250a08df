/**
 * Time from the portal inserting the ticket header (#WOHeader / #ChangeHeader) to our toolbar
 * being in the page with its buttons, measured inside the page: a MutationObserver in the
 * page's main world (Playwright init script, so it exists before any portal script) stamps
 * performance.now() when the header node is added and when a `pam-bridge-toolbar` host with its
 * shadow buttons is added. Both stamps are taken in MutationObserver callbacks, i.e. at the end
 * of the task (or rAF callback) that made the change, so the delta is the wait for the next
 * animation frame plus our adapter's pass. The toolbar is in the DOM before that frame's
 * style/layout/paint, so "in the DOM with buttons" is painted in the same frame.
 */
import type { Page } from 'playwright-core';
import type { BenchEnv } from './env';
import { summarize, type Summary } from './stats';

interface ToolbarRecord {
  t: number;
  ticket: string | null;
  buttons: number;
  /** document.timeline.currentTime when stamped: the frame time during rAF callbacks. */
  frameTs: number | null;
}
interface HeaderRecord {
  t: number;
  id: string;
  /** Start of the first rAF callback after the header (the probe's, queued before ours) and its frame time. */
  frameAt: number | null;
  frameTs: number | null;
}
interface Probe {
  headers: HeaderRecord[];
  toolbars: ToolbarRecord[];
  waiters: Array<{ ticket: string; resolve: (record: ToolbarRecord) => void }>;
}
type ProbeWindow = { __pbProbe?: Probe };

/** Runs in the page's main world at document start (and is re-run harmlessly). */
function installProbe(): void {
  const w = window as unknown as ProbeWindow;
  if (w.__pbProbe) return;
  const probe: Probe = { headers: [], toolbars: [], waiters: [] };
  w.__pbProbe = probe;
  const HEADER = '#WOHeader, #ChangeHeader';
  const pick = (el: Element, selector: string) => (el.matches(selector) ? el : el.querySelector(selector));
  const record = (host: Element, t: number) => {
    const root = host.shadowRoot;
    const ticket = root?.querySelector('[data-ticket]')?.getAttribute('data-ticket') ?? null;
    const buttons = root?.querySelectorAll('button').length ?? 0;
    if (buttons === 0 && root) {
      // Not expected (the toolbar renders synchronously), but then time the buttons' arrival.
      const late = new MutationObserver(() => {
        if (!root.querySelector('button')) return;
        late.disconnect();
        record(host, performance.now());
      });
      late.observe(root, { childList: true, subtree: true });
    }
    const frameTs = document.timeline.currentTime;
    const entry = { t, ticket, buttons, frameTs: typeof frameTs === 'number' ? frameTs : null };
    probe.toolbars.push(entry);
    if (buttons > 0) {
      probe.waiters = probe.waiters.filter((waiter) => {
        if (waiter.ticket !== ticket) return true;
        waiter.resolve(entry);
        return false;
      });
    }
  };
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1) continue;
        const header = pick(node as Element, HEADER);
        if (header) {
          const entry: HeaderRecord = { t, id: header.id, frameAt: null, frameTs: null };
          probe.headers.push(entry);
          // Our observer was created before the content script's, so this rAF runs first in the frame.
          requestAnimationFrame((ts) => {
            entry.frameAt = performance.now();
            entry.frameTs = ts;
          });
        }
        const host = pick(node as Element, 'pam-bridge-toolbar');
        if (host) record(host, t);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

interface Sample {
  /** Header inserted → toolbar with buttons inserted (ms). */
  deltaMs: number;
  /** The toolbar was in the page by the first frame after the header (before or in its rAF turn). */
  firstFrame: boolean;
  /** Header → start of the first frame's rAF callbacks (the browser's part). */
  toFrameMs?: number;
  /** First frame's rAF start → toolbar in, when in that frame: our pass + render. */
  inFrameMs?: number;
  /** Server-rendered pages only: header parsed → load event end (Chromium injects document_idle scripts around then). */
  headerToLoadEndMs?: number;
}

/** In page: resolves with the header and toolbar stamps for `ticket`, headers counted from `since`. */
function collect(args: { ticket: string; since: number; timeoutMs: number }) {
  const probe = (window as unknown as ProbeWindow).__pbProbe;
  if (!probe) throw new Error('probe missing');
  const toolbarFor = new Promise<ToolbarRecord>((resolve, reject) => {
    const found = probe.toolbars.find((r) => r.ticket === args.ticket && r.buttons > 0);
    if (found) return resolve(found);
    probe.waiters.push({ ticket: args.ticket, resolve });
    setTimeout(() => reject(new Error(`no toolbar for ${args.ticket} within ${args.timeoutMs} ms`)), args.timeoutMs);
  });
  return toolbarFor.then((tb) => {
    const header = probe.headers.slice(args.since).find((h) => h.t <= tb.t);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      header: header?.t ?? null,
      frameAt: header?.frameAt ?? null,
      // By the first frame: in the page before that frame's rAF turn (the probe's callback queued with
      // the header has not run yet, or ran later), or in that same frame's rAF turn.
      firstFrame: header != null && (header.frameAt === null || tb.t <= header.frameAt || (header.frameTs != null && header.frameTs === tb.frameTs)),
      toolbar: tb.t,
      loadEnd: nav?.loadEventEnd ?? null,
    };
  });
}

export interface VariantResult {
  name: string;
  url: string;
  warmup: number;
  samples: Sample[];
  delta: Summary;
  /** Share of samples with delta ≤ one 60 Hz frame (16.7 ms). */
  withinFrame: number;
  /** Share of samples whose toolbar was in the page by the first frame after the header. */
  firstFrame: number;
  toFrame?: Summary;
  inFrame?: Summary;
  headerToLoadEnd?: Summary;
  /** deltaMs − headerToLoadEndMs per sample: load event end → toolbar. */
  loadEndToToolbar?: Summary;
}

export interface ToolbarTimingResult {
  variants: VariantResult[];
  frameInterval: Summary;
  visibility: string;
}

const TIMEOUT_MS = 10_000;
/** Late pages fetch their details this long after the script runs (content script is in by then). */
export const LATE_MS = 120;
const FRAME_MS = 1000 / 60;

async function fullLoads(
  page: Page,
  name: string,
  url: string,
  ticket: string,
  loads: number,
  warmup: number,
  parsedHeader: boolean,
): Promise<VariantResult> {
  const samples: Sample[] = [];
  for (let i = 0; i < warmup + loads; i++) {
    await page.goto(url);
    const r = await page.evaluate(collect, { ticket, since: 0, timeoutMs: TIMEOUT_MS });
    if (r.header === null) throw new Error(`${name}: no header insertion seen`);
    if (i < warmup) continue;
    samples.push({
      ...frameSplit(r as Collected),
      ...(parsedHeader && r.loadEnd ? { headerToLoadEndMs: r.loadEnd - r.header } : {}),
    });
  }
  return result(name, url, warmup, samples);
}

type Collected = { header: number; frameAt: number | null; firstFrame: boolean; toolbar: number };

function frameSplit(r: Collected): Sample {
  return {
    deltaMs: r.toolbar - r.header,
    firstFrame: r.firstFrame,
    ...(r.frameAt !== null ? { toFrameMs: r.frameAt - r.header } : {}),
    ...(r.firstFrame && r.frameAt !== null ? { inFrameMs: r.toolbar - r.frameAt } : {}),
  };
}

function result(name: string, url: string, warmup: number, samples: Sample[]): VariantResult {
  const deltas = samples.map((s) => s.deltaMs);
  const toLoad = samples.flatMap((s) => (s.headerToLoadEndMs === undefined ? [] : [s.headerToLoadEndMs]));
  return {
    name,
    url,
    warmup,
    samples,
    delta: summarize(deltas),
    withinFrame: deltas.filter((d) => d <= FRAME_MS).length / Math.max(1, deltas.length),
    firstFrame: samples.filter((s) => s.firstFrame).length / Math.max(1, samples.length),
    ...optional('toFrame', samples.flatMap((s) => (s.toFrameMs === undefined ? [] : [s.toFrameMs]))),
    ...optional('inFrame', samples.flatMap((s) => (s.inFrameMs === undefined ? [] : [s.inFrameMs]))),
    ...(toLoad.length
      ? {
          headerToLoadEnd: summarize(toLoad),
          loadEndToToolbar: summarize(samples.flatMap((s) => (s.headerToLoadEndMs === undefined ? [] : [s.deltaMs - s.headerToLoadEndMs]))),
        }
      : {}),
  };
}

const optional = <K extends string>(key: K, values: number[]) =>
  (values.length ? { [key]: summarize(values) } : {}) as Partial<Record<K, Summary>>;

/** SPA swaps: in-app links (pushState + API fetch + details re-rendered), alternating tickets. */
async function spaSwaps(env: BenchEnv, page: Page, swaps: number, warmup: number): Promise<VariantResult> {
  const url = env.requestUrl('1001', '&spa=1');
  await page.goto(url);
  await page.evaluate(collect, { ticket: 'request:1001', since: 0, timeoutMs: TIMEOUT_MS });
  const targets = ['1003', '1004'];
  const samples: Sample[] = [];
  for (let i = 0; i < warmup + swaps; i++) {
    const id = targets[i % targets.length]!;
    const r = await page.evaluate(
      ({ id, timeoutMs }) => {
        const probe = (window as unknown as ProbeWindow).__pbProbe!;
        const since = probe.headers.length;
        probe.toolbars.length = 0; // the next toolbar for this ticket must be a new one
        const link = document.querySelector<HTMLAnchorElement>(`a[data-spa="true"][href*="woID=${id}"]`);
        if (!link) throw new Error(`no in-app link to ${id}`);
        link.click(); // the portal's own handler: pushState, fetch, re-render
        return { since, ticket: `request:${id}`, timeoutMs };
      },
      { id, timeoutMs: TIMEOUT_MS },
    ).then((args) => page.evaluate(collect, args));
    if (r.header === null) throw new Error('SPA swap: no header insertion seen');
    if (i >= warmup) samples.push(frameSplit(r as Collected));
  }
  return result('SPA swap (in-app link)', `${url} → woID=1003/1004`, warmup, samples);
}

/** rAF intervals in the page over ~1 s: what a "frame" is in this (headless) browser. */
async function frameIntervals(page: Page): Promise<{ intervals: number[]; visibility: string }> {
  return page.evaluate(
    () =>
      new Promise<{ intervals: number[]; visibility: string }>((resolve) => {
        const times: number[] = [];
        const step = (t: number) => {
          times.push(t);
          if (times.length < 61) requestAnimationFrame(step);
          else resolve({ intervals: times.slice(1).map((x, i) => x - times[i]!), visibility: document.visibilityState });
        };
        requestAnimationFrame(step);
      }),
  );
}

export async function measureToolbarTiming(env: BenchEnv, loads: number, warmup = 2): Promise<ToolbarTimingResult> {
  const page = await env.newPage();
  try {
    await page.addInitScript(installProbe);
    await page.bringToFront();
    const variants = [
      await fullLoads(page, 'Request page (WorkOrder.do)', env.requestUrl('1001'), 'request:1001', loads, warmup, true),
      await fullLoads(page, 'Change page (ChangeDetails.do)', env.changeUrl('2001'), 'change:2001', loads, warmup, true),
      await fullLoads(page, `Late-loading request (lateMs=${LATE_MS})`, env.requestUrl('1001', `&lateMs=${LATE_MS}`), 'request:1001', loads, warmup, false),
      await spaSwaps(env, page, loads, warmup),
    ];
    const frames = await frameIntervals(page);
    return { variants, frameInterval: summarize(frames.intervals), visibility: frames.visibility };
  } finally {
    await page.close();
  }
}
