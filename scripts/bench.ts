/**
 * `npm run bench`: measures what design.md budgets for ServiceDesk Plus and ServiceNow and prints
 * numbers (never asserts them in tests); results also go to bench-results/latest.json.
 *   1. bundle sizes, both portals' page scripts (scripts/bench/sizes.ts)
 *   2. SDP ticket header → toolbar, per page variant (scripts/bench/toolbar-timing.ts)
 *   3. main-thread cost on a constantly mutating page (scripts/bench/main-thread.ts)
 *   4. validation latency, cache and concurrent requests (scripts/bench/validation.ts)
 *   5. ServiceNow record header → toolbar, per UI (scripts/bench/servicenow-timing.ts)
 * Builds first when .output/chrome-mv3 is missing or `--build` is passed. Exits 0 unless it cannot run.
 * `--quick` takes fewer samples (for trying the bench out).
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Cleanup, snapshotBuild, startEnv, within } from './bench/env';
import { measureMainThread } from './bench/main-thread';
import { printHeader, printMainThread, printServiceNow, printSizes, printToolbar, printValidation, type Section } from './bench/report';
import { measureServiceNow } from './bench/servicenow-timing';
import { measureSizes } from './bench/sizes';
import { rounded } from './bench/stats';
import { measureToolbarTiming } from './bench/toolbar-timing';
import { measureValidation } from './bench/validation';

const BUILD = resolve('.output/chrome-mv3');
const RESULTS = resolve('bench-results/latest.json');
const quick = process.argv.includes('--quick');
const N = quick
  ? { loads: 10, churnMs: 1500, fresh: 5, cached: 5, replays: 5, direct: 20, snLoads: 10 }
  : { loads: 50, churnMs: 3000, fresh: 20, cached: 20, replays: 15, direct: 50, snLoads: 30 };
/** Hard stop: whatever happens, the browser and stand-ins go away. */
const DEADLINE_MS = 300_000;

/** Runs one measurement; a failure (or a hang past `limitMs`) is reported, and the others still run. */
async function section<T>(name: string, limitMs: number, run: () => Promise<T>): Promise<Section<T>> {
  const t0 = Date.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    const result = await within(limitMs, name, run());
    process.stderr.write(`bench:   done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    return result;
  } catch (error) {
    process.stderr.write(`bench:   failed after ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const loadStart = loadavg();
  if (!existsSync(join(BUILD, 'manifest.json')) || process.argv.includes('--build')) {
    execSync('npx wxt build', { stdio: 'inherit' });
  }
  // Browser (and its temp profile), stand-ins and the build snapshot, closed on every way out.
  const cleanup = new Cleanup();
  const stop = () => cleanup.run();
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const deadline = setTimeout(() => {
    console.error(`bench: still running after ${DEADLINE_MS / 1000} s; stopping`);
    void stop().finally(() => process.exit(1));
  }, DEADLINE_MS);
  deadline.unref();

  try {
    const snapshot = snapshotBuild(cleanup);
    process.stderr.write('bench: starting stand-ins and Chromium, configuring the extension…\n');
    const env = await startEnv(cleanup, snapshot.dir, (step) => process.stderr.write(`bench:   ${step}\n`));
    // Which file is the SDP page script, as the extension registered it (sizes are measured below).
    const registered = await within(10_000, 'reading registered scripts', env.registeredScripts()).catch(() => undefined);
    const toolbar = await section(`header → toolbar (${N.loads} loads per variant)`, 120_000, () => measureToolbarTiming(env, N.loads));
    const mainThread = await section('main-thread cost under DOM churn', 90_000, () => measureMainThread(env, N.churnMs));
    const validation = await section('validation latency', 90_000, () =>
      measureValidation(env, { fresh: N.fresh, cached: N.cached, replays: N.replays, direct: N.direct }));
    // Last, so that the SDP sections run in the same world as before: the ServiceNow stand-in and
    // connector are added to the browser only now.
    const servicenow = await section(`ServiceNow header → toolbar (${N.snLoads} loads per UI)`, 150_000, () =>
      measureServiceNow(env, cleanup, N.snLoads, (step) => process.stderr.write(`bench:   ${step}\n`)));
    // Sizes of the loaded copy, naming each portal's page script as the extension registered it.
    const snFiles = 'error' in servicenow ? undefined : servicenow.registered;
    const sizes = measureSizes(snapshot.dir, registered
      ? { ...registered, ...(snFiles ? { servicenow: snFiles, all: [...registered.all, ...snFiles] } : {}) }
      : snFiles ? { sdp: [], servicenow: snFiles, all: snFiles } : undefined);
    const info = {
      chromium: env.chromiumVersion,
      extensionId: env.session.extensionId,
      cpus: availableParallelism(),
      node: process.version,
      at: new Date().toISOString(),
      loadAverage: { start: loadStart, end: loadavg() },
      build: `${BUILD} as of ${snapshot.builtAt.toISOString()} (copied to a temp dir for the run)`,
    };
    await stop();

    printHeader(info);
    printSizes(sizes);
    printToolbar(toolbar);
    printMainThread(mainThread);
    printValidation(validation);
    printServiceNow(servicenow, sizes);

    mkdirSync(resolve('bench-results'), { recursive: true });
    const results = { ...info, quick, durationS: (Date.now() - started) / 1000, sizes, toolbar, mainThread, validation, servicenow };
    writeFileSync(RESULTS, JSON.stringify(rounded(results), null, 2) + '\n');
    console.log('');
    console.log(`Results: ${RESULTS} · bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const errors = Object.entries({ toolbar, mainThread, validation, servicenow }).filter(([, s]) => typeof s === 'object' && 'error' in s && Object.keys(s).length === 1);
    for (const [name, s] of errors) console.error(`bench: ${name} could not be measured:\n${(s as { error: string }).error}`);
    return errors.length ? 1 : 0;
  } finally {
    clearTimeout(deadline);
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench: cannot run:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
