/**
 * `npm run bench:ui`: the Session Requests tab in Chromium over 100,000 cached requests, through the
 * browser shell, against a real service.
 *
 *   npm run bench:ui -- [--requests 100000] [--rate 500] [--seconds 10] [--warmup 2] [--pool 500]
 *                       [--opens 5] [--dir DIR]
 *
 * 1. Seeds the service's database in-process (scripts/bench-client/seed.ts, as bench:client does) and
 *    starts the service as its own process; starts the browser shell (main/browser-shell/cli.ts) as its
 *    own process; Chromium signs in as the admin (who sees every request) and the core syncs them all.
 * 2. Open → first rows: a new window on the shell, from navigation start to the first real row in the
 *    DOM; OPENS times. Then the shell is restarted (the core opens its cache cold) and timed once more.
 * 3. Scroll: frame times while the table scrolls steadily and in flings, frames that showed a row still
 *    loading, and the time to fill the screen after jumps (dragging the scrollbar).
 * 4. Search: keystroke (the key event's time) to the frame showing the new rows, typing words letter by
 *    letter.
 * 5. Live: RATE status changes per second (the end user's Deny and the agent's Request access again, on
 *    POOL requests on screen: scripts/bench/driver.ts) for WARMUP + SECONDS, with a Chromium trace of the
 *    page's main thread: the longest task, and the frame times meanwhile.
 *
 * `--dir DIR` keeps the seeded service there and reuses it on the next run (the client syncs afresh).
 * Targets (issue 5): first rows ≤ 1 s, keystroke to rows ≤ 100 ms, longest task under load ≤ 50 ms.
 * A measurement: a missed target still exits 0; a broken run exits 1.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { ADMIN, ROOT } from './bench/constants';
import { drive, openDriverConnections, type PoolRequest } from './bench/driver';
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
  type ScrollResult,
} from './bench-ui/page-probes';
import { startTracing } from './bench-ui/trace';
import { spawnBrowserShell, type ShellProcess } from '../tests/support/browser-shell-process';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium';

/** This file's opening comment, as the help text. */
const SOURCE_LINES = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
const HELP = SOURCE_LINES.slice(1, SOURCE_LINES.indexOf(' */'))
  .map((line) => line.replace(/^ \*? ?/, ''))
  .join('\n');

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

/** Signs in when the window asks (the first run, or a sign-in that ended) and waits for every request. */
async function bootstrap(browser: Browser, url: string, requests: number): Promise<number | null> {
  const page = await newWindow(browser, url);
  const started = Date.now();
  const email = page.getByLabel('E-mail');
  let signedInAt: number | null = null;
  for (;;) {
    if (await email.isVisible()) {
      log('signing in as the admin and syncing every request…');
      await email.fill(ADMIN.email);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('grid', { name: 'Session requests' }).waitFor({ timeout: 60_000 });
      signedInAt = Date.now();
    }
    const sync = await page.evaluate(async () => {
      const result = await window.sessiondesk!.invoke('sync.get', {});
      return result.ok ? result.value : null;
    });
    if (sync && sync.phase === 'live' && (signedInAt === null || sync.received >= requests)) break;
    if (Date.now() - started > 15 * 60_000) throw new Error('the sync did not finish within 15 minutes');
    await page.waitForTimeout(500);
  }
  await page.close();
  return signedInAt === null ? null : (Date.now() - signedInAt) / 1000;
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

  running.service = await startServiceProcess(join(dir, 'service'), null);
  const base = running.service.url;
  const adminToken = (await api<{ accessToken: string }>('POST', base, '/auth/login', 200, { body: ADMIN }))
    .accessToken;
  // The client starts empty each run: the service's port is new, and the bootstrap is worth timing.
  const shellDir = join(dir, 'shell');
  rmSync(shellDir, { recursive: true, force: true });
  running.shell = await spawnBrowserShell({ serverUrl: base, dataDir: shellDir });
  running.browser = await chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const browser = running.browser;

  // 1. Everything cached.
  const bootstrapSeconds = await bootstrap(browser, running.shell.url, seeded.requests);
  if (bootstrapSeconds !== null) log(`bootstrap through the UI: ${fmt(bootstrapSeconds, 1)} s`);

  // 2. Open → first rows.
  const opens: number[] = [];
  for (let i = 0; i < o.opens; i++) opens.push(await firstRows(browser, running.shell.url));
  log(`open → first rows (shell running): ${opens.map(ms).join(', ')}`);
  await running.shell.stop();
  const shellStarted = performance.now();
  running.shell = await spawnBrowserShell({ serverUrl: base, dataDir: shellDir });
  const shellStartMs = performance.now() - shellStarted;
  const coldOpen = await firstRows(browser, running.shell.url);
  log(`after restarting the shell (${ms(shellStartMs)} to its address): first rows in ${ms(coldOpen)}`);

  // 3. Scroll.
  const page = await newWindow(browser, running.shell.url);
  await page.waitForFunction(() => window.__bench.firstRowAt !== undefined);
  const totals = await page.evaluate(async () => {
    const result = await window.sessiondesk!.invoke('requests.counts', {});
    return result.ok ? result.value : null;
  });
  const shown = await page.locator('.table-info').textContent();
  log(
    `All shows ${shown}; counts ${JSON.stringify({ all: totals?.all, past: totals?.past, home: totals?.home })}`,
  );
  await page.waitForTimeout(1_000);
  log('scrolling…');
  const scrollTrace = await startTracing(page);
  const steady = await page.evaluate<ScrollResult>(inPage(scrollFrames, { stepPx: 600, frames: 300 }));
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

  log(`live: ${o.rate} status changes/s for ${o.warmup} + ${o.seconds} s…`);
  // 5. Live: status changes on the rows on screen, traced.
  await poolState(base, adminToken, pool);
  await openDriverConnections(base, pool.length);
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
  let tracing: Awaited<ReturnType<typeof startTracing>> | null = null;
  let frames: Promise<LiveFrames> | null = null;
  const driven = await drive(base, adminToken, pool, driverOptions, (phase) => {
    if (phase === 'start') {
      void startTracing(page).then((t) => (tracing = t));
      frames = page.evaluate<LiveFrames>(inPage(framesFor, { ms: o.seconds * 1000 }));
    }
  });
  const live = await frames!;
  const tasks = await (tracing as Awaited<ReturnType<typeof startTracing>> | null)?.stop();
  const achieved = driven.calls.filter((c) => c.sentAt >= driven.windowStart && c.changed).length / o.seconds;
  await page.close();

  // Report.
  const openStats = stats(opens);
  const key = stats(keystrokes);
  const taskStats = stats(tasks ?? []);
  console.log(
    '\nSession Requests tab in Chromium (browser shell), ' + `${fmt(seeded.requests)} cached requests`,
  );
  console.log(
    `  open → first rows            median ${ms(openStats.p50)}, max ${ms(openStats.max)} (${o.opens} windows; target ≤ 1,000 ms)`,
  );
  console.log(`  after a shell restart        ${ms(coldOpen)} (shell up in ${ms(shellStartMs)})`);
  for (const [name, run] of [
    ['steady scroll (15 rows/frame)', steady],
    ['fling (100 rows/frame)', fling],
  ] as const) {
    const f = stats(run.frameMs);
    const over = run.frameMs.filter((d) => d > 20).length;
    console.log(
      `  ${name.padEnd(31)}frames p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, max ${ms(f.max)}; ${over} of ${run.frameMs.length} over 20 ms; ${run.blankFrames} showed a row loading`,
    );
  }
  console.log(
    `  main thread while scrolling  longest task ${ms(scrollTasks.max)}, p99 ${ms(scrollTasks.p99)} (${scrollTasks.count} tasks, steady scroll)`,
  );
  const j = stats(jumped);
  console.log(
    `  jump → screen filled         median ${ms(j.p50)}, max ${ms(j.max)} (${jumped.length} jumps)`,
  );
  console.log(
    `  keystroke → rows             median ${ms(key.p50)}, p95 ${ms(key.p95)}, max ${ms(key.max)} (${keystrokes.length} keys; target ≤ 100 ms)`,
  );
  const lf = stats(live.frameMs);
  console.log(
    `  live: ${fmt(achieved)} status changes/s for ${o.seconds} s (asked ${o.rate}); ${live.changes} status-cell mutations on screen`,
  );
  console.log(
    `    longest main-thread task   ${ms(taskStats.max)} (p99 ${ms(taskStats.p99)}, ${taskStats.count} tasks; target ≤ 50 ms)`,
  );
  console.log(
    `    frames                     p50 ${ms(lf.p50)}, p95 ${ms(lf.p95)}, max ${ms(lf.max)}; long tasks ≥ 50 ms: ${live.longTasks.length}`,
  );
  if (driven.failures.length > 0)
    console.log(`    driver failures: ${driven.failures.length} (first: ${driven.failures[0]})`);
  if (o.dir) console.log(`\nKept in ${o.dir} for the next run.`);
  return 0;
}

runBench({
  readOptions,
  help: HELP,
  run,
  cleanUp,
  complaints: () => running.service?.complaints ?? [],
});
