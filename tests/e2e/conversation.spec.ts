/**
 * The conversation around a request (issue 19), as the agent and the end user live it: the real service
 * as a child process, the browser shell with its core and cache, the agent's window and the end user's
 * phone in Chromium. Messages go both ways live (the end user's page with JavaScript on and off), the row
 * counts what the agent has not read and a notification says it when the request is not on screen, notes
 * stay in the technicians' thread, a canned message fills the box in the request's language (Spanish),
 * and a message written offline reaches the end user once when the service is back. Nothing is mocked.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import type { TimelineEvent } from '@shared/protocol/api';
import { ADMIN, AGENT, expect, login, test, type World } from './agent-fixtures';
import { createRequestForLink, fillNewRequest, notReloaded, openWindow, row, signIn } from './agent-pages';

const PHONE = { locale: 'en-US', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// The join page's words (catalogs/en/joinChat.json).
const JOIN = { thread: 'Messages with your support agent', box: 'Your message', send: 'Send' } as const;
const MARKUP = 'Read me the ID <b>now</b>, see https://example.com/help?x=1&y=2';

/** The end user's phone on the request's page. */
async function endUserPhone(
  browser: Browser,
  link: string,
  javaScriptEnabled = true,
): Promise<{ page: Page; thread: Locator }> {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(link);
  // The thread is empty (no height) until a message: the box says the chat is there.
  await expect(page.getByRole('textbox', { name: JOIN.box })).toBeVisible();
  return { page, thread: page.getByRole('log', { name: JOIN.thread }) };
}

/** The end user sends a message; sent once the box is empty again (with JavaScript or without). */
async function endUserWrites(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: JOIN.box });
  await box.fill(text);
  await page.getByRole('button', { name: JOIN.send, exact: true }).click();
  await expect(box).toHaveValue('');
}

/** The request's details, opened from its row. */
async function openDetails(page: Page, name: string): Promise<Locator> {
  await row(page, name).getByRole('button', { name, exact: true }).click();
  const details = page.getByRole('complementary', { name });
  await expect(details).toBeVisible();
  return details;
}

function chat(details: Locator, name: string) {
  const region = details.getByRole('region', { name: `Chat with ${name}` });
  return {
    region,
    log: region.getByRole('log'),
    box: region.getByRole('combobox', { name: 'Message to the end user' }),
  };
}

/** The request's chat messages as the service keeps them: who wrote what. */
async function messagesOf(world: World, requestId: string): Promise<string[]> {
  const api = await world.agentApi();
  const answer = await api.get<{ events: TimelineEvent[] }>(`/requests/${requestId}/events`);
  return answer.body.events
    .filter((e) => e.type === 'message')
    .map((e) => `${String(e.data['from'])}: ${String(e.data['text'])}`);
}

async function requestIdOf(page: Page, name: string): Promise<string> {
  const id = await row(page, name).getAttribute('data-request-id');
  if (!id) throw new Error(`no id on the row of ${name}`);
  return id;
}

test('agent and end user (a phone, JavaScript on) write to each other live; unread count, notification, the technicians’ thread', async ({
  page,
  browser,
  world,
}) => {
  test.setTimeout(90_000);
  const { problems } = await openWindow(page, world.shell.url);
  await signIn(page);
  const link = await createRequestForLink(page, { name: 'Jordan Lee', email: 'jordan.lee@example.com' });
  const requestId = await requestIdOf(page, 'Jordan Lee');
  const endUser = await endUserPhone(browser, link);

  // The agent writes: shown in the chat at once, on the end user's phone live, markup as text.
  let details = await openDetails(page, 'Jordan Lee');
  let agentChat = chat(details, 'Jordan Lee');
  await agentChat.box.fill(MARKUP);
  await agentChat.box.press('Enter');
  await expect(agentChat.box).toHaveValue('');
  await expect(agentChat.log.getByRole('listitem')).toHaveCount(1);
  await expect(agentChat.log).toContainText(MARKUP);
  await expect(agentChat.log.locator('b')).toHaveCount(0);
  await expect(endUser.thread).toContainText(MARKUP);
  await expect(endUser.thread.locator('b')).toHaveCount(0);
  await expect(endUser.thread.getByRole('link')).toHaveCount(0);

  // The end user answers: in the agent's chat live, and read there (the request is on screen).
  await endUserWrites(endUser.page, 'It is <i>open</i> now.');
  await expect(agentChat.log).toContainText('It is <i>open</i> now.');
  await expect(agentChat.log.getByRole('listitem')).toHaveCount(2);
  await expect(row(page, 'Jordan Lee').getByRole('img', { name: /unread/ })).toHaveCount(0);

  // Also by e-mail: the end user's address gets it through the mail outbox.
  await agentChat.region.getByRole('checkbox', { name: 'Also send by email' }).check();
  await agentChat.box.fill('I sent this by email too.');
  await agentChat.region.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(agentChat.log.getByRole('listitem')).toHaveCount(3);
  const mails = await world.smtp.mailsTo('jordan.lee@example.com', 1, 20_000);
  expect(mails.some((mail) => (mail.text ?? '').includes('I sent this by email too.'))).toBe(true);

  // A note: in the technicians' thread, marked internal; the end user never sees it.
  const thread = details.getByRole('region', { name: 'Technicians’ thread' });
  await expect(thread).toContainText('Internal — only agents see this');
  await thread.getByLabel('Add a note').fill('Printer driver looks stale.');
  await thread.getByRole('button', { name: 'Add note' }).click();
  await expect(thread.getByRole('listitem').filter({ hasText: 'Printer driver looks stale.' })).toHaveCount(
    1,
  );

  // Not on screen: the end user's next messages are counted on the row and notified.
  await page.getByRole('button', { name: 'Close details' }).click();
  await endUserWrites(endUser.page, 'Are you still there?');
  await endUserWrites(endUser.page, 'Hello?');
  await expect(row(page, 'Jordan Lee').getByRole('img', { name: '2 unread messages' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Jordan Lee wrote to you' }).first()).toBeVisible();
  details = await openDetails(page, 'Jordan Lee');
  agentChat = chat(details, 'Jordan Lee');
  await expect(agentChat.log).toContainText('Hello?');
  await expect(row(page, 'Jordan Lee').getByRole('img', { name: /unread/ })).toHaveCount(0);

  await expect(endUser.thread).not.toContainText('Printer driver looks stale.');
  expect(await messagesOf(world, requestId)).toEqual([
    `agent: ${MARKUP}`,
    'end_user: It is <i>open</i> now.',
    'agent: I sent this by email too.',
    'end_user: Are you still there?',
    'end_user: Hello?',
  ]);

  // Closed: the chat says why it no longer takes messages.
  const api = await world.agentApi();
  expect((await api.post(`/requests/${requestId}/close`, {})).status).toBe(200);
  await expect(agentChat.box).toBeDisabled();
  await expect(agentChat.region).toContainText('closed');

  expect(await notReloaded(page)).toBe(true);
  expect(problems).toEqual([]);
});

test('an end user without JavaScript: the form posts, and the agent’s message is there when the page comes back', async ({
  page,
  browser,
  world,
}) => {
  test.setTimeout(90_000);
  await openWindow(page, world.shell.url);
  await signIn(page);
  const link = await createRequestForLink(page, { name: 'Riley Noscript' });
  const requestId = await requestIdOf(page, 'Riley Noscript');
  const endUser = await endUserPhone(browser, link, false);

  await endUserWrites(endUser.page, 'Hello from a phone without JavaScript');
  const details = await openDetails(page, 'Riley Noscript');
  const agentChat = chat(details, 'Riley Noscript');
  await expect(agentChat.log).toContainText('Hello from a phone without JavaScript');
  // No e-mail address on the request: nothing to tick.
  await expect(agentChat.region.getByRole('checkbox', { name: 'Also send by email' })).toHaveCount(0);

  await agentChat.box.fill('Thanks, I can see your message.');
  await agentChat.box.press('Enter');
  await expect(agentChat.log.getByRole('listitem')).toHaveCount(2);
  await expect.poll(() => messagesOf(world, requestId)).toHaveLength(2);
  await endUser.page.reload();
  await expect(endUser.page.getByRole('log', { name: JOIN.thread })).toContainText(
    'Thanks, I can see your message.',
  );
});

test('a canned message, kept by an admin in the Canned messages tab, fills the box in Spanish for a Spanish request', async ({
  page,
  world,
}) => {
  test.setTimeout(90_000);
  await openWindow(page, world.shell.url);
  // The admin keeps the canned messages, and helps end users too.
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });

  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Administration' })
    .click();
  const admin = page.getByRole('main', { name: 'Administration' });
  await admin.getByRole('tab', { name: 'Canned messages' }).click();
  await expect(admin.getByText('No canned messages yet.')).toBeVisible();
  for (const [name, en, es] of [
    ['readid', 'Please open the app and read me the ID.', 'Por favor, abra la aplicación y léame el ID.'],
    ['restart', 'Please restart your computer.', 'Por favor, reinicie su ordenador.'],
  ] as const) {
    await admin.getByRole('button', { name: 'Add a canned message' }).click();
    // The new one is last; its name becomes the region's once typed.
    const entry = admin.getByRole('region', { name: /^Canned message / }).last();
    await entry.getByLabel('Name (typed after /)').fill(name);
    await expect(entry).toHaveAccessibleName(`Canned message ${name}`);
    await entry.getByLabel('Text in English').fill(en);
    await entry.getByLabel('Text in Español').fill(es);
  }
  await admin.getByRole('button', { name: 'Save canned messages' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Canned messages saved.' })).toBeVisible();
  const saved = await (
    await login(world.service.url, AGENT)
  ).get<{ messages: { name: string }[] }>('/canned-messages');
  expect(saved.body.messages.map((m) => m.name)).toEqual(['readid', 'restart']);

  // A Spanish request.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^All/ }).click();
  const dialog = await fillNewRequest(page, { name: 'Lucía Fernández', email: 'lucia@example.com' });
  await dialog.getByLabel('Email language').selectOption({ label: 'Español' });
  await dialog.getByRole('button', { name: 'Create request' }).click();
  await page.getByRole('dialog', { name: 'Request created' }).getByRole('button', { name: 'Done' }).click();
  const details = await openDetails(page, 'Lucía Fernández');
  const { box, region } = chat(details, 'Lucía Fernández');

  // `/` opens the list; what follows filters it; Escape closes it.
  await box.pressSequentially('/');
  const list = region.getByRole('listbox', { name: 'Canned messages' });
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('option')).toHaveCount(2);
  await box.press('Escape');
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await box.pressSequentially('re');
  await expect(list.getByRole('option')).toHaveText([/^\/readid/, /^\/restart/]);
  await box.press('ArrowDown');
  await expect(list.getByRole('option', { name: /restart/ })).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowUp');
  await expect(list.getByRole('option', { name: /readid/ })).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', /canned-0$/);
  await box.press('Enter');
  await expect(box).toHaveValue('Por favor, abra la aplicación y léame el ID.');
  await expect(list).toBeHidden();
  // Sent as any message: Enter again.
  await box.press('Enter');
  await expect(region.getByRole('log')).toContainText('Por favor, abra la aplicación y léame el ID.');
});

test('offline, a message waits in the outbox and reaches the end user once when the service is back', async ({
  page,
  browser,
  world,
}) => {
  // Going offline (three refused attempts, 1–4 s apart) and back: room for a busy machine.
  test.setTimeout(120_000);
  await openWindow(page, world.shell.url);
  await signIn(page);
  const link = await createRequestForLink(page, { name: 'Casey Offline' });
  const requestId = await requestIdOf(page, 'Casey Offline');
  const details = await openDetails(page, 'Casey Offline');
  const agentChat = chat(details, 'Casey Offline');

  await world.service.stop();
  const connection = page.getByRole('button', { name: /^Connection: / });
  await expect(connection).not.toHaveAccessibleName('Connection: Live', { timeout: 15_000 });
  await expect(agentChat.region).toContainText('Offline: the message is sent once the connection is back.');
  await agentChat.box.fill('I will call you in five minutes.');
  await agentChat.box.press('Enter');
  const pending = agentChat.log.getByRole('listitem').filter({ hasText: 'I will call you in five minutes.' });
  await expect(pending).toContainText('Not sent yet');

  await world.service.start();
  await expect(connection).toHaveAccessibleName('Connection: Live', { timeout: 30_000 });
  // Once: the service's copy may show a moment before the answer replaces the queued one (both then show,
  // the queued one Sending…); on a loaded machine the web console's send took longer than 15 s once.
  await expect(agentChat.log.getByRole('listitem')).toHaveCount(1, { timeout: 30_000 });
  await expect(pending).not.toContainText(/Not sent yet|Sending…/, { timeout: 30_000 });
  expect(await messagesOf(world, requestId)).toEqual(['agent: I will call you in five minutes.']);

  const endUser = await endUserPhone(browser, link);
  await expect(endUser.thread.getByRole('listitem')).toHaveCount(1);
  await expect(endUser.thread).toContainText('I will call you in five minutes.');
});
