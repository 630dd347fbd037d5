import { expect, test } from './fixtures';

// The built renderer (npm run build) boots in Chromium under its production Content-Security-Policy.
test('the renderer boots under its strict CSP and says when it has no bridge', async ({
  page,
  rendererUrl,
}) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(rendererUrl);

  await expect(page.getByRole('heading', { level: 1, name: 'Sessiondesk' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('not connected to the Sessiondesk app');
  const statuses = page.getByRole('definition');
  await expect(page.getByRole('term')).toHaveText([
    'Open',
    'Waiting',
    'Ready',
    'Connected',
    'Closed',
    'Expired',
  ]);
  await expect(statuses.nth(2)).toHaveText('The end user allowed access: you can connect.');
  expect(problems).toEqual([]);

  // The policy is in force: an injected inline script does not run, and the violation is reported.
  const violation = page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
          once: true,
        }),
      ),
  );
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    return (window as unknown as { injected?: boolean }).injected === true;
  });
  expect(ran).toBe(false);
  expect(await violation).toMatch(/^script-src/);
});
