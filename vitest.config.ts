import { defineConfig } from 'vitest/config';
import { testBackends } from './tests/support/postgres-database';

/**
 * The service's suites that hold on either database: run a second time on PostgreSQL. Left out: what is
 * SQLite's alone (the data folder's file, its backup and restore, its migrations, start-up from a data
 * folder, a crash of a process on it), what tests both stores side by side itself, and what never starts a
 * service.
 */
const NOT_ON_POSTGRES = [
  'backup',
  'config',
  'database',
  'feed-wire-json',
  'hub',
  'openapi',
  'openapi-lint',
  'passwords',
  'report-readers',
  'restart',
  'secrets-at-rest',
  'shutdown',
  'startup',
  'postgres-*',
].map((name) => `tests/server/${name}.test.ts`);

// Unit and integration tests run in Node on the project's Node 22. Browser end-to-end tests are
// Playwright's (playwright.config.ts); tests needing the Electron binary live in tests/electron/.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    environment: 'node',
    // One PostgreSQL for the run (unless SESSIONDESK_TEST_BACKENDS=sqlite); each file copies its template.
    globalSetup: ['tests/support/postgres-cluster.ts'],
    // Property-based tests and real servers: give slow CI machines room without hiding hangs.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        test: {
          name: 'all',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          env: { SESSIONDESK_TEST_BACKEND: 'sqlite' },
        },
      },
      ...(testBackends().includes('postgres')
        ? [
            {
              test: {
                name: 'postgres',
                include: ['tests/server/**/*.test.ts'],
                exclude: NOT_ON_POSTGRES,
                env: { SESSIONDESK_TEST_BACKEND: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
