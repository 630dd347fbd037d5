import { expect, test } from './fixtures';

// The built renderer (npm run build) boots in Chromium under its production Content-Security-Policy.
// Served on its own (no desktop app, no browser shell), it has no bridge and says so.
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
  await expect(page.getByRole('alert')).toHaveText(
    'This window is not connected to the Sessiondesk app. Open it from the desktop app or the address the browser shell prints.',
  );
  // Nothing that needs the app is offered without it.
  await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  await expect(page.getByRole('grid')).toHaveCount(0);
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

  // Styles come only from the bundle: an injected <style> is refused too.
  const styleViolation = page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
          once: true,
        }),
      ),
  );
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { background: red }';
    document.head.append(style);
  });
  expect(await styleViolation).toMatch(/^style-src/);
});
