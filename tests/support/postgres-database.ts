/**
 * The database backends a test run covers, and a PostgreSQL database of its own for each test file: a copy
 * of the migrated template on the run's one cluster (`postgres-cluster.ts`), which the file drops after.
 *
 *   SESSIONDESK_TEST_BACKENDS=sqlite npx vitest run …   (no PostgreSQL: the cluster is not started)
 */
import { inject } from 'vitest';
import pg from 'pg';
import { z } from 'zod';
import { DATABASE_DIALECTS, type DatabaseDialect } from '../../server/db/dialects';

/** Where the run's cluster listens; null when the run leaves PostgreSQL out. */
export interface PostgresCluster {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A database migrated to the latest schema, copied by every test database; nobody connects to it. */
  readonly templateDatabase: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresCluster: PostgresCluster | null;
  }
}

const DEFAULT_BACKENDS = 'sqlite,postgres';
const backendsSchema = z.array(z.enum(DATABASE_DIALECTS)).min(1);

/** The backends this run tests, from SESSIONDESK_TEST_BACKENDS (comma-separated; default both). */
export function testBackends(env: NodeJS.ProcessEnv = process.env): readonly DatabaseDialect[] {
  const raw = env.SESSIONDESK_TEST_BACKENDS ?? DEFAULT_BACKENDS;
  const parsed = backendsSchema.safeParse(
    raw
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );
  if (!parsed.success) {
    throw new Error(
      `SESSIONDESK_TEST_BACKENDS=${JSON.stringify(raw)}: give one or more of ` +
        `${DATABASE_DIALECTS.join(', ')}, comma-separated (default ${DEFAULT_BACKENDS}).`,
    );
  }
  return [...new Set(parsed.data)];
}

export function postgresUrl(cluster: PostgresCluster, database: string): string {
  const { user, password, host, port } = cluster;
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
}

/** Runs `work` on a connection to the cluster's maintenance database, closed after. */
export async function withClusterAdmin<T>(
  cluster: PostgresCluster,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl(cluster, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, ending any connection a test left open to it. */
  drop(): Promise<void>;
}

let created = 0;

/**
 * A new database on the run's cluster: a copy of the migrated template, or with `{ migrated: false }` an
 * empty one (for tests of the migrations themselves). Its name is unique across the run's workers.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const cluster = inject('postgresCluster');
  if (!cluster) {
    throw new Error(
      'This run has no PostgreSQL cluster: SESSIONDESK_TEST_BACKENDS leaves postgres out. ' +
        'Skip PostgreSQL tests when testBackends() does not include it.',
    );
  }
  created += 1;
  const name = `test_${process.env.VITEST_POOL_ID ?? 0}_${process.pid}_${created}`;
  const template = options.migrated === false ? 'template0' : cluster.templateDatabase;
  await withClusterAdmin(cluster, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    name,
    url: postgresUrl(cluster, name),
    drop: async () => {
      await withClusterAdmin(cluster, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** True, saying what is skipped and why, when this run starts no PostgreSQL (SESSIONDESK_TEST_BACKENDS). */
export function withoutPostgres(what: string): boolean {
  if (testBackends().includes('postgres')) return false;
  console.info(`skipped: ${what} needs PostgreSQL, and SESSIONDESK_TEST_BACKENDS leaves it out`);
  return true;
}
