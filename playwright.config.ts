// Browser tests: Playwright driving Debian's Chromium (tests/e2e), and the packaged-app tests through
// Playwright's Electron support (tests/electron), which skip with a printed reason without the binary.
// The renderer's suite runs on two hosts (projects): the browser shell (the desktop's core in Node), and
// the web console the service serves at /console (the core in a Worker of the page) — there, the specs
// whose features apply to a browser (not launching programs, a machine's policy or a downloads folder).
// Every API answer the services give meanwhile is recorded, then checked against the OpenAPI document.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/chromium';

/** The renderer's specs the web console runs too: every one whose features a browser has. */
const WEB_CONSOLE_SPECS = [
  'web-console',
  'web-console-sso',
  'admin',
  'admin-integrations',
  'agent-deny',
  'agent-expiry',
  'agent-invitation',
  'agent-layout',
  'agent-ticket',
  'close-outcome',
  'conversation',
  'i18n-layout',
  'sms-invitation',
  'two-factor',
];

export default defineConfig<{ clientHost: 'browser-shell' | 'web-console' }>({
  testDir: 'tests',
  projects: [
    {
      name: 'browser-shell',
      testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
      testIgnore: ['e2e/web-console.spec.ts', 'e2e/web-console-sso.spec.ts'],
    },
    {
      name: 'web-console',
      testMatch: WEB_CONSOLE_SPECS.map((spec) => `e2e/${spec}.spec.ts`),
      use: { clientHost: 'web-console' },
    },
  ],
  globalSetup: './tests/e2e/api-answers-setup.ts',
  globalTeardown: './tests/e2e/api-answers-teardown.ts',
  outputDir: 'test-results',
  forbidOnly: !!process.env['CI'],
  retries: 0,
  workers: 2,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
