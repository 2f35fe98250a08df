/**
 * ServiceNow: time from the portal putting a record's header in the page to our toolbar being
 * there with its buttons, for each UI the page script supports (test/e2e/servicenow.e2e.ts):
 *   a. classic form loaded directly (`/incident.do?sys_id=…`): form header `.navbar-right`;
 *   b. the same form inside nav_to.do's iframe#gsft_main (measured inside the frame);
 *   c. the same form inside the Next Experience wrapper's iframe#gsft_main, which sits in the
 *      macroponent's open shadow root (measured inside the frame);
 *   d. workspace first load (`/now/sow/record/incident/…`): the action bar `.uiaction-bar-wrapper`,
 *      7 open shadow roots down;
 *   e. workspace record switch (the sidebar's own link: pushState + Table API fetch + re-render).
 *
 * Method: a Playwright init script (page-level, so it runs in every frame of the tab, before any
 * portal script) in the main world. One MutationObserver watches the document and, through a hook
 * on Element.prototype.attachShadow (main world only: our content script's isolated world has its
 * own prototypes and is untouched), every open shadow root the page creates. Each added node that
 * is in the document is searched, shadow roots included, for a header and for a
 * `pam-bridge-toolbar` host; stamps are performance.now() at the start of the observer callback,
 * i.e. at the end of the task or rAF callback that made the change (as in toolbar-timing.ts).
 *
 * The ServiceNow stand-in, its connector (session auth) and alice's sign-in are set up here, in
 * the bench's browser, only when this section runs, on 127.0.0.4.
 */
import type { Frame, Page } from 'playwright-core';
import { preGrantHostAccess } from '../../test/e2e/harness';
import { addServiceNowConnector, OptionsPage } from '../../test/e2e/pages/options-page';
import { startServiceNowStandIn, type ServiceNowStandIn } from '../../test/stand-ins/servicenow/server';
import { Cleanup, within, type BenchEnv } from './env';
import { summarize, type Summary } from './stats';

/** Seeded records (test/stand-ins/servicenow/README.md): both open, assigned to alice. */
export const SN_RECORDS = {
  INC0010001: { table: 'incident', sysId: '0d16139b97e2e2a49391f06fc11f2583' },
  CHG0030001: { table: 'change_request', sysId: 'a7d0638b8d6c7af4c0a5cedfe9746f3f' },
} as const;
const INC = SN_RECORDS.INC0010001;
const CHG = SN_RECORDS.CHG0030001;

interface HeaderRecord {
  t: number;
  /** Which header: the classic form's `.navbar-right` or a workspace action bar. */
  kind: 'classic' | 'workspace';
  /** The record it belongs to: the URL's sys_id (classic) or the form component's sysId (workspace). */
  sysId: string | null;
  /** When the probe's rAF callback queued with the header ran, and that frame's time. */
  frameAt: number | null;
  frameTs: number | null;
}
interface ToolbarRecord {
  t: number;
  ticket: string | null;
  buttons: number;
  /** document.timeline.currentTime when stamped: the frame time during rAF callbacks. */
  frameTs: number | null;
}
interface SnProbe {
  top: boolean;
  headers: HeaderRecord[];
  toolbars: ToolbarRecord[];
  /** Open shadow roots the page attached (all observed). */
  shadowRoots: number;
  waiters: Array<{ sysId: string; resolve: (record: ToolbarRecord) => void }>;
}
type ProbeWindow = { __pbSnProbe?: SnProbe };

/** Runs in every frame's main world at document start (page.addInitScript). Serialised: self-contained. */
function installSnProbe(): void {
  const w = window as unknown as ProbeWindow;
  if (w.__pbSnProbe) return;
  const probe: SnProbe = { top: window === window.top, headers: [], toolbars: [], shadowRoots: 0, waiters: [] };
  w.__pbSnProbe = probe;
  const HEADER = '.navbar-right, .uiaction-bar-wrapper';
  const seen = new WeakSet<Element>();

  /** Elements matching `selector` in `el`'s subtree, its own shadow root and every open one below. */
  const deepFind = (el: Element, selector: string): Element[] => {
    const found: Element[] = [];
    const scan = (scope: Element | ShadowRoot, self: Element | null) => {
      if (self?.matches(selector)) found.push(self);
      found.push(...Array.from(scope.querySelectorAll(selector)));
      const hosts = self ? [self, ...Array.from(scope.querySelectorAll('*'))] : Array.from(scope.querySelectorAll('*'));
      for (const host of hosts) if (host.shadowRoot) scan(host.shadowRoot, null);
    };
    scan(el, el);
    return found;
  };
  /** The workspace form component above `el` (composed tree) carries the record as a JS property. */
  const formSysId = (el: Element): string | null => {
    let node: Node | null = el;
    while (node) {
      const blob = (node as { nowRecordFormBlob?: { sysId?: string } }).nowRecordFormBlob;
      if (blob?.sysId) return blob.sysId;
      node = node.parentNode ?? (node as ShadowRoot).host ?? null;
    }
    return null;
  };
  const urlSysId = () => new URL(location.href).searchParams.get('sys_id');

  const recordToolbar = (host: Element, t: number) => {
    const root = host.shadowRoot;
    const ticket = root?.querySelector('[data-ticket]')?.getAttribute('data-ticket') ?? null;
    const buttons = root?.querySelectorAll('button').length ?? 0;
    if (buttons === 0 && root) {
      // Not expected (the toolbar renders synchronously), but then time the buttons' arrival.
      const late = new MutationObserver(() => {
        if (!root.querySelector('button')) return;
        late.disconnect();
        recordToolbar(host, performance.now());
      });
      late.observe(root, { childList: true, subtree: true });
    }
    const frameTs = document.timeline.currentTime;
    const entry: ToolbarRecord = { t, ticket, buttons, frameTs: typeof frameTs === 'number' ? frameTs : null };
    probe.toolbars.push(entry);
    if (buttons > 0 && ticket) {
      probe.waiters = probe.waiters.filter((waiter) => {
        if (!ticket.endsWith(waiter.sysId)) return true;
        waiter.resolve(entry);
        return false;
      });
    }
  };

  const observer = new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      for (const node of Array.from(r.addedNodes)) {
        if (node.nodeType !== 1 || !node.isConnected) continue; // detached: seen when it goes in
        const el = node as Element;
        for (const header of deepFind(el, HEADER)) {
          if (seen.has(header) || !header.isConnected) continue;
          seen.add(header);
          const workspace = header.matches('.uiaction-bar-wrapper');
          const entry: HeaderRecord = {
            t,
            kind: workspace ? 'workspace' : 'classic',
            sysId: workspace ? formSysId(header) : urlSysId(),
            frameAt: null,
            frameTs: null,
          };
          probe.headers.push(entry);
          // Tells which frame is the first after the header (the content script's own rAF may run
          // before or after this one in that frame: both are document_start, order unknown).
          requestAnimationFrame((ts) => {
            entry.frameAt = performance.now();
            entry.frameTs = ts;
          });
        }
        for (const host of deepFind(el, 'pam-bridge-toolbar')) recordToolbar(host, t);
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const root = attachShadow.call(this, init);
    if (init.mode === 'open') {
      probe.shadowRoots++;
      observer.observe(root, { childList: true, subtree: true });
    }
    return root;
  };
}

/** In a frame: resolves with the header and toolbar stamps for `sysId`, headers counted from `since`. */
function collectSn(args: { sysId: string; since: number; timeoutMs: number }) {
  const probe = (window as unknown as ProbeWindow).__pbSnProbe;
  if (!probe) throw new Error('probe missing');
  const toolbarFor = new Promise<ToolbarRecord>((resolve, reject) => {
    const found = probe.toolbars.find((r) => r.buttons > 0 && !!r.ticket?.endsWith(args.sysId));
    if (found) return resolve(found);
    probe.waiters.push({ sysId: args.sysId, resolve });
    setTimeout(() => reject(new Error(`no toolbar for ${args.sysId} within ${args.timeoutMs} ms (${location.pathname})`)), args.timeoutMs);
  });
  return toolbarFor.then((tb) => {
    const header = probe.headers.slice(args.since).find((h) => h.sysId === args.sysId && h.t <= tb.t);
    return {
      header: header?.t ?? null,
      kind: header?.kind ?? null,
      frameAt: header?.frameAt ?? null,
      // By the first frame: in the page before that frame's rAF turn (the probe's callback queued with
      // the header has not run yet, or ran later), or in that same frame's rAF turn.
      firstFrame: header != null && (header.frameAt === null || tb.t <= header.frameAt || (header.frameTs != null && header.frameTs === tb.frameTs)),
      toolbar: tb.t,
      shadowRoots: probe.shadowRoots,
    };
  });
}

/** In the top frame: toolbars the probe saw there (a frame host must show none). */
function topToolbars(): number {
  return (window as unknown as ProbeWindow).__pbSnProbe?.toolbars.length ?? -1;
}

interface Sample {
  /** Header in the page → toolbar with buttons in the page (ms). */
  deltaMs: number;
  /** The toolbar was in the page by the first frame after the header (before or in its rAF turn). */
  firstFrame: boolean;
  /**
   * Header → the probe's rAF callback queued with it, i.e. the first frame's rAF turn after the header:
   * the browser's wait, plus any rAF callback that ran before the probe's in that frame (ours can).
   */
  toFrameMs?: number;
  /** Record switch only: link click → the new record's action bar in the page (the workspace's own time). */
  clickToHeaderMs?: number;
  /** Record switch only: link click → toolbar for the new record. */
  clickToToolbarMs?: number;
}

export interface SnVariantResult {
  key: 'classic' | 'navTo' | 'polaris' | 'workspace' | 'switch' | 'switchNoTitle';
  name: string;
  /** Header the delta starts from. */
  header: string;
  /** Where the probe measured: the top document or the gsft_main frame. */
  measuredIn: string;
  url: string;
  warmup: number;
  samples: Sample[];
  delta: Summary;
  /** Share of samples with delta ≤ one 60 Hz frame (16.7 ms). */
  withinFrame: number;
  /** Share whose toolbar was in the page by the first frame after the header. */
  firstFrame: number;
  toFrame?: Summary;
  clickToHeader?: Summary;
  clickToToolbar?: Summary;
  /** Frame hosts: toolbars seen in the wrapper (top) document over all loads (expected 0). */
  toolbarsInTop?: number;
  /** Open shadow roots the page had attached when the toolbar came (workspace depth check). */
  shadowRoots?: number;
  /** Record switch: minimum time between two clicks (lets the runtime's post-navigation timers end). */
  gapMs?: number;
}

export interface ServiceNowResult {
  origin: string;
  /** Files the extension registered for the ServiceNow connector's origin. */
  registered: string[];
  variants: SnVariantResult[];
  loads: number;
  /** rAF intervals in the workspace page at the end. */
  frameInterval: Summary;
  visibility: string;
}

const TIMEOUT_MS = 10_000;
const FRAME_MS = 1000 / 60;
/**
 * Least time between two switch clicks. Title write blocked: longer than the page script's last
 * post-navigation re-check (utils/content/observe.ts BURST_MS, 2000 ms), so that one switch's
 * re-checks never find the next switch's form. Title live: the title change schedules the pass for
 * the next frame in any case (every pass runs in a rAF), so left-over re-checks cannot make it earlier.
 */
export const SWITCH_GAP_MS = { live: 500, blocked: 2_100 };
const ALICE = { login: 'alice', password: 'Alice#2024' };

type Collected = Awaited<ReturnType<typeof collectSn>>;

function sampleOf(r: Collected, what: string): Sample {
  if (r.header === null) throw new Error(`${what}: no header insertion seen before the toolbar`);
  return {
    deltaMs: r.toolbar - r.header,
    firstFrame: r.firstFrame,
    ...(r.frameAt !== null ? { toFrameMs: r.frameAt - r.header } : {}),
  };
}

const optional = <K extends string>(key: K, values: number[]) =>
  (values.length ? { [key]: summarize(values) } : {}) as Partial<Record<K, Summary>>;

function result(base: Omit<SnVariantResult, 'delta' | 'withinFrame' | 'firstFrame'>): SnVariantResult {
  const { samples } = base;
  const deltas = samples.map((s) => s.deltaMs);
  return {
    ...base,
    delta: summarize(deltas),
    withinFrame: deltas.filter((d) => d <= FRAME_MS).length / Math.max(1, deltas.length),
    firstFrame: samples.filter((s) => s.firstFrame).length / Math.max(1, samples.length),
    ...optional('toFrame', samples.flatMap((s) => (s.toFrameMs === undefined ? [] : [s.toFrameMs]))),
    ...optional('clickToHeader', samples.flatMap((s) => (s.clickToHeaderMs === undefined ? [] : [s.clickToHeaderMs]))),
    ...optional('clickToToolbar', samples.flatMap((s) => (s.clickToToolbarMs === undefined ? [] : [s.clickToToolbarMs]))),
  };
}

/** The gsft_main frame of the page (nav_to.do or the Next Experience wrapper). */
function contentFrame(page: Page): Frame {
  const frame = page.frame({ name: 'gsft_main' });
  if (!frame) throw new Error(`no iframe#gsft_main in ${page.url()}`);
  return frame;
}

async function fullLoads(
  page: Page,
  spec: Pick<SnVariantResult, 'key' | 'name' | 'header' | 'url'>,
  inFrame: boolean,
  sysId: string,
  loads: number,
  warmup: number,
): Promise<SnVariantResult> {
  const samples: Sample[] = [];
  let toolbarsInTop = 0;
  let shadowRoots = 0;
  for (let i = 0; i < warmup + loads; i++) {
    await page.goto(spec.url);
    const scope = inFrame ? contentFrame(page) : page;
    const r = await scope.evaluate(collectSn, { sysId, since: 0, timeoutMs: TIMEOUT_MS });
    if (inFrame) toolbarsInTop += await page.evaluate(topToolbars);
    shadowRoots = r.shadowRoots;
    if (i >= warmup) samples.push(sampleOf(r, spec.name));
  }
  return result({
    ...spec,
    measuredIn: inFrame ? 'iframe#gsft_main' : 'top document',
    warmup,
    samples,
    ...(inFrame ? { toolbarsInTop } : {}),
    ...(spec.key === 'workspace' ? { shadowRoots } : {}),
  });
}

/**
 * Record switches through the workspace's own sidebar link, alternating two records. With
 * `blockTitle`, the bench makes the page's `document.title` writes no-ops first (main world,
 * page-side only): the stand-in renames the tab in the task that rebuilds the form, and that is
 * the only light-DOM change of a switch, so without it only the page script's post-navigation
 * re-checks and its slow timer can find the new action bar.
 */
async function recordSwitches(
  page: Page,
  base: string,
  switches: number,
  warmup: number,
  options: { blockTitle: boolean; gapMs: number },
): Promise<SnVariantResult> {
  const url = `${base}/now/sow/record/${INC.table}/${INC.sysId}`;
  await page.goto(url);
  await page.evaluate(collectSn, { sysId: INC.sysId, since: 0, timeoutMs: TIMEOUT_MS });
  if (options.blockTitle) {
    await page.evaluate(() => {
      const title = () => document.querySelector('title');
      Object.defineProperty(document, 'title', {
        configurable: true,
        get: () => title()?.textContent ?? '',
        set: () => undefined,
      });
    });
  }
  const targets = [CHG, INC];
  const samples: Sample[] = [];
  let lastClick = Date.now();
  for (let i = 0; i < warmup + switches; i++) {
    const target = targets[i % targets.length]!;
    const wait = lastClick + options.gapMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastClick = Date.now();
    const started = await page.evaluate(
      ({ sysId, timeoutMs }) => {
        const probe = (window as unknown as ProbeWindow).__pbSnProbe!;
        const since = probe.headers.length;
        probe.toolbars.length = 0; // the next toolbar for this record must be a new one
        const layout = document.querySelector('sn-canvas-appshell-root')?.shadowRoot?.querySelector('sn-canvas-appshell-layout');
        const link = layout?.shadowRoot?.querySelector<HTMLAnchorElement>(`nav.sn-workspace-recent a[href$="/${sysId}"]`);
        if (!link) throw new Error(`no sidebar link to ${sysId}`);
        const clickedAt = performance.now();
        link.click(); // the workspace's own handler: pushState + popstate, fetch, tear down, rebuild
        return { args: { sysId, since, timeoutMs }, clickedAt };
      },
      { sysId: target.sysId, timeoutMs: TIMEOUT_MS },
    );
    const r = await page.evaluate(collectSn, started.args);
    if (i < warmup) continue;
    samples.push({
      ...sampleOf(r, 'record switch'),
      ...(r.header !== null ? { clickToHeaderMs: r.header - started.clickedAt } : {}),
      clickToToolbarMs: r.toolbar - started.clickedAt,
    });
  }
  return result({
    key: options.blockTitle ? 'switchNoTitle' : 'switch',
    name: options.blockTitle ? 'Workspace switch, title write blocked' : 'Workspace record switch (sidebar link)',
    header: 'new record\'s .uiaction-bar-wrapper',
    measuredIn: 'top document (shadow roots)',
    url: `${url} ⇄ /now/sow/record/${CHG.table}/${CHG.sysId}`,
    warmup,
    samples,
    gapMs: options.gapMs,
  });
}

/** rAF intervals in the page over ~1 s: what a "frame" is in this (headless) browser. */
function frameIntervals(): Promise<number[]> {
  return new Promise((resolve) => {
    const times: number[] = [];
    const step = (t: number) => {
      times.push(t);
      if (times.length < 61) requestAnimationFrame(step);
      else resolve(times.slice(1).map((x, i) => x - times[i]!));
    };
    requestAnimationFrame(step);
  });
}

/** ServiceNow stand-in on 127.0.0.4, its connector (session auth) and alice signed in. */
async function setUp(env: BenchEnv, cleanup: Cleanup, log: (step: string) => void): Promise<{ sn: ServiceNowStandIn; registered: string[] }> {
  const sn = await startServiceNowStandIn({ port: 0, host: '127.0.0.4' });
  cleanup.add(() => sn.close());
  const session = env.session;
  await within(20_000, 'granting host access', preGrantHostAccess(session, 'http://127.0.0.4/*'));
  log('adding the ServiceNow connector in the options page');
  await within(60_000, 'adding the ServiceNow connector', (async () => {
    const options = await OptionsPage.open(session);
    const saved = await addServiceNowConnector(options, { name: 'Corp ServiceNow', url: sn.url });
    if (!saved.includes('Saved.')) throw new Error(`ServiceNow connector not set up: ${saved}`);
    await options.page.close();
  })());
  log('signing in to ServiceNow');
  await within(30_000, 'signing in to ServiceNow', (async () => {
    const page = await session.context.newPage();
    await page.goto(`${sn.url}/login.do`);
    await page.getByLabel('User name').fill(ALICE.login);
    await page.getByLabel('Password').fill(ALICE.password);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Log in' }).click()]);
    if (new URL(page.url()).pathname === '/login.do') throw new Error('ServiceNow sign-in failed');
    await page.goto('about:blank'); // left open, as after the SDP sign-in (env.ts)
  })());
  const origin = `${sn.url}/*`;
  const registered = await within(10_000, 'reading registered scripts', session.worker.evaluate(
    (pattern) => chrome.scripting.getRegisteredContentScripts().then((all) =>
      all.filter((x) => x.matches?.includes(pattern)).flatMap((x) => x.js ?? [])),
    origin,
  ));
  if (!registered.length) throw new Error(`no page script registered for ${origin}`);
  return { sn, registered };
}

export async function measureServiceNow(
  env: BenchEnv,
  cleanup: Cleanup,
  loads: number,
  log: (step: string) => void = () => undefined,
  warmup = 2,
): Promise<ServiceNowResult> {
  const { sn, registered } = await setUp(env, cleanup, log);
  const page = await env.newPage();
  try {
    await page.addInitScript(installSnProbe);
    await page.bringToFront();
    const form = `${INC.table}.do?sys_id=${INC.sysId}`;
    const variants: SnVariantResult[] = [];
    log(`classic form, nav_to.do, Next Experience wrapper (${loads} loads each)`);
    variants.push(await fullLoads(page, { key: 'classic', name: 'Classic form (incident.do)', header: '.navbar-right', url: `${sn.url}/${form}` }, false, INC.sysId, loads, warmup));
    variants.push(await fullLoads(page, { key: 'navTo', name: 'Classic in nav_to.do (gsft_main)', header: '.navbar-right', url: `${sn.url}/nav_to.do?uri=${encodeURIComponent(form)}` }, true, INC.sysId, loads, warmup));
    variants.push(await fullLoads(page, { key: 'polaris', name: 'Next Experience wrapper (gsft_main)', header: '.navbar-right', url: `${sn.url}/now/nav/ui/classic/params/target/${encodeURIComponent(form)}` }, true, INC.sysId, loads, warmup));
    log(`workspace first load and record switches (${loads} each)`);
    variants.push(await fullLoads(page, { key: 'workspace', name: 'Workspace first load (SOW)', header: '.uiaction-bar-wrapper', url: `${sn.url}/now/sow/record/${INC.table}/${INC.sysId}` }, false, INC.sysId, loads, warmup));
    variants.push(await recordSwitches(page, sn.url, loads, warmup, { blockTitle: false, gapMs: SWITCH_GAP_MS.live }));
    log(`record switches with the page's title write blocked (${loads}, ≥ ${SWITCH_GAP_MS.blocked} ms apart)`);
    variants.push(await recordSwitches(page, sn.url, loads, warmup, { blockTitle: true, gapMs: SWITCH_GAP_MS.blocked }));
    const intervals = await page.evaluate(frameIntervals);
    const visibility = await page.evaluate(() => document.visibilityState);
    return { origin: sn.url, registered, variants, loads, frameInterval: summarize(intervals), visibility };
  } finally {
    await page.close();
  }
}
