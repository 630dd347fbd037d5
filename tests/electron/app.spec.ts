import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../support/electron-binary';

const binary = findElectronBinary();
if (binary.path === null) {
  // Printed so a run without the binary says plainly what it did not test.
  console.log(`[electron tests] skipped: ${binary.reason}`);
}

test.describe('the Electron app', () => {
  test.skip(binary.path === null, binary.path === null ? binary.reason : '');

  test('opens one window with the bridge, no Node, no navigation and no new windows', async () => {
    const app = await electron.launch({ executablePath: binary.path!, args: ['.'] });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { level: 1, name: 'Sessiondesk' })).toBeVisible();
      // The preload's bridge reached the isolated page: no "not connected" notice.
      await expect(page.getByRole('alert')).toHaveCount(0);
      expect(
        await page.evaluate(() => Object.isFrozen((window as { sessiondesk?: unknown }).sessiondesk)),
      ).toBe(true);

      // No Node in the renderer.
      expect(await page.evaluate(() => [typeof globalThis.require, typeof globalThis.process])).toEqual([
        'undefined',
        'undefined',
      ]);

      // New windows and navigation away are denied.
      expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
      const before = page.url();
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
