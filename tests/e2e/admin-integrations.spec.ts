/**
 * Administration → Integrations, end to end (the real service, the browser shell, Chromium): the admin
 * creates an API token — a missing name and scope are refused beside their fields first — sees its secret
 * once, and the secret works against the API until the admin revokes it, after asking. Then a webhook to
 * a receiver this test runs on loopback (the service is started with webhooks allowed to private
 * addresses): its signing secret is shown once, Send test posts a ping the receiver gets signed with that
 * secret, and the delivery log shows it delivered and redelivers it; the endpoint is edited, its secret
 * rotated (shown once again), then it is disabled and deleted after asking.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { Api } from '../support/api-client';
import { ADMIN, expect, login, snapshot, test } from './agent-fixtures';
import { openWindow } from './agent-pages';

test.use({ serviceEnv: { SESSIONDESK_WEBHOOKS_ALLOW_PRIVATE: 'true' } });

/** A webhook receiver on loopback: keeps each post (headers and the body as received) and answers 204. */
async function startReceiver() {
  const posts: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      posts.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/sessiondesk`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Whether `secret` (`whsec_<base64>`) signed the post, as the Standard Webhooks specification says:
 * HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`, one of the `v1,<base64>` signatures.
 */
function signedWith(secret: string, post: { headers: IncomingHttpHeaders; body: string }): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const content = `${String(post.headers['webhook-id'])}.${String(post.headers['webhook-timestamp'])}.${post.body}`;
  const expected = createHmac('sha256', key).update(content).digest();
  return String(post.headers['webhook-signature'])
    .split(' ')
    .filter((each) => each.startsWith('v1,'))
    .some((each) => {
      const given = Buffer.from(each.slice(3), 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

async function openIntegrations(page: Page, shellUrl: string) {
  const { problems } = await openWindow(page, shellUrl);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Administration' })
    .click();
  const main = page.getByRole('main', { name: 'Administration' });
  // The tabs are one tab stop: from Single sign-on, the right arrow shows Integrations.
  await main.getByRole('tab', { name: 'Single sign-on' }).click();
  await page.keyboard.press('ArrowRight');
  const tab = main.getByRole('tab', { name: 'Integrations' });
  await expect(tab).toBeFocused();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return { main, problems };
}

test('integrations: an API token shown once and revoked; a webhook tested and its delivery logged', async ({
  page,
  world,
}, testInfo) => {
  test.setTimeout(120_000);
  const url = world.service.url;
  const { main, problems } = await openIntegrations(page, world.shell.url);
  await expect(main.getByText('No integration has a token yet.')).toBeVisible();
  await expect(main.getByText('No events are sent anywhere yet.')).toBeVisible();

  // Create token: without a name and a scope, each is refused beside its field.
  const createToken = main.getByRole('button', { name: 'Create token' });
  await createToken.click();
  const create = page.getByRole('dialog', { name: 'Create an API token' });
  await expect(create.getByLabel('Name')).toBeFocused();
  await create.getByRole('button', { name: 'Create token' }).click();
  await expect(create.getByLabel('Name')).toHaveAccessibleDescription(/Fill in this field\./);
  await expect(create.getByRole('group', { name: 'Scopes' })).toHaveAccessibleDescription(
    'Choose at least 1 item.',
  );
  await create.getByLabel('Name').fill('Freshservice');
  await expect(create.getByRole('checkbox', { name: 'requests:read' })).toHaveAccessibleDescription(
    'Read session requests, their timelines and the counts.',
  );
  await create.getByRole('checkbox', { name: 'requests:read' }).check();
  await create.getByRole('checkbox', { name: 'requests:write' }).check();
  await snapshot(page, testInfo, 'integrations-create-token');
  await create.getByRole('button', { name: 'Create token' }).click();

  // The secret, once: focused to copy, with the warning; it works against the API.
  const shown = page.getByRole('dialog', { name: 'Token for Freshservice' });
  const secretBox = shown.getByRole('textbox', { name: 'API token' });
  await expect(secretBox).toBeFocused();
  await expect(secretBox).toHaveAccessibleDescription(/will not be shown again/);
  const token = await secretBox.inputValue();
  expect(token).toMatch(/^sdi_/);
  expect((await new Api(url, token).get('/requests')).status).toBe(200);
  await shown.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The token was copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toBeHidden();
  await expect(createToken).toBeFocused();
  const tokens = main.getByRole('table', { name: 'API tokens' });
  const row = tokens.getByRole('row', { name: /Freshservice/ });
  await expect(row).toContainText('requests:read');
  await expect(row).toContainText('requests:write');
  await expect(row).toContainText('Does not expire');
  // Never again: not in the table, nor anywhere on the page.
  await expect(page.getByText(token)).toHaveCount(0);

  // Revoke, after asking: the token stops working at once.
  await tokens.getByRole('button', { name: 'Revoke the token Freshservice' }).click();
  const revoke = page.getByRole('alertdialog', { name: 'Revoke the token Freshservice?' });
  await expect(revoke.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await revoke.getByRole('button', { name: 'Revoke token' }).click();
  await expect(revoke).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'The token Freshservice was revoked.' }),
  ).toBeVisible();
  await expect(main.getByText('No integration has a token yet.')).toBeVisible();
  await expect(createToken).toBeFocused();
  expect((await new Api(url, token).get('/requests')).status).toBe(401);

  // A webhook to the receiver: its signing secret once.
  const receiver = await startReceiver();
  try {
    const addWebhook = main.getByRole('button', { name: 'Add webhook' });
    await addWebhook.click();
    const add = page.getByRole('dialog', { name: 'Add a webhook' });
    await add.getByLabel('Address').fill('ftp://tickets.example.com');
    await add.getByRole('button', { name: 'Add webhook' }).click();
    await expect(add.getByLabel('Address')).toHaveAccessibleDescription(
      /starts with http:\/\/ or https:\/\//,
    );
    await add.getByLabel('Address').fill(receiver.url);
    await expect(add.getByRole('checkbox', { name: 'Request created' })).toBeChecked();
    await add.getByLabel('Description (optional)').fill('Freshservice');
    await add.getByRole('button', { name: 'Add webhook' }).click();
    const added = page.getByRole('dialog', { name: 'Webhook added' });
    const secret = await added.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await added.getByRole('button', { name: 'Done' }).click();
    await expect(addWebhook).toBeFocused();
    const webhooks = main.getByRole('table', { name: 'Webhooks' });
    const endpoint = webhooks.getByRole('row', { name: new RegExp(receiver.url) });
    await expect(endpoint).toContainText('All events');
    await expect(endpoint).toContainText('Enabled');
    await snapshot(page, testInfo, 'integrations-tab');

    // Send test: the receiver gets a ping signed with the secret shown.
    await webhooks.getByRole('button', { name: `Send a test to ${receiver.url}` }).click();
    await expect(page.getByRole('status').filter({ hasText: 'A test (ping) is on its way' })).toBeVisible();
    await expect.poll(() => receiver.posts.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const ping = receiver.posts[0]!;
    expect(JSON.parse(ping.body)).toMatchObject({ type: 'ping' });
    expect(signedWith(secret, ping)).toBe(true);

    // The delivery log shows it delivered, with the receiver's answer.
    await webhooks.getByRole('button', { name: `Delivery log of ${receiver.url}` }).click();
    const log = page.getByRole('dialog', { name: `Delivery log: ${receiver.url}` });
    const delivery = log.getByRole('table', { name: 'Deliveries' }).getByRole('row', { name: /ping/ });
    await expect(delivery).toContainText('Delivered', { timeout: 20_000 });
    await expect(delivery).toContainText('204');
    // Cells after the row's header (the event): state, answer, duration.
    await expect(delivery.getByRole('cell').nth(2)).toHaveText(/^\d+ ms$/);
    await snapshot(page, testInfo, 'integrations-delivery-log');
    // Redeliver sends the same message again.
    await delivery.getByRole('button', { name: /^Redeliver ping of / }).click();
    await expect.poll(() => receiver.posts.length, { timeout: 20_000 }).toBe(2);
    expect(receiver.posts[1]!.headers['webhook-id']).toBe(ping.headers['webhook-id']);
    await page.keyboard.press('Escape');
    await expect(log).toBeHidden();

    // Edit: only what changed is sent; the row shows it.
    await webhooks.getByRole('button', { name: `Edit the webhook ${receiver.url}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit the webhook ${receiver.url}` });
    await expect(edit.getByLabel('Address')).toHaveValue(receiver.url);
    await edit.getByLabel('Description (optional)').fill('Freshservice, production');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();
    await expect(endpoint).toContainText('Freshservice, production');

    // Rotate secret: a new one, shown once; the old one keeps signing for the overlap chosen.
    await webhooks.getByRole('button', { name: `Rotate the signing secret of ${receiver.url}` }).click();
    const rotate = page.getByRole('dialog', { name: `New signing secret for ${receiver.url}` });
    await expect(rotate.getByLabel('Keep the old secret signing for')).toHaveValue(String(24 * 60));
    await rotate.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = page.getByRole('dialog', { name: 'New signing secret' });
    await expect(rotated).toContainText('and with the old one for 1 day more');
    const newSecret = await rotated.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(secret);
    await rotated.getByRole('button', { name: 'Done' }).click();
    await expect(endpoint).toContainText('The previous secret signs too until');

    // Disable, then delete after asking.
    await webhooks.getByRole('button', { name: `Disable the webhook ${receiver.url}` }).click();
    await expect(endpoint).toContainText('Disabled by an administrator');
    const admin = await login(url, ADMIN);
    const listed = await admin.get<{ endpoints: { enabled: boolean }[] }>('/integrations/webhooks');
    expect(listed.body.endpoints.map((each) => each.enabled)).toEqual([false]);
    await webhooks.getByRole('button', { name: `Delete the webhook ${receiver.url}` }).click();
    const remove = page.getByRole('alertdialog', { name: 'Delete this webhook?' });
    await remove.getByRole('button', { name: 'Delete webhook' }).click();
    await expect(main.getByText('No events are sent anywhere yet.')).toBeVisible();
    await expect(addWebhook).toBeFocused();
    expect((await admin.get<{ endpoints: unknown[] }>('/integrations/webhooks')).body.endpoints).toEqual([]);
  } finally {
    await receiver.close();
  }
  expect(problems).toEqual([]);
});
