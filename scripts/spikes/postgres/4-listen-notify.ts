/**
 * 4. Cross-instance wake-up with LISTEN/NOTIFY. A writer commits changes at --rate per second, each
 * transaction inserting its row and calling pg_notify('feed', seq) (delivered at commit, in commit order);
 * a listener on another connection (another instance) times commit → notification.
 *
 * Then PostgreSQL restarts under the listener: what `pg` emits, how long until it listens again, and that
 * the changes committed while it was deaf are caught up by reading seq > the last seq it was told of.
 *
 *   npx tsx 4-listen-notify.ts [--rate 200] [--seconds 10] [--runs 3] [--debian]
 */
import pg from 'pg';
import { kindFromArgs, numberArg } from './cli';
import { startCluster } from './cluster';
import { median, now, percentile, report, round } from './stats';

const RATE = numberArg('rate', 200);
const SECONDS = numberArg('seconds', 10);
const RUNS = numberArg('runs', 3);

const SCHEMA = `CREATE SEQUENCE feed_seq;
  CREATE TABLE changes (seq BIGINT PRIMARY KEY, payload TEXT NOT NULL);`;

async function commitOne(
  client: pg.Client,
): Promise<{ seq: number; sentCommitAt: number; committedAt: number }> {
  await client.query('BEGIN');
  const { rows } = await client.query<{ seq: string }>(
    "INSERT INTO changes VALUES (nextval('feed_seq'), 'x') RETURNING seq",
  );
  const seq = Number(rows[0]!.seq);
  await client.query("SELECT pg_notify('feed', $1)", [String(seq)]);
  const sentCommitAt = now();
  await client.query('COMMIT');
  return { seq, sentCommitAt, committedAt: now() };
}

/** Commits at RATE per second for SECONDS; per change, the time from COMMIT sent and acknowledged to receipt. */
async function latencyRun(url: string) {
  const writer = new pg.Client({ connectionString: url });
  const listener = new pg.Client({ connectionString: url });
  await Promise.all([writer.connect(), listener.connect()]);
  const received = new Map<number, number>();
  listener.on('notification', (n) => received.set(Number(n.payload), now()));
  await listener.query('LISTEN feed');
  const commits: Awaited<ReturnType<typeof commitOne>>[] = [];
  const start = now();
  const total = RATE * SECONDS;
  for (let i = 0; i < total; i++) {
    // Pace the load: the i-th commit is due at start + i / RATE.
    const due = start + (i * 1000) / RATE;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    commits.push(await commitOne(writer));
  }
  const achieved = total / ((now() - start) / 1000);
  // The last notifications arrive after the last commit: wait for them by round trips, not by time.
  while (received.size < commits.length) await listener.query('SELECT 1');
  await Promise.all([writer.end(), listener.end()]);
  const fromSent = commits.map((c) => received.get(c.seq)! - c.sentCommitAt);
  const fromAck = commits.map((c) => received.get(c.seq)! - c.committedAt);
  const inOrder = [...received.keys()].every((seq, i, all) => i === 0 || seq > all[i - 1]!);
  return {
    achieved,
    p50: percentile(fromSent, 50),
    p99: percentile(fromSent, 99),
    ackP50: percentile(fromAck, 50),
    ackP99: percentile(fromAck, 99),
    inOrder,
  };
}

/**
 * A listener that survives a restart: on 'error' or 'end' it connects again (retrying), LISTENs, then reads
 * every change after the last seq it knew of. What happened is returned for the report.
 */
function resilientListener(url: string) {
  const log: string[] = [];
  let lastSeq = 0;
  const notified = new Set<number>();
  const caughtUp = new Set<number>();
  let lostAt = 0;
  let listeningAgainMs = Number.NaN;
  let client: pg.Client;
  let attempt = 0;
  let reconnected: () => void;
  const listeningAgain = new Promise<void>((resolve) => (reconnected = resolve));
  const connectOnce = async (): Promise<void> => {
    client = new pg.Client({ connectionString: url });
    const first = ++attempt === 1;
    client.on('notification', (n) => {
      notified.add(Number(n.payload));
      lastSeq = Math.max(lastSeq, Number(n.payload));
    });
    // 'error' can come more than once (the server's notice, then the socket closing): keep listening.
    client.on('error', (error: Error & { code?: string }) => {
      if (first) log.push(`'error' ${error.code ?? '(no code)'} ${error.message}`);
      lost();
    });
    client.once('end', () => {
      if (first) log.push("'end'");
      lost();
    });
    await client.connect();
    await client.query('LISTEN feed');
  };
  const lost = () => {
    if (lostAt !== 0) return;
    lostAt = now();
    void (async () => {
      let attempts = 0;
      for (;;) {
        attempts++;
        try {
          await connectOnce();
          break;
        } catch {
          await client.end().catch(() => {});
          await new Promise((resolve) => setTimeout(resolve, 100)); // reconnect back-off
        }
      }
      listeningAgainMs = now() - lostAt;
      log.push(`listening again after ${attempts} attempts`);
      const { rows } = await client.query<{ seq: string }>(
        'SELECT seq FROM changes WHERE seq > $1 ORDER BY seq',
        [lastSeq],
      );
      for (const row of rows) caughtUp.add(Number(row.seq));
      if (rows.length > 0) lastSeq = Math.max(lastSeq, Number(rows.at(-1)!.seq));
      reconnected();
    })();
  };
  return {
    start: connectOnce,
    listeningAgain,
    result: () => ({ log, lastSeq, notified, caughtUp, listeningAgainMs }),
    end: () => client.end(),
  };
}

const cluster = await startCluster(kindFromArgs());
try {
  const setup = new pg.Client({ connectionString: cluster.url() });
  await setup.connect();
  await setup.query(SCHEMA);
  await setup.end();

  const samples = [];
  for (let r = 0; r < RUNS; r++) samples.push(await latencyRun(cluster.url()));
  if (RUNS > 0)
    report(`LISTEN/NOTIFY at ${RATE} commits/s for ${SECONDS} s, ${RUNS} runs (medians)`, {
      'commit → notification': {
        'rate achieved /s': round(median(samples.map((s) => s.achieved))),
        'p50 ms (COMMIT sent)': round(median(samples.map((s) => s.p50)), 2),
        'p99 ms (COMMIT sent)': round(median(samples.map((s) => s.p99)), 2),
        'p50 ms (COMMIT acked)': round(median(samples.map((s) => s.ackP50)), 2),
        'p99 ms (COMMIT acked)': round(median(samples.map((s) => s.ackP99)), 2),
        'all in commit order': samples.every((s) => s.inOrder),
      },
    });

  // A restart under the listener, with commits before it and while the listener is away.
  const listener = resilientListener(cluster.url());
  await listener.start();
  const writer = new pg.Client({ connectionString: cluster.url() });
  await writer.connect();
  const committed: number[] = [];
  for (let i = 0; i < 10; i++) committed.push((await commitOne(writer)).seq);
  await writer.end();
  await cluster.restart();
  const afterRestart = new pg.Client({ connectionString: cluster.url() });
  await afterRestart.connect();
  // Committed before the listener is back (it retries every 100 ms): only a catch-up by seq finds them.
  for (let i = 0; i < 25; i++) committed.push((await commitOne(afterRestart)).seq);
  await afterRestart.end();
  await listener.listeningAgain;
  // Commits after it listens again arrive as notifications: wait for the last one by round trips.
  const probe = new pg.Client({ connectionString: cluster.url() });
  await probe.connect();
  while (listener.result().lastSeq < committed.at(-1)!) await probe.query('SELECT 1');
  await probe.end();
  const result = listener.result();
  await listener.end();
  report('PostgreSQL restarted (pg_ctl restart -m fast) under a listener', {
    listener: {
      'what pg emitted': result.log.join('; '),
      'listening again after ms': round(result.listeningAgainMs),
      'committed (10 before, 25 after)': committed.length,
      'seen by notification': committed.filter((seq) => result.notified.has(seq)).length,
      'seen only by the catch-up by seq': committed.filter(
        (seq) => !result.notified.has(seq) && result.caughtUp.has(seq),
      ).length,
      missed: committed.filter((seq) => !result.notified.has(seq) && !result.caughtUp.has(seq)).length,
    },
  });
} finally {
  await cluster.destroy();
}
