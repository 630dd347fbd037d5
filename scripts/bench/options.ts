/** The bench's command line: its flags, their defaults and the help text. */
import { parseArgs } from 'node:util';
import { DATABASE_DIALECTS, type DatabaseDialect } from '../../server/db/dialects';
import { TARGET, TRICKLE_RATE } from './constants';

export const HELP = `Usage: npm run bench:server -- [options]

  --agents N        connected agents, one account and one change stream each (default 1000)
  --rate N          status changes per second to drive (default 200; above 1,000 agents 10, a trickle:
                    the capacity run, --agents 15000 --accounts 100)
  --seconds N       measured duration (default 20)
  --warmup N        seconds driven at the same rate before measuring (default 3)
  --accounts N      agent accounts the streams are spread over (default: one per agent); fewer
                    make the set-up quicker (each account costs two scrypt hashes at the service)
  --pool N          session requests the changes cycle over (default 64)
  --client-procs N  processes holding the streams (default 2)
  --database D      sqlite (default: the service's own data folder) or postgres (a durable PostgreSQL 15
                    cluster the bench starts in a temporary folder and removes after)
  --instances N     service processes on that one database (default 1; more needs --database postgres):
                    the agents' streams are spread evenly over them, every write goes through the first,
                    and fan-out is reported apart for streams on the first (single-instance) and on the
                    others (cross-instance)
  --cpu-prof        write a CPU profile of the service (.cpuprofile, kept in a printed folder)
  --no-floor        skip the plain-ws floor (measured by default after the service, same streams and rate)
  --json            print the figures as one JSON object on the last line (ms and bytes)
  --help            this text`;

export interface Options {
  readonly agents: number;
  readonly accounts: number;
  readonly rate: number;
  readonly seconds: number;
  readonly warmup: number;
  readonly pool: number;
  readonly clientProcs: number;
  readonly cpuProf: boolean;
  /** Measure the plain-ws floor too (bench:server; other benches that set up through these options do not). */
  readonly floor?: boolean;
  /** Print the figures as one JSON object on the last line. */
  readonly json?: boolean;
  /** The service's database (bench:server; absent: sqlite). */
  readonly database?: DatabaseDialect;
  /** Service processes on that database (bench:server; absent: 1). */
  readonly instances?: number;
}

/** The options in `argv`, or null for --help; throws on a bad value. */
export function readOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      agents: { type: 'string' },
      accounts: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      pool: { type: 'string' },
      'client-procs': { type: 'string' },
      database: { type: 'string' },
      instances: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      'no-floor': { type: 'boolean' },
      json: { type: 'boolean' },
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
  const agents = Math.floor(number('agents', values.agents, TARGET.agents, 1));
  const database = values.database ?? 'sqlite';
  if (!DATABASE_DIALECTS.includes(database as DatabaseDialect))
    throw new Error(`--database is one of ${DATABASE_DIALECTS.join(', ')}.`);
  const instances = Math.floor(number('instances', values.instances, 1, 1));
  if (instances > 1 && database !== 'postgres')
    throw new Error("--instances above 1 needs --database postgres: SQLite is one process's database.");
  if (instances > agents) throw new Error('--instances is at most --agents: each instance holds streams.');
  return {
    agents,
    accounts: Math.min(agents, Math.floor(number('accounts', values.accounts, agents, 1))),
    rate: number('rate', values.rate, agents > TARGET.agents ? TRICKLE_RATE : TARGET.rate, 1),
    seconds: number('seconds', values.seconds, 20, 1),
    warmup: number('warmup', values.warmup, 3, 0),
    pool: Math.floor(number('pool', values.pool, 64, 2)),
    // Two client processes by default. Measured on this 2-core machine at 50 changes/s to 1,000 streams
    // (which the service sustains): one process gave p99 17–39 ms with its event loop delayed up to 49 ms,
    // two gave 23–26 ms (loop delay p99 11 ms), four 25 ms but 0.9 of a core for the clients against 0.6–0.75,
    // CPU the service then lacks. One event loop receiving everything adds latency that is not the service's.
    clientProcs: Math.min(agents, Math.floor(number('client-procs', values['client-procs'], 2, 1))),
    cpuProf: values['cpu-prof'] === true,
    floor: values['no-floor'] !== true,
    json: values.json === true,
    database: database as DatabaseDialect,
    instances,
  };
}
