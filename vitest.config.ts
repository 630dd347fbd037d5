import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node on the project's Node 22. Browser end-to-end tests are
// Playwright's (playwright.config.ts); tests needing the Electron binary live in tests/electron/.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    // One PostgreSQL for the run (unless SESSIONDESK_TEST_BACKENDS=sqlite); each file copies its template.
    globalSetup: ['tests/support/postgres-cluster.ts'],
    // Property-based tests and real servers: give slow CI machines room without hiding hangs.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
