/**
 * `npm run bench:queries`: the query mix of `bench:client` (scripts/bench-client/queries.ts) alone, over a
 * cache of N requests, in seconds rather than minutes: the cache is made once and kept in a folder.
 *
 *   npm run bench:queries -- [--requests 100000] [--rounds 10] [--dir DIR] [--bootstrap] [--engine E] [--json]
 *
 * The first run for a size seeds a service's database (scripts/bench-client/seed.ts), starts the service
 * and lets a core bootstrap from it (scripts/bench-client/core-child.ts, bundled, as bench:client does);
 * the service's folder and that cache are kept in DIR (default: the temp folder's
 * sessiondesk-query-mix-N). `--bootstrap` bootstraps again from the kept service, timing the cache's
 * writes with the code as it is now, and keeps that cache instead.
 *
 * Each run copies the kept cache, opens the copy with the cache's own code (its migrations, timed: a
 * cache made by older code is upgraded here as an agent's would be), and runs the mix ROUNDS times
 * through RequestQueries, the SQL and the rows' decoding that `requests.query` and `requests.counts`
 * run in the core. Per kind and per query: p50, p95 and max, ms; the last line with --json. `--engine
 * wasm` runs the mix on SQLite compiled to WebAssembly (the web console's engine, here in Node, the copy
 * loaded into its memory file system) instead of better-sqlite3.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { requestQuerySchema } from '@shared/ipc/contract';
import type { Channel, Me } from '@shared/protocol/api';
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { openWasmCacheDatabase } from '../../main/core/cache/browser/wasm-cache-database';
import type { CacheDatabase } from '../../main/core/cache/cache-database';
import { openNodeCacheDatabase } from '../../main/core/cache/node/node-cache-database';
import { RequestQueries } from '../../main/core/cache/request-queries';
import { ADMIN } from '../bench/constants';
import { runBench } from '../bench/entry';
import { log } from '../bench/log';
import { startServiceProcess, type Service } from '../bench/service-process';
import { fmt } from '../bench/stats';
import { bundleCoreChild, bundleDir } from './bundle';
import { forkCore, type CoreProcess } from './core-process';
import type { BootstrapResult } from './messages';
import { QUERY_KINDS, queryContextOf, queryMix, type QuerySpec } from './queries';
import { percentiles } from './report';
import { seed } from './seed';

const HELP = `Usage: npm run bench:queries -- [options]

The query mix of bench:client alone over a cache kept between runs.

  --requests N   requests in the cache (default 100000; made once per size, then kept)
  --rounds N     times the whole mix runs after one warm-up round (default 10)
  --dir DIR      where the seeded service and the cache are kept (default ${join(tmpdir(), 'sessiondesk-query-mix-N')})
  --bootstrap    bootstrap the cache again from the kept service (times the cache's writes)
  --engine E     node (better-sqlite3, default) or wasm (SQLite compiled to WebAssembly, in memory)
  --json         print the figures as one JSON object on the last line
  --help         this text`;

interface Options {
  readonly requests: number;
  readonly rounds: number;
  readonly dir: string;
  readonly bootstrap: boolean;
  readonly engine: 'node' | 'wasm';
  readonly json: boolean;
}

function readOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string' },
      rounds: { type: 'string' },
      dir: { type: 'string' },
      bootstrap: { type: 'boolean' },
      engine: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const int = (name: string, raw: string | undefined, fallback: number, min: number) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} is a whole number ≥ ${min}.`);
    return value;
  };
  const requests = int('requests', values.requests, 100_000, 1_000);
  const engine = values.engine ?? 'node';
  if (engine !== 'node' && engine !== 'wasm') throw new Error('--engine is node or wasm.');
  return {
    engine,
    requests,
    rounds: int('rounds', values.rounds, 10, 1),
    dir: values.dir ?? join(tmpdir(), `sessiondesk-query-mix-${requests}`),
    bootstrap: values.bootstrap === true,
    json: values.json === true,
  };
}

/** What to stop if the run ends early. */
const cleanup = { service: null as Service | null, core: null as CoreProcess | null, dirs: [] as string[] };

async function cleanUp(): Promise<void> {
  cleanup.core?.kill();
  cleanup.core = null;
  await cleanup.service?.stop();
  cleanup.service = null;
  for (const dir of cleanup.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The bootstrap's figures that concern the cache's writes, ms. */
interface WriteFigures {
  readonly liveMs: number;
  readonly applyPagesMs: number;
  readonly cacheBytes: number;
}

/** Seeds the service once, then bootstraps a fresh cache from it: kept as DIR/seed.sqlite. */
async function makeCache(options: Options): Promise<WriteFigures> {
  const serviceDir = join(options.dir, 'service');
  if (!existsSync(join(serviceDir, 'seeded'))) {
    rmSync(options.dir, { recursive: true, force: true });
    mkdirSync(serviceDir, { recursive: true });
    log(`seeding ${fmt(options.requests)} requests at a service in ${serviceDir}…`);
    await seed(serviceDir, { requests: options.requests, accounts: 1, pool: 64 });
    writeFileSync(join(serviceDir, 'seeded'), '');
  }
  const bundleOut = bundleDir();
  cleanup.dirs.push(bundleOut);
  const bundle = await bundleCoreChild(bundleOut);
  const coreDir = join(options.dir, `core-${process.pid}`);
  cleanup.dirs.push(coreDir);
  mkdirSync(coreDir);
  cleanup.service = await startServiceProcess(serviceDir, null);
  log('bootstrapping a fresh cache from it…');
  cleanup.core = forkCore('bootstrap', coreDir, { bundle });
  cleanup.core.tell({ type: 'bootstrap', url: cleanup.service.url, ...ADMIN, readsMeanwhile: false });
  const result: BootstrapResult = (await cleanup.core.next('bootstrapped', 900_000)).result;
  await cleanup.core.stop();
  cleanup.core = null;
  await cleanup.service.stop();
  cleanup.service = null;
  const cacheDir = join(coreDir, 'cache');
  const file = readdirSync(cacheDir).find((name) => name.endsWith('.sqlite'));
  if (!file) throw new Error(`the bootstrap left no cache in ${cacheDir}`);
  copyFileSync(join(cacheDir, file), join(options.dir, 'seed.sqlite'));
  const figures = {
    liveMs: result.liveMs,
    applyPagesMs: result.pages.reduce((sum, page) => sum + page.ms, 0),
    cacheBytes: result.cacheBytes + result.walBytes,
  };
  writeFileSync(join(options.dir, 'bootstrap.json'), JSON.stringify(figures));
  return figures;
}

interface Sample {
  readonly kind: QuerySpec['kind'];
  readonly label: string;
  readonly ms: number;
  readonly total: number;
}

/**
 * The kept cache on the wasm engine: its bytes put in the module's memory file system (out of WAL mode,
 * as the OPFS pool's importDb does: that file system has no shared memory), then opened and migrated.
 */
async function openOnWasm(file: string): Promise<{ db: CacheDatabase; migrateMs: number }> {
  const sqlite3 = await sqlite3InitModule();
  const bytes = new Uint8Array(readFileSync(file));
  bytes[18] = bytes[19] = 1;
  const name = `/run-${process.pid}.sqlite`;
  sqlite3.capi.sqlite3_js_posix_create_file(name, bytes);
  const openedAt = performance.now();
  const db = openWasmCacheDatabase(sqlite3, new sqlite3.oo1.DB(name, 'w'), name);
  return { db, migrateMs: performance.now() - openedAt };
}

async function runMix(options: Options): Promise<{ migrateMs: number; samples: Sample[] }> {
  const runFile = join(options.dir, `run-${process.pid}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) cleanup.dirs.push(runFile + suffix);
  copyFileSync(join(options.dir, 'seed.sqlite'), runFile);
  const openedAt = performance.now();
  const { db, migrateMs } =
    options.engine === 'wasm'
      ? await openOnWasm(runFile)
      : { db: openNodeCacheDatabase(runFile), migrateMs: performance.now() - openedAt };
  try {
    const state = (key: string) =>
      db.prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?').pluck().get(key);
    const me = JSON.parse(state('me') ?? 'null') as Me | null;
    if (!me) throw new Error('the kept cache has no signed-in agent');
    const channels = db
      .prepare<[], string>("SELECT body FROM directory WHERE kind = 'channel'")
      .pluck()
      .all()
      .map((body) => JSON.parse(body) as Channel);
    const queries = new RequestQueries(db);
    const now = Date.now();
    const first = queries.page(requestQuerySchema.parse({ view: { type: 'all' } }), me.id, now);
    const mix = queryMix(queryContextOf(channels, first.rows));
    const samples: Sample[] = [];
    for (let round = 0; round <= options.rounds; round++) {
      for (const spec of mix) {
        const at = performance.now();
        const total =
          spec.command === 'requests.counts'
            ? (queries.counts(me.id, now), -1)
            : queries.page(requestQuerySchema.parse(spec.input), me.id, now).total;
        // Round 0 warms the statements and the page cache up, as a session's first minutes do.
        if (round > 0)
          samples.push({ kind: spec.kind, label: spec.label, ms: performance.now() - at, total });
      }
    }
    return { migrateMs, samples };
  } finally {
    db.close();
  }
}

async function run(options: Options): Promise<number> {
  mkdirSync(options.dir, { recursive: true });
  let writes: WriteFigures | null = null;
  if (options.bootstrap || !existsSync(join(options.dir, 'seed.sqlite'))) writes = await makeCache(options);
  log(
    `running the mix ${options.rounds} times on the ${options.engine} engine over the cache kept in ${options.dir}…`,
  );
  const { migrateMs, samples } = await runMix(options);

  const all = percentiles(samples.map((s) => s.ms));
  const kinds = Object.fromEntries(
    QUERY_KINDS.map((kind) => [kind, percentiles(samples.filter((s) => s.kind === kind).map((s) => s.ms))]),
  );
  const labels = [...new Set(samples.map((s) => s.label))].map((label) => {
    const of = samples.filter((s) => s.label === label);
    return { label, kind: of[0]!.kind, total: of[0]!.total, ...percentiles(of.map((s) => s.ms)) };
  });
  const row = (name: string, p: { p50: number; p95: number; max: number }) =>
    `${name.padEnd(48)} ${fmt(p.p50, 1).padStart(7)} ${fmt(p.p95, 1).padStart(7)} ${fmt(p.max, 1).padStart(7)}`;
  console.log(`\n${'query (ms)'.padEnd(48)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`);
  for (const label of [...labels].sort((a, b) => b.p50 - a.p50)) {
    console.log(`${row(label.label, label)}  ${label.total >= 0 ? `${fmt(label.total)} rows` : ''}`);
  }
  console.log('');
  for (const kind of QUERY_KINDS) console.log(row(`kind: ${kind}`, kinds[kind]!));
  console.log(row('all', all));
  console.log(`opening the cache (migrations): ${fmt(migrateMs)} ms`);
  if (writes) {
    console.log(
      `bootstrap: live in ${fmt(writes.liveMs)} ms, of which writing pages ${fmt(writes.applyPagesMs)} ms; ` +
        `cache ${fmt(writes.cacheBytes)} bytes`,
    );
  }
  if (options.json) {
    console.log(
      JSON.stringify({
        requests: options.requests,
        engine: options.engine,
        rounds: options.rounds,
        all,
        kinds,
        queries: labels,
        migrateMs,
        bootstrap: writes,
      }),
    );
  }
  return 0;
}

runBench({ readOptions, help: HELP, run, cleanUp, complaints: () => cleanup.service?.complaints ?? [] });
