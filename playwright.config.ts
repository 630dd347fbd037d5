// Browser tests: Playwright driving Debian's Chromium (tests/e2e), and the packaged-app tests through
// Playwright's Electron support (tests/electron), which skip with a printed reason without the binary.
// Every API answer the services give meanwhile is recorded, then checked against the OpenAPI document.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/chromium';

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
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
