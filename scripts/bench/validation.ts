/**
 * "Validate for PAM" latency through the content script and background, against the stand-ins'
 * own latency, and concurrent identical requests.
 *
 * In the page (main world) a capture-phase click listener stamps the trusted Playwright click and
 * a MutationObserver on our open shadow root stamps the verdict headline's insertion. The panel
 * sends its request in the click's task (a layout effect), so click → headline is messaging +
 * background + APIs + render.
 *
 * The APIs' own time: the SDP and PAM360 calls one validation made (read from the stand-ins'
 * logs, `sdp.state.apiCalls` and `pam.state.requests`; the stand-ins record no durations) are
 * replayed from Node, one after another, with the same session cookie / token, and timed.
 */
import type { CDPSession, Page, Worker } from 'playwright-core';
import { toolbar } from '../../test/e2e/pages/portal';
import { ALICE_PAM_TOKEN, NAME_SHIM, type BenchEnv } from './env';
import { median, summarize, type Summary } from './stats';

interface ValProbe {
  clickAt: number | null;
  doneAt: number | null;
  headline: string | null;
  done: Promise<void>;
  resolve: () => void;
}
type ValWindow = { __pbVal?: ValProbe };

/** In page, once per document: stamps clicks and the verdict headline. */
function installValidationProbe(): void {
  const w = window as unknown as ValWindow;
  if (w.__pbVal) return;
  const root = document.querySelector('pam-bridge-toolbar')?.shadowRoot;
  if (!root) throw new Error('toolbar not found');
  const probe = { clickAt: null, doneAt: null, headline: null } as unknown as ValProbe;
  const arm = () => {
    probe.done = new Promise<void>((resolve) => (probe.resolve = resolve));
  };
  arm();
  w.__pbVal = probe;
  addEventListener(
    'click',
    () => {
      arm();
      const t = performance.now();
      Object.assign(probe, { clickAt: t, doneAt: null, headline: null });
    },
    true,
  );
  new MutationObserver((records) => {
    const t = performance.now();
    if (probe.clickAt === null || probe.doneAt !== null) return;
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1) continue;
        const el = node as Element;
        const headline = el.matches('.pb-headline') ? el : el.querySelector('.pb-headline');
        if (headline) {
          probe.doneAt = t;
          probe.headline = headline.textContent;
          probe.resolve();
          return;
        }
      }
    }
  }).observe(root, { childList: true, subtree: true });
}

function readProbe(timeoutMs: number) {
  const probe = (window as unknown as ValWindow).__pbVal!;
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no verdict headline')), timeoutMs));
  return Promise.race([probe.done, timeout]).then(() => ({
    clickAt: probe.clickAt!,
    doneAt: probe.doneAt!,
    headline: probe.headline ?? '',
    absClick: performance.timeOrigin + probe.clickAt!,
    absDone: performance.timeOrigin + probe.doneAt!,
  }));
}

export interface Press {
  totalMs: number;
  headline: string;
  absClick: number;
  absDone: number;
  sdpCalls: number;
  pamCalls: number;
}

interface CallLog {
  sdp: Array<{ method: string; path: string }>;
  pam: Array<{ method: string; path: string; query: Record<string, string>; inputData?: unknown; headers: Record<string, string> }>;
}

function logMark(env: BenchEnv) {
  return { sdp: env.sdp.state.apiCalls.length, pam: env.pam.state.requests.length };
}
function logSince(env: BenchEnv, mark: { sdp: number; pam: number }): CallLog {
  return { sdp: env.sdp.state.apiCalls.slice(mark.sdp), pam: env.pam.state.requests.slice(mark.pam) };
}

const validateButton = (page: Page) => toolbar(page).getByRole('button', { name: 'Validate for PAM' });

async function press(env: BenchEnv, page: Page): Promise<Press> {
  await page.evaluate(installValidationProbe);
  const mark = logMark(env);
  await validateButton(page).click();
  const r = await page.evaluate(readProbe, 15_000);
  const calls = logSince(env, mark);
  return {
    totalMs: r.doneAt - r.clickAt,
    headline: r.headline,
    absClick: r.absClick,
    absDone: r.absDone,
    sdpCalls: calls.sdp.length,
    pamCalls: calls.pam.length,
  };
}

/** Replays one validation's API calls from Node, sequentially; returns per-call and total ms. */
async function replay(env: BenchEnv, log: CallLog, cookie: string): Promise<{ totalMs: number; sdpMs: number; pamMs: number }> {
  let sdpMs = 0;
  let pamMs = 0;
  for (const call of log.sdp) {
    const t = performance.now();
    const res = await fetch(env.sdp.url + call.path, {
      method: call.method,
      headers: { Accept: 'application/vnd.manageengine.sdp.v3+json', APICLIENT: 'sdp_web', Cookie: cookie },
    });
    await res.text();
    sdpMs += performance.now() - t;
    if (!res.ok) throw new Error(`replay SDP ${call.path}: HTTP ${res.status}`);
  }
  for (const call of log.pam) {
    const url = new URL(env.pam.url + call.path);
    for (const [k, v] of Object.entries(call.query)) url.searchParams.append(k, v);
    if (call.inputData !== undefined) url.searchParams.append('INPUT_DATA', JSON.stringify(call.inputData));
    const headers: Record<string, string> = { AUTHTOKEN: ALICE_PAM_TOKEN, Accept: call.headers['accept'] ?? 'application/json' };
    if (call.headers['orgname']) headers.orgName = call.headers['orgname'];
    const t = performance.now();
    const res = await fetch(url, { method: call.method, headers });
    await res.text();
    pamMs += performance.now() - t;
    if (!res.ok) throw new Error(`replay PAM360 ${call.path}: HTTP ${res.status}`);
  }
  return { totalMs: sdpMs + pamMs, sdpMs, pamMs };
}


// ---------------------------------------------------------------------------------------------
// Service-worker trace (bench browser only): stamps when a validateTicket message arrives and
// the spans of every fetch (PAM360) and scripting.executeScript (SDP session fetch in the portal
// tab, page identity) the background makes. All stamps use the worker's own clock.

interface TraceEvent {
  kind: 'message' | 'fetch' | 'exec';
  label: string;
  t0: number;
  t1: number;
}
type TraceGlobal = { __pbTrace?: TraceEvent[] };

function installTrace(): boolean {
  const g = globalThis as unknown as TraceGlobal & { fetch: typeof fetch };
  if (g.__pbTrace) return true;
  const events: TraceEvent[] = [];
  const span = <T>(kind: TraceEvent['kind'], label: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const p = run();
    const end = () => void events.push({ kind, label, t0, t1: performance.now() });
    p.then(end, end);
    return p;
  };
  const originalFetch = g.fetch;
  g.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    span('fetch', typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, () => originalFetch(input, init));
  const scripting = chrome.scripting as unknown as { executeScript: (...args: unknown[]) => Promise<unknown> };
  const originalExec = scripting.executeScript;
  scripting.executeScript = (...args: unknown[]) => {
    const injection = args[0] as { world?: string; func?: { name?: string } };
    return span('exec', `${injection.world ?? 'ISOLATED'} ${injection.func?.name ?? ''}`.trim(), () => originalExec.apply(scripting, args));
  };
  chrome.runtime.onMessage.addListener((message: unknown) => {
    const op = message && typeof message === 'object' && 'op' in message ? String((message as { op: unknown }).op) : '';
    const t = performance.now();
    if (op) events.push({ kind: 'message', label: op, t0: t, t1: t });
    return undefined; // never answers: the router does
  });
  g.__pbTrace = events;
  return true;
}

const traceLength = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as TraceGlobal).__pbTrace?.length ?? 0);
const traceSince = (worker: Worker, from: number) =>
  worker.evaluate((n) => ((globalThis as unknown as TraceGlobal).__pbTrace ?? []).slice(n), from);

export interface TraceBreakdown {
  /** validateTicket message arrival → last API answer. */
  arrivalToLastAnswerMs: number;
  /** Time with at least one API span open (union). */
  waitingOnApisMs: number;
  /** The rest of arrival → last answer: background JS between calls (config, parsing, rules). */
  betweenCallsMs: number;
  /** Sum of span durations per kind/label. */
  spans: Record<string, number>;
}

function breakdown(events: TraceEvent[]): TraceBreakdown | null {
  const arrival = events.find((e) => e.kind === 'message' && e.label === 'validateTicket');
  if (!arrival) return null;
  const spans = events.filter((e) => e.kind !== 'message' && e.t0 >= arrival.t0).sort((a, b) => a.t0 - b.t0);
  if (!spans.length) return null;
  let union = 0;
  let cursor = arrival.t0;
  for (const s of spans) {
    const from = Math.max(cursor, s.t0);
    if (s.t1 > from) union += s.t1 - from;
    cursor = Math.max(cursor, s.t1);
  }
  const end = Math.max(...spans.map((s) => s.t1));
  const perLabel: Record<string, number> = {};
  for (const s of spans) {
    const key = s.kind === 'fetch' ? `fetch ${new URL(s.label).pathname.replace(/\/\d+(?=\/|$)/g, '/{id}')}` : `executeScript ${s.label}`;
    perLabel[key] = (perLabel[key] ?? 0) + (s.t1 - s.t0);
  }
  return { arrivalToLastAnswerMs: end - arrival.t0, waitingOnApisMs: union, betweenCallsMs: end - arrival.t0 - union, spans: perLabel };
}

// ---------------------------------------------------------------------------------------------
// Direct round trips from the content script's own isolated world (CDP Runtime.evaluate in the
// context Chromium created for our extension in the portal tab): the background sees exactly the
// sender the toolbar has, without UI scheduling or rendering in the measurement.

async function contentScriptWorld(env: BenchEnv, page: Page): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await env.session.context.newCDPSession(page);
  const origin = `chrome-extension://${env.session.extensionId}`;
  let contextId: number | undefined;
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin === origin || context.name === 'PAM Bridge') contextId = context.id;
  });
  await cdp.send('Runtime.enable');
  await new Promise((r) => setTimeout(r, 50));
  await cdp.send('Runtime.disable');
  if (contextId === undefined) throw new Error('content script world not found in the portal tab');
  return { cdp, contextId };
}

/** N sequential sendMessage round trips from the content script world; ms each. */
async function roundTrips(world: { cdp: CDPSession; contextId: number }, message: unknown, n: number): Promise<{ ms: number[]; reply: unknown }> {
  const expression = `(async () => {
    const message = ${JSON.stringify(message)};
    const ms = [];
    let reply;
    for (let i = 0; i < ${n}; i++) {
      const t = performance.now();
      reply = await chrome.runtime.sendMessage(message);
      ms.push(performance.now() - t);
    }
    return { ms, reply };
  })()`;
  const { result, exceptionDetails } = await world.cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.contextId,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(`content script world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as { ms: number[]; reply: unknown };
}

export interface DirectResult {
  /** An operation content scripts may not call (refused right after the sender check): messaging floor. */
  refused: Summary;
  cached: Summary;
  uncached: Summary;
  refusedReply: string;
  cachedReplyOk: boolean;
  /** API calls made during the cached round trips (should be 0). */
  cachedApiCalls: number;
}

async function measureDirect(env: BenchEnv, page: Page, ref: Record<string, unknown>, n: { cached: number; uncached: number; refused: number }): Promise<DirectResult> {
  const world = await contentScriptWorld(env, page);
  try {
    const validate = (fresh: boolean) => ({ pamBridge: 1, op: 'validateTicket', input: { ref, fresh } });
    const refused = await roundTrips(world, { pamBridge: 1, op: 'getStatus', input: {} }, n.refused);
    await roundTrips(world, validate(false), 3); // warm: fills the cache too
    // Let the page's load settle (its own fetches, our page script's start): right after a load the
    // first round trips can wait several ms behind that work, which is not what a repeated press meets.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const mark = logMark(env);
    const cached = await roundTrips(world, validate(false), n.cached);
    const calls = logSince(env, mark);
    const uncached = await roundTrips(world, validate(true), n.uncached);
    const reply = refused.reply as { ok?: boolean; error?: { message?: string } } | undefined;
    return {
      refused: summarize(refused.ms),
      cached: summarize(cached.ms),
      uncached: summarize(uncached.ms),
      refusedReply: reply?.ok === false ? `refused: ${reply.error?.message ?? ''}` : JSON.stringify(reply).slice(0, 120),
      cachedReplyOk: (cached.reply as { ok?: boolean } | undefined)?.ok === true,
      cachedApiCalls: calls.sdp.length + calls.pam.length,
    };
  } finally {
    await world.cdp.detach().catch(() => undefined);
  }
}

export interface ConcurrencyTrial {
  ticket: string;
  pamLatencyMs: number;
  /** Between the two trusted clicks (page clocks, epoch-aligned), ms. */
  clickGapMs: number;
  /** Duration of the first tab's validation, ms. */
  firstDurationMs: number;
  overlapped: boolean;
  headlines: string[];
  /** GET of the ticket itself at the SDP stand-in during the pair. */
  ticketFetches: number;
  sdpCalls: number;
  pamCalls: number;
  /** The same counts for one validation on its own (a fresh re-check afterwards). */
  single: { sdpCalls: number; pamCalls: number };
}

export interface ValidationResult {
  ticket: string;
  first: Press;
  fresh: Press[];
  cached: Press[];
  freshTotal: Summary;
  cachedTotal: Summary;
  cachedApiCalls: number;
  calls: { sdp: string[]; pam: string[] };
  api: { runs: number; total: Summary; sdp: Summary; pam: Summary };
  /** median(content-script round trip, uncached) − median(API replay); null without the direct measurement. */
  backgroundAddsMs: number | null;
  /** median(click → headline, uncached re-checks) − median(API replay). */
  uiOverApiMs: number;
  /** Service-worker trace of the uncached presses (null when the worker could not be instrumented). */
  trace: { n: number; arrivalToLastAnswer: Summary; waitingOnApis: Summary; betweenCalls: Summary; spans: Record<string, number> } | { error: string };
  direct: DirectResult | { error: string };
  concurrency: ConcurrencyTrial[];
}

async function concurrent(env: BenchEnv, ticket: string, pamLatencyMs: number): Promise<ConcurrencyTrial> {
  const url = env.requestUrl(ticket);
  const [a, b] = [await env.openTicket(url), await env.openTicket(url)];
  try {
    for (const page of [a, b]) await page.evaluate(installValidationProbe);
    if (pamLatencyMs) env.pam.setFaults({ latencyMs: pamLatencyMs });
    const mark = logMark(env);
    await Promise.all([validateButton(a).click(), validateButton(b).click()]);
    const [ra, rb] = await Promise.all([a.evaluate(readProbe, 15_000), b.evaluate(readProbe, 15_000)]);
    const calls = logSince(env, mark);
    env.pam.resetFaults();
    const [first, second] = ra.absClick <= rb.absClick ? [ra, rb] : [rb, ra];
    // One validation alone, for comparison: "Validate for PAM" again re-checks without the cache.
    const single = await press(env, a);
    return {
      ticket,
      pamLatencyMs,
      clickGapMs: second.absClick - first.absClick,
      firstDurationMs: first.absDone - first.absClick,
      overlapped: second.absClick < first.absDone,
      headlines: [ra.headline, rb.headline],
      ticketFetches: calls.sdp.filter((c) => c.method === 'GET' && c.path === `/api/v3/requests/${ticket}`).length,
      sdpCalls: calls.sdp.length,
      pamCalls: calls.pam.length,
      single: { sdpCalls: single.sdpCalls, pamCalls: single.pamCalls },
    };
  } finally {
    env.pam.resetFaults();
    await a.close();
    await b.close();
  }
}

export async function measureValidation(
  env: BenchEnv,
  opts: { fresh: number; cached: number; replays: number; direct: number },
): Promise<ValidationResult> {
  const ticket = '1001';
  const url = env.requestUrl(ticket);
  const page = await env.openTicket(url);
  let first: Press;
  let log: CallLog;
  const fresh: Press[] = [];
  const cached: Press[] = [];
  const traces: TraceBreakdown[] = [];
  let traceError: string | undefined;
  let direct: DirectResult | { error: string };
  const worker = env.session.worker;
  try {
    await worker.evaluate(NAME_SHIM);
    await worker.evaluate(installTrace);
  } catch (error) {
    traceError = `could not instrument the service worker: ${String(error)}`;
  }
  try {
    await page.bringToFront();
    // 1. The first validation of this ticket: nothing cached.
    await page.evaluate(installValidationProbe);
    const mark = logMark(env);
    first = await press(env, page);
    log = logSince(env, mark);
    // 2. "Validate for PAM" again on the same page re-checks with fresh: true (cache bypassed).
    for (let i = 0; i < opts.fresh; i++) {
      const from = traceError ? 0 : await traceLength(worker);
      fresh.push(await press(env, page));
      if (!traceError) {
        const b = breakdown(await traceSince(worker, from));
        if (b) traces.push(b);
      }
    }
    // 3. A new page of the same ticket within the 30 s cache window: the first press is served from the cache.
    for (let i = 0; i < opts.cached; i++) {
      await env.openTicket(url, page);
      cached.push(await press(env, page));
    }
    // 4. The same operation sent straight from the content script's world (no UI in the way).
    try {
      const ref = { kind: 'request', id: ticket, displayId: ticket };
      direct = await measureDirect(env, page, ref, { cached: opts.direct, uncached: Math.ceil(opts.direct / 2), refused: opts.direct });
    } catch (error) {
      direct = { error: String(error) };
    }
  } finally {
    await page.close();
  }

  const cookies = await env.session.context.cookies(env.sdp.url);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  await replay(env, log, cookie); // warm-up (connections, JIT)
  const runs = [];
  for (let i = 0; i < opts.replays; i++) runs.push(await replay(env, log, cookie));

  const concurrency = [await concurrent(env, '1009', 0), await concurrent(env, '1004', 150)];

  const pick = (list: Press[]) => summarize(list.map((p) => p.totalMs));
  const api = {
    runs: runs.length,
    total: summarize(runs.map((r) => r.totalMs)),
    sdp: summarize(runs.map((r) => r.sdpMs)),
    pam: summarize(runs.map((r) => r.pamMs)),
  };
  const freshTotal = pick(fresh);
  return {
    ticket: `request ${ticket}`,
    first,
    fresh,
    cached,
    freshTotal,
    cachedTotal: pick(cached),
    cachedApiCalls: cached.reduce((n, p) => n + p.sdpCalls + p.pamCalls, 0),
    calls: {
      sdp: log.sdp.map((c) => `${c.method} ${c.path}`),
      pam: log.pam.map((c) => {
        const query = new URLSearchParams(c.query).toString();
        const details = (c.inputData as { operation?: { Details?: unknown } } | undefined)?.operation?.Details;
        return `${c.method} ${c.path}${query ? `?${query}` : ''}${details ? ` ${JSON.stringify(details)}` : ''}`;
      }),
    },
    api,
    backgroundAddsMs: 'error' in direct ? null : direct.uncached.median - api.total.median,
    uiOverApiMs: freshTotal.median - api.total.median,
    trace: traceError
      ? { error: traceError }
      : {
          n: traces.length,
          arrivalToLastAnswer: summarize(traces.map((t) => t.arrivalToLastAnswerMs)),
          waitingOnApis: summarize(traces.map((t) => t.waitingOnApisMs)),
          betweenCalls: summarize(traces.map((t) => t.betweenCallsMs)),
          spans: Object.fromEntries(
            [...new Set(traces.flatMap((t) => Object.keys(t.spans)))].map((k) => [k, median(traces.map((t) => t.spans[k] ?? 0))]),
          ),
        },
    direct,
    concurrency,
  };
}
