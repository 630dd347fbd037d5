/**
 * The invitation by text message, end to end (the real service, the browser shell, Chromium): an admin
 * sets up Twilio in Administration → SMS, pointed at a receiver this test runs on loopback (the service is
 * started with private addresses allowed), sends a test message; then creates a request with the end
 * user's mobile number and sends the invitation by SMS from the row's menu. The receiver gets it in
 * Twilio's shape, with the link and the PIN, and the timeline says it was sent.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN, expect, snapshot, test } from './agent-fixtures';
import { fillNewRequest, openWindow, row } from './agent-pages';

test.use({ serviceEnv: { SESSIONDESK_WEBHOOKS_ALLOW_PRIVATE: 'true' } });

const SID = 'AC0123456789abcdef0123456789abcdef';

/** An SMS gateway on loopback in Twilio's place: keeps each post and answers 201. */
async function startReceiver() {
  const posts: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      posts.push({
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"SM1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('SMS: an admin sets up the gateway, and an invitation goes out by text message', async ({
  page,
  world,
}, testInfo) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  try {
    const { problems } = await openWindow(page, world.shell.url);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });
    const views = page.getByRole('navigation', { name: 'Views' });
    await views.getByRole('button', { name: 'Administration' }).click();
    const main = page.getByRole('main', { name: 'Administration' });
    await main.getByRole('tab', { name: 'SMS' }).click();
    await expect(main.getByText('No SMS gateway is set up.')).toBeVisible();

    // Twilio, at the receiver's address.
    await main.getByLabel('Gateway').selectOption({ label: 'Twilio (Messages API)' });
    await main.getByLabel('Account SID').fill(SID);
    await main.getByLabel('Auth token').fill('e2e-auth-token');
    await main.getByLabel('From number').fill('+1 415 555 0100');
    await main.getByLabel('API address').fill(receiver.url);
    await main.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The SMS gateway was saved.' })).toBeVisible();
    await expect(main.getByText('Text messages go through Twilio.')).toBeVisible();
    // The token is not shown back: the field says one is stored.
    await expect(main.getByLabel('Auth token')).toHaveValue('');
    await expect(main.getByLabel('Auth token')).toHaveAccessibleDescription(/One is stored/);
    await snapshot(page, testInfo, 'sms-tab');

    // A test message.
    await main.getByLabel('To number').fill('+41 79 123 45 67');
    await main.getByRole('button', { name: 'Send test' }).click();
    await expect(main.getByText('The gateway took the message (HTTP 201).')).toBeVisible();
    expect(receiver.posts).toHaveLength(1);

    // A request with the end user's mobile number, and its invitation by SMS.
    await views.getByRole('button', { name: /Private/ }).click();
    const dialog = await fillNewRequest(page, { name: 'Mia Keller' });
    await dialog.getByLabel('Mobile phone').fill('+41 (79) 765 43 21');
    await dialog.getByRole('button', { name: 'Create request' }).click();
    const created = page.getByRole('dialog', { name: 'Request created' });
    const link = await created.getByRole('textbox', { name: 'Link' }).inputValue();
    await created.getByRole('button', { name: 'Done' }).click();

    const mia = row(page, 'Mia Keller');
    await expect(mia).toBeVisible();
    await page.getByRole('button', { name: 'Actions for Mia Keller' }).click();
    await page.getByRole('menuitem', { name: 'Send invitation by SMS' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'The invitation is being sent by text message.' }),
    ).toBeVisible();
    await expect.poll(() => receiver.posts.length, { timeout: 20_000 }).toBe(2);
    const sms = receiver.posts[1]!;
    expect(sms.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    const form = new URLSearchParams(sms.body);
    expect(form.get('To')).toBe('+41797654321');
    expect(form.get('From')).toBe('+14155550100');
    expect(form.get('Body')).toContain(link);

    // The details: the number, and the timeline's masked entries.
    await mia.focus();
    await page.keyboard.press('Enter');
    const details = page.getByRole('complementary', { name: 'Mia Keller' });
    await expect(details).toContainText('+41797654321');
    const timeline = details.getByRole('list').last();
    await expect(timeline).toContainText('Invitation by text message queued for +••••••••321.');
    await expect(timeline).toContainText('Text message sent to +••••••••321.', { timeout: 20_000 });
    await snapshot(page, testInfo, 'sms-details');

    // A chat message also sent by text message.
    const chat = details.getByRole('region', { name: 'Chat with Mia Keller' });
    await chat.getByRole('checkbox', { name: 'Also send by text message' }).check();
    await chat
      .getByRole('combobox', { name: 'Message to the end user' })
      .fill('Please read me the <b>ID</b>.');
    await chat.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => receiver.posts.length, { timeout: 20_000 }).toBe(3);
    expect(new URLSearchParams(receiver.posts[2]!.body).get('Body')).toBe('Please read me the <b>ID</b>.');
    await expect(chat.getByRole('checkbox', { name: 'Also send by text message' })).not.toBeChecked();
    expect(problems).toEqual([]);
  } finally {
    await receiver.close();
  }
});
