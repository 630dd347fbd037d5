/**
 * `npm run bench:sync`: the service alone serving every page of a sync from 0, per content encoding,
 * without the rest of bench:client (no core, no cold opens, no live phase).
 *
 *   npm run bench:sync -- [--requests 100000] [--encodings identity,gzip,br] [--rounds 3]
 *                         [--data-dir DIR [--seed-only]] [--cpu-prof DIR] [--json]
 *
 * Seeds the service's database as bench:client does (scripts/bench-client/seed.ts), or reuses the one in
 * --data-dir when it is there (seeding 100,000 requests takes a minute or two), starts the service in its
 * own process, signs in as the admin and pages everything: ROUNDS rounds, each round every encoding once,
 * in turn, so that the machine's load falls alike on each. Per encoding it prints the best and median
 * round, the bytes on the wire and decoded, and the same sync over a 50 Mbit/s link (computed: the
 * service's time plus the wire bytes at 6.25 MB/s). With --json the last line is one JSON object
 * (milliseconds and bytes).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ADMIN } from '../bench/constants';
import { api, closeConnections } from '../bench/http';
import { runBench } from '../bench/entry';
import { log } from '../bench/log';
import { startServiceProcess, type Service } from '../bench/service-process';
import { seed } from './seed';
import { ENCODINGS, pageEverything, type Encoding, type Paging } from './service-paging';

const HELP = `Usage: npm run bench:sync -- [options]

The service alone serving every page of a sync from 0 (GET /sync, 5,000 changes a page), per encoding.

  --requests N          session requests seeded (default 100000)
  --encodings LIST      comma-separated, of identity, gzip, br (default all three)
  --rounds N            rounds, each pages everything once per encoding (default 3)
  --data-dir DIR        the service's data folder: reused when it holds a database, else seeded and kept
  --seed-only           seed --data-dir and stop (a setup step, to run outside the benchmarks' lock)
  --cpu-prof DIR        write the service's CPU profile (.cpuprofile) to DIR when it stops
  --json                print the figures as one JSON object on the last line
  --help                this text`;

interface Options {
  readonly requests: number;
  readonly encodings: readonly Encoding[];
  readonly rounds: number;
  readonly dataDir: string | null;
  readonly cpuProf: string | null;
  readonly seedOnly: boolean;
  readonly json: boolean;
}

function readOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string' },
      encodings: { type: 'string' },
      rounds: { type: 'string' },
      'data-dir': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'seed-only': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return null;
  if (values['seed-only'] && !values['data-dir']) throw new Error('--seed-only needs --data-dir.');
  const requests = Number(values.requests ?? 100_000);
  if (!Number.isInteger(requests) || requests < 200) throw new Error('--requests is a whole number ≥ 200.');
  const rounds = Number(values.rounds ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds is a whole number ≥ 1.');
  const encodings = (values.encodings ?? ENCODINGS.join(',')).split(',').map((e) => e.trim());
  for (const encoding of encodings) {
    if (!(ENCODINGS as readonly string[]).includes(encoding)) {
      throw new Error(`--encodings: ${encoding} is not one of ${ENCODINGS.join(', ')}.`);
    }
  }
  return {
    requests,
    encodings: encodings as Encoding[],
    rounds,
    dataDir: values['data-dir'] ? resolve(values['data-dir']) : null,
    cpuProf: values['cpu-prof'] ? resolve(values['cpu-prof']) : null,
    seedOnly: values['seed-only'] === true,
    json: values.json === true,
  };
}

const cleanup = { service: null as Service | null, dir: null as string | null };

async function cleanUp(): Promise<void> {
  closeConnections();
  const service = cleanup.service;
  cleanup.service = null;
  await service?.stop();
  if (cleanup.dir) rmSync(cleanup.dir, { recursive: true, force: true });
  cleanup.dir = null;
}

async function run(options: Options): Promise<number> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sessiondesk-bench-sync-'));
  if (!options.dataDir) cleanup.dir = dataDir;
  if (existsSync(join(dataDir, 'sessiondesk.db'))) {
    log(`reusing the database in ${dataDir}`);
  } else {
    log(`seeding ${options.requests} requests in ${dataDir}…`);
    const seeded = await seed(dataDir, { requests: options.requests, accounts: 5, pool: 64 });
    log(`seeded in ${seeded.seconds.toFixed(1)} s; feed head ${seeded.head}`);
  }
  if (options.seedOnly) return 0;

  const service = await startServiceProcess(dataDir, options.cpuProf);
  cleanup.service = service;
  log(`service pid ${service.pid} listening on ${service.url}`);
  const admin = await api<{ accessToken: string }>('POST', service.url, '/auth/login', 200, { body: ADMIN });

  // One unmeasured pass warms the service's code and SQLite's page cache.
  await pageEverything(service.url, admin.accessToken, 'identity');
  const runs = new Map<Encoding, Paging[]>(options.encodings.map((e) => [e, []]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const encoding of options.encodings) {
      const paging = await pageEverything(service.url, admin.accessToken, encoding);
      runs.get(encoding)!.push(paging);
      log(
        `round ${round}, ${encoding}: ${paging.pages} pages in ${paging.ms.toFixed(0)} ms ` +
          `(decoding ${paging.decodeMs.toFixed(0)} ms), ${mb(paging.wireBytes)} on the wire, ${mb(paging.bytes)} of JSON`,
      );
    }
  }
  cleanup.service = null;
  await service.stop();
  if (options.cpuProf) log(`CPU profile written to ${options.cpuProf}`);

  const figures = Object.fromEntries(
    [...runs].map(([encoding, pagings]) => {
      const byMs = [...pagings].sort((a, b) => a.ms - a.decodeMs - (b.ms - b.decodeMs));
      const best = byMs[0]!;
      const median = byMs[Math.floor((byMs.length - 1) / 2)]!;
      return [
        encoding,
        {
          pages: best.pages,
          bestMs: round(best.ms - best.decodeMs),
          medianMs: round(median.ms - median.decodeMs),
          decodeMs: round(median.decodeMs),
          wireBytes: best.wireBytes,
          bytes: best.bytes,
          link50MbitMs: round(median.link50MbitMs),
        },
      ];
    }),
  );
  console.log('\nThe service alone, every page of a sync from 0 (median of the rounds; decoding excluded):');
  console.log('encoding   median ms   best ms   on the wire   decoded     50 Mbit/s ms');
  for (const [encoding, f] of Object.entries(figures)) {
    console.log(
      `${encoding.padEnd(10)} ${String(f.medianMs).padStart(9)} ${String(f.bestMs).padStart(9)}` +
        `   ${mb(f.wireBytes).padStart(11)}   ${mb(f.bytes).padStart(9)}   ${String(f.link50MbitMs).padStart(12)}`,
    );
  }
  if (options.json)
    console.log(JSON.stringify({ requests: options.requests, rounds: options.rounds, ...figures }));
  return 0;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

runBench({ readOptions, help: HELP, run, cleanUp, complaints: () => cleanup.service?.complaints ?? [] });
