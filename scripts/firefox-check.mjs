#!/usr/bin/env node
/**
 * Firefox check for the built extension (`npm run test:firefox`). Two checks:
 *
 *  1. lint  - `web-ext lint` (offline) on .output/firefox-mv2. Fails on any error; warnings are
 *             listed by code (known and accepted: DANGEROUS_EVAL from zod's `Function('')` probe,
 *             UNSAFE_VAR_ASSIGNMENT for Preact's innerHTML).
 *  2. smoke - headless firefox-esr, driven over WebDriver BiDi: install the build as a temporary
 *             add-on, open moz-extension://<fixed uuid>/popup.html in a tab and wait until it shows
 *             "PAM360 is not set up." That text only appears after the popup asked the background
 *             for status over runtime messaging and got an answer, so it proves background + page.
 *
 * Needs an existing build (`npm run build`) and /usr/bin/firefox-esr (`apt-get install firefox-esr`).
 * Uses Node's built-in WebSocket (Node 20: re-spawns itself with --experimental-websocket).
 *
 * The popup page is opened in an ordinary tab (same page, same runtime messaging as the toolbar
 * popup). BiDi refuses moz-extension:// navigation unless Firefox runs with
 * --remote-allow-system-access, so the throwaway test instance is started with it.
 * Extension console output (background + pages) reaches Firefox's stdout via
 * devtools.console.stdout.content and is shown on failure.
 *
 * Environment overrides (for debugging): FIREFOX_BIN, FIREFOX_CHECK_EXT_DIR (build directory),
 * FIREFOX_CHECK_EXPECT (expected popup text), FIREFOX_CHECK_VERBOSE=1 (print Firefox's own output).
 * Last line is always `firefox: N passed, M failed`; exit code is 0 only if both passed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---- Node 20: get a global WebSocket by re-running under --experimental-websocket ----------------
if (typeof globalThis.WebSocket === 'undefined') {
  if (process.env.FIREFOX_CHECK_RESPAWNED) {
    console.error('firefox-check: this Node has no WebSocket even with --experimental-websocket (need Node >= 20.10).');
    console.log('firefox: 0 passed, 2 failed');
    process.exit(1);
  }
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      '--experimental-websocket',
      '--disable-warning=ExperimentalWarning',
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, FIREFOX_CHECK_RESPAWNED: '1' } },
  );
  // The child receives terminal signals itself (same process group); just wait for it.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  await new Promise(() => {}); // keep the parent alive; the exit handler ends it
}

// ---- Settings -----------------------------------------------------------------------------------
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXT_DIR = path.resolve(process.env.FIREFOX_CHECK_EXT_DIR || path.join(ROOT, '.output', 'firefox-mv2'));
const WEB_EXT = path.join(ROOT, 'node_modules', '.bin', 'web-ext');
const FIREFOX = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
const GECKO_ID = 'pam-bridge@pam-bridge.dev';
const EXT_UUID = '3c6b1f0e-5a9d-4e27-9b8a-7f1d2c4e6a80'; // pinned via extensions.webextensions.uuids
const POPUP_URL = `moz-extension://${EXT_UUID}/popup.html`;
const EXPECT = process.env.FIREFOX_CHECK_EXPECT || 'PAM360 is not set up.';
const VERBOSE = process.env.FIREFOX_CHECK_VERBOSE === '1';

const LINT_TIMEOUT_MS = 60_000;
const FIREFOX_START_TIMEOUT_MS = 30_000;
const BIDI_COMMAND_TIMEOUT_MS = 15_000;
const POPUP_TEXT_TIMEOUT_MS = 20_000;
const WATCHDOG_MS = 120_000; // hard upper bound for the whole script

const KNOWN_WARNINGS = new Set(['DANGEROUS_EVAL', 'UNSAFE_VAR_ASSIGNMENT']);

const t0 = Date.now();
const secs = (from = t0) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const log = (...a) => console.log(...a);

const TOTAL_CHECKS = 2; // lint + smoke; anything not passed counts as failed
let passed = 0;
const cleanups = []; // run in reverse order on exit, also on signals / watchdog

async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (e) {
      console.error(`cleanup: ${e?.message ?? e}`);
    }
  }
}

let finishing;
function finish() {
  finishing ??= (async () => {
    await cleanup();
    log(`firefox: ${passed} passed, ${TOTAL_CHECKS - passed} failed`);
    process.exit(passed === TOTAL_CHECKS ? 0 : 1);
  })();
  return finishing;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    console.error(`\nfirefox-check: got ${sig}, cleaning up`);
    await finish();
  });
}
// Never leave Firefox behind: a closed stdout pipe (`| head`) or a bug must still run the cleanups.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
for (const ev of ['uncaughtException', 'unhandledRejection']) {
  process.on(ev, async (e) => {
    console.error(`firefox-check: ${ev}: ${e?.stack ?? e}`);
    await finish();
  });
}
const watchdog = setTimeout(async () => {
  console.error(`firefox-check: watchdog - still running after ${WATCHDOG_MS / 1000} s, giving up`);
  await finish();
}, WATCHDOG_MS);
watchdog.unref();

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- Preconditions ------------------------------------------------------------------------------
if (!fs.existsSync(path.join(EXT_DIR, 'manifest.json'))) {
  log(`firefox-check: no Firefox build at ${path.relative(ROOT, EXT_DIR) || '.'}/manifest.json - run \`npm run build\` (or \`npm run build:firefox\`) first.`);
  await finish();
}
{
  const manifest = JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id ?? manifest.applications?.gecko?.id;
  if (id !== GECKO_ID) console.error(`firefox-check: warning: manifest gecko id is ${id}, expected ${GECKO_ID}; the popup URL will not resolve.`);
  if (!fs.existsSync(path.join(EXT_DIR, 'popup.html'))) console.error('firefox-check: warning: the build has no popup.html.');
}

// ---- Check 1: web-ext lint ----------------------------------------------------------------------
async function lintCheck() {
  const start = Date.now();
  log(`[lint] web-ext lint --source-dir ${path.relative(ROOT, EXT_DIR)} (offline)`);
  if (!fs.existsSync(WEB_EXT)) throw new Error(`${WEB_EXT} not found - run \`npm install\``);
  const child = spawn(WEB_EXT, ['lint', '--source-dir', EXT_DIR, '--output', 'json', '--no-input', '--no-config-discovery'], {
    cwd: ROOT,
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  let code;
  try {
    code = await withTimeout(exited, LINT_TIMEOUT_MS, 'web-ext lint');
  } catch (e) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    throw e;
  }
  const jsonStart = out.indexOf('{');
  let report;
  try {
    report = JSON.parse(out.slice(jsonStart));
  } catch {
    throw new Error(`could not parse web-ext lint output (exit ${code}):\n${out}\n${err}`.trim());
  }
  const errors = report.errors ?? [];
  const warnings = report.warnings ?? [];
  const notices = report.notices ?? [];
  log(`[lint] ${errors.length} errors, ${warnings.length} warnings, ${notices.length} notices (${secs(start)})`);
  const fmt = (m) => `${m.code}${m.file ? ` in ${m.file}${m.line ? `:${m.line}` : ''}` : ''}: ${m.message}`;
  const why = (m) => (m.description ? `\n[lint]       ${String(m.description).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim().slice(0, 300)}` : '');
  for (const w of warnings) log(`[lint]   warning ${fmt(w)}${KNOWN_WARNINGS.has(w.code) ? ' (known, accepted)' : ` (not in the known list)${why(w)}`}`);
  for (const n of notices) log(`[lint]   notice  ${fmt(n)}`);
  for (const e of errors) log(`[lint]   ERROR   ${fmt(e)}${why(e)}`);
  if (errors.length) throw new Error(`web-ext lint reported ${errors.length} error(s)`);
}

// ---- Check 2: headless smoke over WebDriver BiDi ------------------------------------------------
const USER_JS = {
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXT_UUID }),
  // Quiet start, no first-run pages or default-browser prompts.
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'browser.startup.homepage_override.mstone': 'ignore',
  'startup.homepage_welcome_url': 'about:blank',
  'startup.homepage_welcome_url.additional': '',
  'browser.aboutwelcome.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.tabs.warnOnClose': false,
  'toolkit.startup.max_resumed_crashes': -1,
  'browser.sessionstore.resume_from_crash': false,
  // No network chatter (the check must work offline).
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'nimbus.rollouts.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/remote-settings',
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.search.geoip.url': '',
  'browser.search.update': false,
  'geo.provider.network.url': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'dom.push.connection.enabled': false,
  'dom.push.serverURL': '',
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.systemAddon.update.url': '',
  'media.gmp-manager.url': '',
  'media.gmp-gmpopenh264.autoupdate': false,
  'identity.fxaccounts.enabled': false,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'privacy.trackingprotection.enabled': false,
  // Console output of pages (incl. extension pages) to stdout, for diagnostics on failure.
  'devtools.console.stdout.content': true,
  'browser.dom.window.dump.enabled': true,
};

function writeUserJs(profile) {
  const lines = Object.entries(USER_JS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`);
  fs.writeFileSync(path.join(profile, 'user.js'), lines.join('\n') + '\n');
}

/** Minimal WebDriver BiDi client over the global WebSocket. */
class Bidi {
  #ws;
  #nextId = 1;
  #pending = new Map();
  events = [];
  closed = false;

  static async connect(url) {
    const bidi = new Bidi();
    const ws = new WebSocket(url);
    bidi.#ws = ws;
    await withTimeout(
      new Promise((resolve, reject) => {
        ws.addEventListener('open', resolve, { once: true });
        ws.addEventListener('error', (e) => reject(new Error(`WebSocket error connecting to ${url}: ${e.message ?? 'failed'}`)), { once: true });
      }),
      10_000,
      `connect ${url}`,
    );
    ws.addEventListener('message', (ev) => bidi.#onMessage(ev.data));
    ws.addEventListener('close', () => {
      bidi.closed = true;
      for (const { reject } of bidi.#pending.values()) reject(new Error('BiDi connection closed'));
      bidi.#pending.clear();
    });
    return bidi;
  }

  #onMessage(data) {
    let msg;
    try {
      msg = JSON.parse(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
    } catch {
      return;
    }
    if (msg.type === 'event') {
      this.events.push(msg);
      return;
    }
    const p = this.#pending.get(msg.id);
    if (!p) return;
    this.#pending.delete(msg.id);
    if (msg.type === 'error') p.reject(new Error(`${p.method}: ${msg.error}: ${msg.message}`));
    else p.resolve(msg.result);
  }

  send(method, params = {}, timeoutMs = BIDI_COMMAND_TIMEOUT_MS) {
    if (this.closed) return Promise.reject(new Error(`${method}: BiDi connection closed`));
    const id = this.#nextId++;
    const result = new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject, method }));
    this.#ws.send(JSON.stringify({ id, method, params }));
    return withTimeout(result, timeoutMs, `BiDi ${method}`).finally(() => this.#pending.delete(id));
  }

  close() {
    try {
      this.#ws.close();
    } catch {}
  }
}

async function startFirefox() {
  if (!fs.existsSync(FIREFOX)) {
    throw new Error(`${FIREFOX} not found - install it with \`apt-get install firefox-esr\` (CI installs it), or set FIREFOX_BIN.`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pam-bridge-ff-'));
  cleanups.push(() => fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 }));
  writeUserJs(profile);

  // Port 0: Firefox picks a free port and prints "WebDriver BiDi listening on ws://127.0.0.1:PORT".
  const ff = spawn(FIREFOX, ['--headless', '--no-remote', '--new-instance', '--remote-debugging-port=0', '--remote-allow-system-access', '--profile', profile, 'about:blank'], {
    detached: true, // own process group, so we can kill Firefox and all its content processes
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      MOZ_HEADLESS: '1',
      MOZ_CRASHREPORTER_DISABLE: '1',
      MOZ_DISABLE_AUTO_SAFE_MODE: '1',
      MOZ_REMOTE_SETTINGS_DEVTOOLS: '0',
    },
  });
  const output = []; // Firefox stdout/stderr lines, for diagnostics
  let exited = false;
  const exitPromise = new Promise((resolve) =>
    ff.on('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );
  cleanups.push(async () => {
    if (!exited) {
      try {
        process.kill(-ff.pid, 'SIGTERM');
      } catch {}
      const gone = await Promise.race([exitPromise.then(() => true), sleep(5_000).then(() => false)]);
      if (!gone) {
        try {
          process.kill(-ff.pid, 'SIGKILL');
        } catch {}
        await Promise.race([exitPromise, sleep(3_000)]);
      }
    }
    // Content processes may outlive the parent briefly; make sure the whole group is gone.
    try {
      process.kill(-ff.pid, 'SIGKILL');
    } catch {}
  });

  const wsUrl = await withTimeout(
    new Promise((resolve, reject) => {
      ff.on('error', (e) => reject(new Error(`could not start ${FIREFOX}: ${e.message}`)));
      exitPromise.then(({ code, signal }) =>
        reject(new Error(`Firefox exited during start-up (code ${code}, signal ${signal}):\n${output.slice(-30).join('\n')}`)),
      );
      let buf = { stdout: '', stderr: '' };
      for (const name of ['stdout', 'stderr']) {
        ff[name].on('data', (d) => {
          buf[name] += d;
          const lines = buf[name].split('\n');
          buf[name] = lines.pop();
          for (const line of lines) {
            output.push(line);
            if (VERBOSE) console.log(`  [firefox ${name}] ${line}`);
            const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(line);
            if (m) resolve(m[1]);
          }
        });
      }
    }),
    FIREFOX_START_TIMEOUT_MS,
    'waiting for Firefox to open its WebDriver BiDi port',
  );
  return { wsUrl, output };
}

/** Firefox internals that log errors offline or headless; not the extension's business. */
const FIREFOX_NOISE = /RSLoader|Remote ?Settings|Nimbus|nimbus|BackupService|GraphicsCriticalError|normandy|telemetry|RemoteAgent\s+INFO|SearchService|AddonRepository|NetworkError|Crash Annotation/;

/**
 * Group Firefox stdout/stderr lines into console messages ("console.error: ...", "JavaScript error: ...",
 * "JavaScript warning: ...", plus their indented continuation lines) and keep errors/warnings not from
 * Firefox itself. With devtools.console.stdout.content the extension's background and pages log here.
 */
function consoleBlocks(lines) {
  const blocks = [];
  let cur = null;
  for (const line of lines) {
    if (/^(console\.\w+:|JavaScript (error|warning):)/.test(line)) {
      cur = [line];
      blocks.push(cur);
    } else if (cur && /^\s/.test(line) && line.trim()) {
      cur.push(line.trimEnd());
    } else {
      cur = null;
    }
  }
  return blocks
    .map((b) => b.join('\n'))
    .filter((b) => /^(console\.(error|warn)|JavaScript error)/.test(b) && !FIREFOX_NOISE.test(b));
}

async function smokeCheck() {
  const start = Date.now();
  log(`[smoke] starting ${FIREFOX} --headless (fresh profile, WebDriver BiDi)`);
  const { wsUrl, output } = await startFirefox();
  log(`[smoke] Firefox up at ${wsUrl} (${secs(start)})`);

  const bidi = await Bidi.connect(`${wsUrl.replace(/\/$/, '')}/session`);
  cleanups.push(async () => {
    if (!bidi.closed) await bidi.send('session.end', {}, 3_000).catch(() => {});
    bidi.close();
  });
  const session = await bidi.send('session.new', { capabilities: {} });
  log(`[smoke] session ${session.capabilities?.browserName} ${session.capabilities?.browserVersion}`);
  await bidi.send('session.subscribe', { events: ['log.entryAdded', 'browsingContext.navigationFailed'] }).catch((e) => {
    log(`[smoke] (could not subscribe to log events: ${e.message})`);
  });

  const outputMark = output.length; // console output from here on belongs to the extension (or is filtered noise)
  const { extension } = await bidi.send('webExtension.install', { extensionData: { type: 'path', path: EXT_DIR } });
  log(`[smoke] installed temporary add-on ${extension} (${secs(start)})`);

  const tree = await bidi.send('browsingContext.getTree', { maxDepth: 0 });
  let context = tree.contexts?.[0]?.context;
  if (!context) context = (await bidi.send('browsingContext.create', { type: 'tab' })).context;

  let lastText = '';
  let navError;
  try {
    await bidi.send('browsingContext.navigate', { context, url: POPUP_URL, wait: 'complete' });
  } catch (e) {
    navError = e; // after a timeout the page may still have loaded; polling decides
  }
  const pollStart = Date.now();
  // A refused navigation (not a timeout) will not load the page: look once, then report.
  const pollFor = navError && !/timed out/.test(navError.message) ? 0 : POPUP_TEXT_TIMEOUT_MS;
  let ok = false;
  for (let first = true; first || Date.now() - pollStart < pollFor; first = false) {
    try {
      const r = await bidi.send('script.evaluate', {
        expression: `location.href + '\\n' + (document.body ? document.body.innerText : '')`,
        target: { context },
        awaitPromise: false,
      }, 5_000);
      if (r.type === 'success' && r.result?.type === 'string') {
        const [href, ...rest] = r.result.value.split('\n');
        lastText = rest.join('\n');
        if (href.startsWith(POPUP_URL) && lastText.includes(EXPECT)) {
          ok = true;
          break;
        }
      } else if (r.type === 'exception') {
        lastText = `(evaluate threw: ${r.exceptionDetails?.text})`;
      }
    } catch (e) {
      lastText = `(evaluate failed: ${e.message})`;
    }
    await sleep(200);
  }

  const logEntries = bidi.events
    .filter((e) => e.method === 'log.entryAdded')
    .map((e) => `${e.params.level} ${e.params.type === 'javascript' ? 'js' : e.params.type}: ${e.params.text}`);
  const extConsole = consoleBlocks(output.slice(outputMark));
  const extProblems = [...logEntries.filter((l) => /^(error|warn)/.test(l)), ...extConsole];
  if (ok) {
    log(`[smoke] popup at ${POPUP_URL} shows "${EXPECT}" (${secs(pollStart)} after navigation, ${secs(start)} total)`);
    log(`[smoke] popup text: ${JSON.stringify(lastText.replace(/\s+/g, ' ').trim())}`);
    if (extProblems.length) {
      log('[smoke] console errors/warnings after install (did not fail the check):');
      for (const l of extProblems) log(`[smoke]   ${l.replace(/\n/g, '\n[smoke]     ')}`);
    }
    return;
  }
  const details = [
    `popup did not show "${EXPECT}" within ${POPUP_TEXT_TIMEOUT_MS / 1000} s`,
    navError ? `navigate to ${POPUP_URL} failed: ${navError.message}` : null,
    `last popup text: ${JSON.stringify(lastText.trim())}`,
    logEntries.length ? `page console (BiDi log.entryAdded):\n    ${logEntries.join('\n    ')}` : null,
    extConsole.length
      ? `console errors/warnings after install (Firefox output):\n    ${extConsole.slice(-20).map((b) => b.replace(/\n/g, '\n      ')).join('\n    ')}`
      : 'console errors/warnings after install: (none)',
    bidi.events.some((e) => e.method === 'browsingContext.navigationFailed') ? 'browsingContext.navigationFailed event seen' : null,
  ].filter(Boolean);
  throw new Error(details.join('\n  '));
}

// ---- Run ----------------------------------------------------------------------------------------
for (const [name, check] of [
  ['lint', lintCheck],
  ['smoke', smokeCheck],
]) {
  try {
    await check();
    if (finishing) break; // aborted meanwhile (signal / watchdog)
    passed++;
    log(`[${name}] PASS`);
  } catch (e) {
    if (finishing) break;
    log(`[${name}] FAIL: ${e?.message ?? e}`);
  }
  if (name === 'smoke') await cleanup();
}
log(`done in ${secs()}`);
await finish();
