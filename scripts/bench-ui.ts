/**
 * `npm run bench:ui`: the Session Requests tab in Chromium over 100,000 cached requests, through the
 * browser shell, against a real service.
 *
 *   npm run bench:ui -- [--requests 100000] [--rate 500] [--seconds 10] [--warmup 2] [--pool 500]
 *                       [--opens 5] [--dir DIR] [--cpu-prof] [--json]
 *
 * 1. Seeds the service's database in-process (scripts/bench-client/seed.ts, as bench:client does) and
 *    starts the service as its own process. The baseline: a browser shell process (main/browser-shell/
 *    cli.ts) on an empty folder signs in over its own IPC socket, no page at all, and syncs every
 *    request (scripts/bench-ui/core-bootstrap.ts). Then another, on another empty folder, with Chromium
 *    signing in through the UI as the admin (who sees every request): the first sign-in, from the click
 *    to live, is stated as a ratio to the baseline measured in the same run.
 * 2. Open → first rows: a new window on the shell, from navigation start to the first real row in the
 *    DOM; OPENS times. Then the shell is restarted (the core opens its cache cold) and timed once more.
 * 3. Scroll: frame times while the table scrolls steadily and in flings, frames that showed a row still
 *    loading, and the time to fill the screen after jumps (dragging the scrollbar).
 * 4. Search: keystroke (the key event's time) to the frame showing the new rows, typing words letter by
 *    letter.
 * 5. Live: RATE status changes per second (the end user's Deny and the agent's Request access again, on
 *    POOL requests on screen: scripts/bench/driver.ts, in a process of its own) for WARMUP + SECONDS,
 *    with a Chromium trace of the page's main thread: the longest task, and the frame times meanwhile.
 *    For the first half of the window the table shows the rows that change; for the second it scrolls
 *    steadily (15 rows a frame) through all of them: the frame times of scrolling under load.
 *
 * `--dir DIR` keeps the seeded service there and reuses it on the next run (the client syncs afresh).
 * `--cpu-prof` writes CPU profiles into DIR/cpu-prof: the service's, and the UI's browser shell's (its
 * core) from the sign-in to the first restart (sign-in/) and from then to the end (open-to-live/), and
 * the page's during the steady scroll and the live phase (page/).
 * `--json` ends the output with one line: every figure as one JSON object (ms and bytes).
 * Targets (issue 14): first sign-in ≤ 1.2× the baseline, keystroke to rows p95 ≤ 100 ms, 60 fps while
 * scrolling, longest task under load ≤ 50 ms, the driver reaching the rate it asks.
 * A measurement: a missed target still exits 0; a broken run exits 1.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { ADMIN, ROOT } from './bench/constants';
import type { PoolRequest } from './bench/driver';
import { runBench } from './bench/entry';
import { api, closeConnections } from './bench/http';
import { log } from './bench/log';
import type { Options as DriverOptions } from './bench/options';
import { startServiceProcess, type Service } from './bench/service-process';
import { fmt, sortedQuantiles } from './bench/stats';
import { seed } from './bench-client/seed';
import {
  armKeystroke,
  framesFor,
  inPage,
  installProbe,
  jumps,
  scrollFrames,
  untilLive,
  type ScrollResult,
} from './bench-ui/page-probes';
import { coreBootstrapMs } from './bench-ui/core-bootstrap';
import { driveInOwnProcess } from './bench-ui/driver-process';
import { startPageProfile, startTracing } from './bench-ui/trace';
import { spawnBrowserShell, type ShellProcess } from '../tests/support/browser-shell-process';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium';
import { helpFromHeader } from './bench/help-text';

const HELP = helpFromHeader(import.meta.url);

type BenchUiOptions = NonNullable<ReturnType<typeof readOptions>>;

/** The options in `argv`, or null for --help; throws on a bad value. */
function readOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      pool: { type: 'string' },
      opens: { type: 'string' },
      dir: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const n = (raw: string | undefined, fallback: number) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`not a number: ${raw}`);
    return value;
  };
  if (values.help) return null;
  return {
    requests: n(values.requests, 100_000),
    rate: n(values.rate, 500),
    seconds: n(values.seconds, 10),
    warmup: n(values.warmup, 2),
    pool: n(values.pool, 500),
    opens: n(values.opens, 5),
    dir: values.dir ?? null,
    cpuProf: values['cpu-prof'] ?? false,
    json: values.json ?? false,
  };
}

const VIEWPORT = { width: 1600, height: 900 };
type LiveFrames = Awaited<ReturnType<typeof framesFor>>;
const stats = (values: number[]) => {
  const q = sortedQuantiles(values.filter(Number.isFinite));
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? NaN;
  return { ...q, p95, count: values.length };
};
const ms = (value: number) => `${fmt(value, value < 10 ? 1 : 0)} ms`;

const running = {
  service: null as Service | null,
  shell: null as ShellProcess | null,
  browser: null as Browser | null,
  temp: null as string | null,
};

let cleaning: Promise<void> | null = null;
/** Stops everything the run started, once, however it ends. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await running.browser?.close().catch(() => undefined);
    await running.shell?.stop().catch(() => undefined);
    await running.service?.stop().catch(() => undefined);
    closeConnections();
    if (running.temp) rmSync(running.temp, { recursive: true, force: true });
  })();
  return cleaning;
}

interface Seeded {
  readonly requests: number;
  readonly pool: PoolRequest[];
}

async function prepareService(dir: string, o: BenchUiOptions): Promise<Seeded> {
  const marker = join(dir, 'seeded.json');
  if (existsSync(marker)) {
    const seeded = JSON.parse(readFileSync(marker, 'utf8')) as Seeded;
    if (seeded.requests === o.requests && seeded.pool.length >= o.pool) {
      log(`reusing the seeded service in ${dir}`);
      return seeded;
    }
    throw new Error(`${dir} holds another seed; remove it or choose another --dir`);
  }
  const serviceDir = join(dir, 'service');
  mkdirSync(serviceDir, { recursive: true });
  const seeded = await seed(serviceDir, { requests: o.requests, accounts: 3, pool: o.pool });
  log(
    `seeded ${fmt(o.requests)} requests in ${fmt(seeded.seconds, 1)} s (${JSON.stringify(seeded.byStatus)})`,
  );
  const kept: Seeded = { requests: o.requests, pool: seeded.pool };
  writeFileSync(marker, JSON.stringify(kept));
  return kept;
}

async function newWindow(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, locale: 'en-GB' });
  await page.addInitScript({ content: inPage(installProbe) });
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  await page.goto(url);
  return page;
}

/** Signs in through the UI of an empty shell and waits for every request: ms from the click to live. */
async function bootstrapThroughUi(browser: Browser, url: string, requests: number): Promise<number> {
  const page = await newWindow(browser, url);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  const live = page.evaluate<number>(inPage(untilLive, { requests }));
  const clickedAt = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Sign in' }).click();
  const ms = (await live) - clickedAt;
  await page.close();
  return ms;
}

/** The baseline: an empty shell's core signs in and syncs with no page open. */
async function bootstrapCoreAlone(base: string, dir: string, requests: number): Promise<number> {
  rmSync(dir, { recursive: true, force: true });
  const shell = await spawnBrowserShell({ serverUrl: base, dataDir: dir });
  try {
    return await coreBootstrapMs(shell.url, ADMIN, requests);
  } finally {
    await shell.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function firstRows(browser: Browser, url: string): Promise<number> {
  const page = await newWindow(browser, url);
  await page.waitForFunction(() => window.__bench.firstRowAt !== undefined, null, { timeout: 60_000 });
  const at = await page.evaluate(() => window.__bench.firstRowAt!);
  await page.close();
  return at;
}

async function poolState(base: string, token: string, pool: PoolRequest[]): Promise<void> {
  for (const request of pool) {
    const now = await api<{ consent: 'pending' | 'denied' }>('GET', base, `/requests/${request.id}`, 200, {
      token,
    });
    request.consent = now.consent;
  }
}

async function run(o: BenchUiOptions): Promise<number> {
  if (!existsSync(join(ROOT, 'out/renderer/index.html')))
    throw new Error('build the renderer first: npm run build');
  const dir = o.dir ?? (running.temp = mkdtempSync(join(tmpdir(), 'sessiondesk-bench-ui-')));
  mkdirSync(dir, { recursive: true });
  const seeded = await prepareService(dir, o);
  const pool = seeded.pool.slice(0, o.pool);

  const profileDir = join(dir, 'cpu-prof');
  if (o.cpuProf) rmSync(profileDir, { recursive: true, force: true });
  running.service = await startServiceProcess(
    join(dir, 'service'),
    o.cpuProf ? join(profileDir, 'service') : null,
  );
  const base = running.service.url;
  const adminToken = (await api<{ accessToken: string }>('POST', base, '/auth/login', 200, { body: ADMIN }))
    .accessToken;

  // 1. The baseline, then the first sign-in through the UI; each client starts empty.
  log('baseline: a shell with no page signs in and syncs every request…');
  const coreBootstrap = await bootstrapCoreAlone(base, join(dir, 'core-alone'), seeded.requests);
  log(`the core alone: ${fmt(coreBootstrap / 1000, 1)} s`);
  const shellDir = join(dir, 'shell');
  rmSync(shellDir, { recursive: true, force: true });
  const shellEnv = (stage: string) =>
    o.cpuProf
      ? {
          NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${join(profileDir, stage)}`,
          SESSIONDESK_LOG_LEVEL: 'warn',
        }
      : undefined;
  running.shell = await spawnBrowserShell({ serverUrl: base, dataDir: shellDir, env: shellEnv('sign-in') });
  running.browser = await chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const browser = running.browser;
  log('signing in through the UI as the admin and syncing every request…');
  const uiBootstrap = await bootstrapThroughUi(browser, running.shell.url, seeded.requests);
  log(
    `through the UI: ${fmt(uiBootstrap / 1000, 1)} s = ${fmt(uiBootstrap / coreBootstrap, 2)}× the core alone`,
  );

  // 2. Open → first rows.
  const opens: number[] = [];
  for (let i = 0; i < o.opens; i++) opens.push(await firstRows(browser, running.shell.url));
  log(`open → first rows (shell running): ${opens.map(ms).join(', ')}`);
  await running.shell.stop();
  const shellStarted = performance.now();
  running.shell = await spawnBrowserShell({
    serverUrl: base,
    dataDir: shellDir,
    env: shellEnv('open-to-live'),
  });
  const shellStartMs = performance.now() - shellStarted;
  const coldOpen = await firstRows(browser, running.shell.url);
  log(`after restarting the shell (${ms(shellStartMs)} to its address): first rows in ${ms(coldOpen)}`);

  // 3. Scroll.
  const page = await newWindow(browser, running.shell.url);
  await page.waitForFunction(() => window.__bench.firstRowAt !== undefined);
  await page.waitForTimeout(1_000);
  log('scrolling…');
  const scrollTrace = await startTracing(page);
  const scrollProfile = o.cpuProf ? await startPageProfile(page) : null;
  const steady = await page.evaluate<ScrollResult>(inPage(scrollFrames, { stepPx: 600, frames: 300 }));
  await scrollProfile?.stop(join(profileDir, 'page', 'steady-scroll.cpuprofile'));
  const scrollTasks = stats(await scrollTrace.stop());
  const fling = await page.evaluate<ScrollResult>(inPage(scrollFrames, { stepPx: 4_000, frames: 180 }));
  const jumped = await page.evaluate<number[]>(inPage(jumps, { count: 20, seed: 7 }));

  log('searching…');
  // 4. Search.
  await page.locator('.grid-scroll').evaluate((e) => (e.scrollTop = 0));
  const keystrokes: number[] = [];
  const search = page.getByRole('searchbox', { name: 'Search requests' });
  for (const word of ['printer', 'sofia', 'müller', 'vpn drops', 'garcía', 'example.com']) {
    await search.fill('');
    await page.waitForTimeout(300);
    await search.focus();
    for (const char of word) {
      await page.evaluate(inPage(armKeystroke));
      await page.keyboard.type(char);
      keystrokes.push(await page.evaluate(() => window.__bench.keystroke!));
      await page.waitForTimeout(120);
    }
  }
  await search.fill('');
  await page.waitForTimeout(1_000);
  await page.locator('.grid-scroll').evaluate((e) => (e.scrollTop = 0));

  log(`live: ${o.rate} status changes/s for ${o.warmup} + ${o.seconds} s…`);
  // 5. Live: status changes on the rows on screen, traced; then scrolling under the same load.
  await poolState(base, adminToken, pool);
  const driverOptions: DriverOptions = {
    agents: 1,
    accounts: 1,
    rate: o.rate,
    seconds: o.seconds,
    warmup: o.warmup,
    pool: pool.length,
    clientProcs: 1,
    cpuProf: false,
  };
  const inWindow: { measured?: Promise<{ live: LiveFrames; scrolled: ScrollResult; tasks: number[] }> } = {};
  const driven = await driveInOwnProcess(base, adminToken, pool, driverOptions, (phase) => {
    if (phase !== 'start') return;
    inWindow.measured = (async () => {
      const tracing = await startTracing(page);
      const profile = o.cpuProf ? await startPageProfile(page) : null;
      const live = await page.evaluate<LiveFrames>(inPage(framesFor, { ms: (o.seconds * 1000) / 2 }));
      const scrolled = await page.evaluate<ScrollResult>(
        inPage(scrollFrames, { stepPx: 600, frames: Math.round(o.seconds * 30) }),
      );
      await profile?.stop(join(profileDir, 'page', 'live.cpuprofile'));
      return { live, scrolled, tasks: await tracing.stop() };
    })();
  });
  if (!inWindow.measured) throw new Error('the driver never started its measured window');
  const { live, scrolled, tasks } = await inWindow.measured;
  await page.close();

  // Report.
  const openStats = stats(opens);
  const key = stats(keystrokes);
  const taskStats = stats(tasks);
  const steadyFrames = stats(steady.frameMs);
  const flingFrames = stats(fling.frameMs);
  const liveFrames = stats(live.frameMs);
  const scrolledFrames = stats(scrolled.frameMs);
  const jumpStats = stats(jumped);
  const over = (frames: number[]) => frames.filter((d) => d > 20).length;
  console.log(
    '\nSession Requests tab in Chromium (browser shell), ' + `${fmt(seeded.requests)} cached requests`,
  );
  console.log(
    `  first sign-in through the UI  ${ms(uiBootstrap)} = ${fmt(uiBootstrap / coreBootstrap, 2)}× the core alone (${ms(coreBootstrap)}; target ≤ 1.2×)`,
  );
  console.log(
    `  open → first rows            median ${ms(openStats.p50)}, max ${ms(openStats.max)} (${o.opens} windows; target ≤ 1,000 ms)`,
  );
  console.log(`  after a shell restart        ${ms(coldOpen)} (shell up in ${ms(shellStartMs)})`);
  for (const [name, run, f] of [
    ['steady scroll (15 rows/frame)', steady, steadyFrames],
    ['fling (100 rows/frame)', fling, flingFrames],
  ] as const) {
    console.log(
      `  ${name.padEnd(31)}frames p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, max ${ms(f.max)}; ${over(run.frameMs)} of ${run.frameMs.length} over 20 ms; ${run.blankFrames} showed a row loading`,
    );
  }
  console.log(
    `  main thread while scrolling  longest task ${ms(scrollTasks.max)}, p99 ${ms(scrollTasks.p99)} (${scrollTasks.count} tasks, steady scroll)`,
  );
  console.log(
    `  jump → screen filled         median ${ms(jumpStats.p50)}, max ${ms(jumpStats.max)} (${jumped.length} jumps)`,
  );
  console.log(
    `  keystroke → rows             median ${ms(key.p50)}, p95 ${ms(key.p95)}, max ${ms(key.max)} (${keystrokes.length} keys; target p95 ≤ 100 ms)`,
  );
  console.log(
    `  live: ${fmt(driven.reachedPerSecond)} status changes/s for ${o.seconds} s (asked ${o.rate}; ${driven.unsent} due never sent); ${live.changes} status-cell mutations on screen`,
  );
  console.log(
    `    longest main-thread task   ${ms(taskStats.max)} (p99 ${ms(taskStats.p99)}, ${taskStats.count} tasks; target ≤ 50 ms)`,
  );
  console.log(
    `    frames, rows changing      p50 ${ms(liveFrames.p50)}, p95 ${ms(liveFrames.p95)}, max ${ms(liveFrames.max)}; long tasks ≥ 50 ms: ${live.longTasks.length}`,
  );
  console.log(
    `    frames, scrolling          p50 ${ms(scrolledFrames.p50)}, p95 ${ms(scrolledFrames.p95)}, max ${ms(scrolledFrames.max)}; ${over(scrolled.frameMs)} of ${scrolled.frameMs.length} over 20 ms; ${scrolled.blankFrames} showed a row loading`,
  );
  if (driven.failures > 0)
    console.log(`    driver failures: ${driven.failures} (first: ${driven.firstFailure})`);
  if (o.dir) console.log(`\nKept in ${o.dir} for the next run.`);
  if (o.cpuProf) console.log(`CPU profiles in ${profileDir}`);
  if (o.json) {
    const frames = (f: ReturnType<typeof stats>) => ({ p50Ms: f.p50, p95Ms: f.p95, maxMs: f.max });
    console.log(
      JSON.stringify({
        bench: 'ui',
        requests: seeded.requests,
        bootstrap: {
          coreAloneMs: coreBootstrap,
          throughUiMs: uiBootstrap,
          ratio: uiBootstrap / coreBootstrap,
        },
        open: { firstRowsMedianMs: openStats.p50, firstRowsMaxMs: openStats.max, afterRestartMs: coldOpen },
        scroll: {
          steady: { ...frames(steadyFrames), blankFrames: steady.blankFrames },
          fling: { ...frames(flingFrames), blankFrames: fling.blankFrames },
          longestTaskMs: scrollTasks.max,
          jumpFilledMedianMs: jumpStats.p50,
          jumpFilledMaxMs: jumpStats.max,
        },
        keystroke: { medianMs: key.p50, p95Ms: key.p95, maxMs: key.max, keys: keystrokes.length },
        live: {
          askedPerSecond: o.rate,
          reachedPerSecond: driven.reachedPerSecond,
          unsent: driven.unsent,
          driverFailures: driven.failures,
          longestTaskMs: taskStats.max,
          taskP99Ms: taskStats.p99,
          framesOnChangingRows: frames(liveFrames),
          framesScrolling: { ...frames(scrolledFrames), blankFrames: scrolled.blankFrames },
          statusCellMutations: live.changes,
        },
      }),
    );
  }
  return 0;
}

runBench({
  readOptions,
  help: HELP,
  run,
  cleanUp,
  complaints: () => running.service?.complaints ?? [],
});
