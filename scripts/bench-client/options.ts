/** `npm run bench:client`'s command line: its flags, their defaults, the help text, and the targets. */
import { parseArgs } from 'node:util';

/** The targets: issue 14's (performance), and the first benchmark's where issue 14 sets none. */
export const TARGET = {
  requests: 100_000,
  others: 500,
  bootstrapS: 2,
  coldOpenMs: 150,
  queryP95Ms: 10,
  liveP99Ms: 50,
} as const;

export const HELP = `Usage: npm run bench:client -- [options]

The agent client's core (main/core) against a real service, measured: bootstrap of a big cache, cold
open, search and filter queries, and live latency with many other agents connected.

  --requests N      session requests seeded at the service and bootstrapped (default ${TARGET.requests})
  --others N        other agents' change streams open during the live phase (default ${TARGET.others})
  --accounts N      agent accounts those streams are spread over (default 25; each costs two scrypt
                    hashes at the service, so one account per stream would take minutes to set up)
  --rate N          status changes per second driven in the live phase (default 25)
  --seconds N       measured duration of the live phase (default 20)
  --warmup N        seconds driven before the live phase is measured (default 3)
  --queries N       search and filter queries run over the cache (default 500)
  --cold-opens N    cold opens of the cache, each in a fresh process (default 5)
  --pool N          requests the live phase's changes cycle over (default 64)
  --client-procs N  processes holding the other agents' streams (default 2)
  --keep            keep the data folders (printed) instead of removing them
  --reads-during-bootstrap
                    ask for the first 100 rows and the counts every 100 ms during the bootstrap, and time
                    them (they share the cache's worker with its writes, so the bootstrap takes longer)
  --json            also print the figures as one JSON object on the last line (ms, bytes)
  --help            this text`;

export interface Options {
  readonly requests: number;
  readonly others: number;
  readonly accounts: number;
  readonly rate: number;
  readonly seconds: number;
  readonly warmup: number;
  readonly queries: number;
  readonly coldOpens: number;
  readonly pool: number;
  readonly clientProcs: number;
  readonly keep: boolean;
  readonly json: boolean;
  readonly readsMeanwhile: boolean;
}

/** The options in `argv`, or null for --help; throws on a bad value. */
export function readOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string' },
      others: { type: 'string' },
      accounts: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      queries: { type: 'string' },
      'cold-opens': { type: 'string' },
      pool: { type: 'string' },
      'client-procs': { type: 'string' },
      keep: { type: 'boolean' },
      json: { type: 'boolean' },
      'reads-during-bootstrap': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const number = (name: string, raw: string | undefined, fallback: number, min: number) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} is a number ≥ ${min}.`);
    return value;
  };
  const int = (name: string, raw: string | undefined, fallback: number, min: number) =>
    Math.floor(number(name, raw, fallback, min));
  const others = int('others', values.others, TARGET.others, 1);
  const pool = int('pool', values.pool, 64, 2);
  return {
    // The pool is part of the seeded requests, and the queries scroll to row 50,000 of them.
    requests: int('requests', values.requests, TARGET.requests, pool + 100),
    others,
    accounts: Math.min(others, int('accounts', values.accounts, 25, 1)),
    rate: number('rate', values.rate, 25, 1),
    seconds: number('seconds', values.seconds, 20, 1),
    warmup: number('warmup', values.warmup, 3, 0),
    queries: int('queries', values.queries, 500, 1),
    coldOpens: int('cold-opens', values['cold-opens'], 5, 1),
    pool,
    clientProcs: Math.min(others, int('client-procs', values['client-procs'], 2, 1)),
    keep: values.keep === true,
    json: values.json === true,
    readsMeanwhile: values['reads-during-bootstrap'] === true,
  };
}
