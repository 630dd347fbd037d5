/**
 * `npm run bench:reports`: GET /reports/summary and GET /reports/requests.csv over 100,000 requests, on
 * SQLite and on PostgreSQL, each served by the service in its own process.
 *
 *   npm run bench:reports -- [--requests 100000] [--rounds 5] [--databases sqlite,postgres]
 *                            [--data-dir DIR] [--json]
 *
 * Seeds the SQLite database as bench:client does (scripts/bench-client/seed.ts: the requests spread over
 * the last 30 days, each with its life in the timeline), or reuses the one in --data-dir. PostgreSQL gets
 * the same rows: a PostgreSQL the bench starts, migrated by the service's first start, then filled with the
 * SQLite database's agents, channels, requests and timelines. Each round times, in turn: the admin's summary
 * of the default period (the last 30 days: every request), one agent's summary (their own work), and the
 * whole CSV export. The target (issue 17): the summary in ≤ 200 ms. With --json the last line is one JSON
 * object (milliseconds and bytes).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { agentEmail, AGENT_PASSWORD, seed } from '../bench-client/seed';
import { ADMIN } from './constants';
import { runBench } from './entry';
import { api, closeConnections, httpCall } from './http';
import { log } from './log';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';
import { printTable, type Row } from './report';
import { startServiceProcess, type Service } from './service-process';

const HELP = `Usage: npm run bench:reports -- [options]

GET /reports/summary and /reports/requests.csv over the seeded requests, on each database.

  --requests N          session requests seeded (default 100000)
  --rounds N            rounds, each timing every figure once (default 5)
  --databases LIST      comma-separated, of sqlite, postgres (default both)
  --data-dir DIR        the SQLite data folder: reused when it holds a database, else seeded and kept
  --json                print the figures as one JSON object on the last line
  --help                this text`;

const DATABASES = ['sqlite', 'postgres'] as const;
type DatabaseKind = (typeof DATABASES)[number];

/** The target for the summary over 100,000 requests. */
const SUMMARY_TARGET_MS = 200;

/** What is copied to PostgreSQL, parents first (the foreign keys). */
const COPIED_TABLES = [
  'agents',
  'channels',
  'memberships',
  'requests',
  'participants',
  'connections',
  'request_events',
  'request_facts',
] as const;

interface Options {
  readonly requests: number;
  readonly rounds: number;
  readonly databases: readonly DatabaseKind[];
  readonly dataDir: string | null;
  readonly json: boolean;
}

function readOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string' },
      rounds: { type: 'string' },
      databases: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return null;
  const requests = Number(values.requests ?? 100_000);
  if (!Number.isInteger(requests) || requests < 200) throw new Error('--requests is a whole number ≥ 200.');
  const rounds = Number(values.rounds ?? 5);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds is a whole number ≥ 1.');
  const databases = (values.databases ?? DATABASES.join(',')).split(',').map((d) => d.trim());
  for (const database of databases) {
    if (!(DATABASES as readonly string[]).includes(database)) {
      throw new Error(`--databases: ${database} is not one of ${DATABASES.join(', ')}.`);
    }
  }
  return {
    requests,
    rounds,
    databases: databases as DatabaseKind[],
    dataDir: values['data-dir'] ? resolve(values['data-dir']) : null,
    json: values.json === true,
  };
}

const cleanup = {
  service: null as Service | null,
  cluster: null as PostgresCluster | null,
  dirs: [] as string[],
};

async function cleanUp(): Promise<void> {
  closeConnections();
  const service = cleanup.service;
  cleanup.service = null;
  await service?.stop();
  const cluster = cleanup.cluster;
  cleanup.cluster = null;
  await cluster?.destroy();
  for (const dir of cleanup.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

interface Figures {
  /** The admin's summary of every request: median and best round. */
  readonly summaryMs: number;
  readonly summaryBestMs: number;
  /** One agent's summary of their own work. */
  readonly agentSummaryMs: number;
  /** The whole CSV export, its last byte read. */
  readonly csvMs: number;
  readonly csvBytes: number;
  readonly requestsCounted: number;
}

async function run(options: Options): Promise<number> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sessiondesk-bench-reports-'));
  if (!options.dataDir) cleanup.dirs.push(dataDir);
  if (existsSync(join(dataDir, 'sessiondesk.db'))) {
    log(`reusing the database in ${dataDir}`);
  } else {
    log(`seeding ${options.requests} requests in ${dataDir}…`);
    const seeded = await seed(dataDir, { requests: options.requests, accounts: 5, pool: 0 });
    log(`seeded in ${seeded.seconds.toFixed(1)} s: ${seeded.timelineEvents} timeline events`);
  }

  const results: Partial<Record<DatabaseKind, Figures>> = {};
  for (const database of options.databases) {
    const service =
      database === 'sqlite' ? await startServiceProcess(dataDir, null) : await serviceOnPostgres(dataDir);
    cleanup.service = service;
    log(`${database}: service pid ${service.pid} listening on ${service.url}`);
    results[database] = await measure(service.url, options.rounds, database);
    cleanup.service = null;
    await service.stop();
  }

  const rows: Row[] = [];
  for (const [database, f] of Object.entries(results)) {
    rows.push(
      [
        `${database}: summary, admin (${f.requestsCounted} requests)`,
        `${f.summaryMs} ms (best ${f.summaryBestMs})`,
        `≤ ${SUMMARY_TARGET_MS} ms`,
        f.summaryMs <= SUMMARY_TARGET_MS ? 'met' : 'MISSED',
      ],
      [`${database}: summary, one agent's own work`, `${f.agentSummaryMs} ms`, '', ''],
      [
        `${database}: CSV export, every request`,
        `${f.csvMs} ms, ${(f.csvBytes / 1e6).toFixed(1)} MB`,
        '',
        '',
      ],
    );
  }
  console.log(`\nReports over ${options.requests} requests (median of ${options.rounds} rounds):`);
  printTable(rows);
  if (options.json) {
    console.log(JSON.stringify({ requests: options.requests, rounds: options.rounds, ...results }));
  }
  return 0;
}

/** The rounds of one service: the figures' median (and the summary's best) round. */
async function measure(url: string, rounds: number, database: DatabaseKind): Promise<Figures> {
  const admin = await api<{ accessToken: string }>('POST', url, '/auth/login', 200, { body: ADMIN });
  const agent = await api<{ accessToken: string }>('POST', url, '/auth/login', 200, {
    body: { email: agentEmail(0), password: AGENT_PASSWORD },
  });
  const timed = async (path: string, token: string) => {
    const started = performance.now();
    const result = await httpCall('GET', `${url}/api/v1${path}`, { token });
    const ms = performance.now() - started;
    if (result.status !== 200) throw new Error(`GET ${path}: HTTP ${result.status}: ${result.text}`);
    return { ms, result };
  };
  // One unmeasured pass warms the service's code and the database's cache.
  const warm = await timed('/reports/summary', admin.accessToken);
  const requestsCounted = (JSON.parse(warm.result.text) as { totals: { created: number } }).totals.created;
  await timed('/reports/requests.csv', admin.accessToken);
  const summary: number[] = [];
  const agentSummary: number[] = [];
  const csv: number[] = [];
  let csvBytes = 0;
  for (let round = 1; round <= rounds; round++) {
    summary.push((await timed('/reports/summary', admin.accessToken)).ms);
    agentSummary.push((await timed('/reports/summary', agent.accessToken)).ms);
    const exported = await timed('/reports/requests.csv', admin.accessToken);
    csv.push(exported.ms);
    csvBytes = exported.result.bytes.length;
    log(
      `${database}, round ${round}: summary ${ms(summary.at(-1)!)} ms, agent ${ms(agentSummary.at(-1)!)} ms, ` +
        `CSV ${ms(csv.at(-1)!)} ms`,
    );
  }
  return {
    summaryMs: ms(median(summary)),
    summaryBestMs: ms(Math.min(...summary)),
    agentSummaryMs: ms(median(agentSummary)),
    csvMs: ms(median(csv)),
    csvBytes,
    requestsCounted,
  };
}

/**
 * The service on a PostgreSQL the bench starts, holding the SQLite database's rows: its first start
 * migrates the database (and makes an admin and a channel of its own, replaced by the copy), then the
 * tables are copied and the service started again.
 */
async function serviceOnPostgres(sqliteDir: string): Promise<Service> {
  const cluster = await startPostgresCluster();
  cleanup.cluster = cluster;
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-bench-reports-pg-'));
  cleanup.dirs.push(dataDir);
  const first = await startServiceProcess(dataDir, null, cluster.url);
  await first.stop();
  log('postgres: migrated; copying the SQLite database’s rows…');
  const started = performance.now();
  const source = new Database(join(sqliteDir, 'sessiondesk.db'), { readonly: true });
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`TRUNCATE ${[...COPIED_TABLES].reverse().join(', ')} CASCADE`);
    for (const table of COPIED_TABLES) {
      const rows = source.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      for (let i = 0; i < rows.length; i += 5_000) {
        // Each row by its column names: PostgreSQL's tables keep SQLite's (db/migrations/postgres).
        await client.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1)`, [
          JSON.stringify(rows.slice(i, i + 5_000)),
        ]);
      }
      log(`  ${table}: ${rows.length} rows`);
    }
    await client.query(
      "SELECT setval(pg_get_serial_sequence('request_events', 'id'), (SELECT max(id) FROM request_events))",
    );
    await client.query("SELECT setval('feed_seq', (SELECT max(seq) FROM requests))");
    // What autovacuum does within a minute of a bulk load: the statistics, and the visibility map that lets
    // the reports' covering indexes answer without visiting the table (index-only scans).
    await client.query('VACUUM ANALYZE');
  } finally {
    source.close();
    await client.end();
  }
  log(`postgres: copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return startServiceProcess(dataDir, null, cluster.url);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const ms = (value: number) => Math.round(value * 10) / 10;

runBench({ readOptions, help: HELP, run, cleanUp, complaints: () => cleanup.service?.complaints ?? [] });
