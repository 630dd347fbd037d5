/**
 * The join page's chat (issue 19), as the person being helped uses it on a phone: Chromium against the
 * real service started as a child process; the agent writes through the HTTP API. With JavaScript on, the
 * agent's message arrives without a reload and the end user's is sent without one; with it off, the form
 * posts and the page comes back with the thread. Markup and links stay text. Nothing is mocked.
 */
import type { Page } from '@playwright/test';
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent } from '@shared/protocol/api';
import { Api } from '../support/api-client';
import { checkScreen, loadAxe } from './axe-check';
import { AGENT, expect, test, type ServiceProcess } from './service-process';

// What the English page says (catalogs/en/joinChat.json), written out: the test checks what the user reads.
const EN = {
  thread: 'Messages with your support agent',
  box: 'Your message',
  send: 'Send',
  you: 'You',
  empty: 'The message is empty: type something to send.',
  updatesItself: 'This page updates by itself.',
  idField: 'The ID shown by RustDesk',
  allow: 'Allow access',
  granted: 'Access allowed. Your support agent can now connect; keep the remote-control app open.',
} as const;

const MARKUP = 'Please read <b>markup</b> at https://example.com/help?topic=id&step=2';

test.use({
  locale: 'en-US',
  viewport: { width: 375, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
});

/** The agent (who created the request, so is on it), signed in to the API. */
async function agentApi(service: ServiceProcess): Promise<Api> {
  const api = new Api(service.url);
  const login = await api.post<{ accessToken: string }>('/auth/login', {
    email: AGENT.email,
    password: AGENT.password,
  });
  expect(login.status).toBe(200);
  return api.as(login.body.accessToken);
}

async function sendAsAgent(api: Api, request: SessionRequest, text: string): Promise<void> {
  const answer = await api.post(`/requests/${request.id}/messages`, { text });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

async function messagesInTimeline(api: Api, request: SessionRequest): Promise<string[]> {
  const answer = await api.get<{ events: TimelineEvent[] }>(`/requests/${request.id}/events`);
  return answer.body.events
    .filter((e) => e.type === 'message')
    .map((e) => `${e.actor.kind}: ${String(e.data['text'])}`);
}

const thread = (page: Page) => page.getByRole('log', { name: EN.thread });
const box = (page: Page) => page.getByRole('textbox', { name: EN.box });
const sendButton = (page: Page) => page.getByRole('button', { name: EN.send, exact: true });

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

/** Markup and links in a message are text: no element of theirs on the page. */
async function expectShownAsText(page: Page): Promise<void> {
  const line = thread(page).getByRole('listitem').filter({ hasText: 'Please read' });
  await expect(line).toContainText(MARKUP);
  await expect(line.locator('b')).toHaveCount(0);
  await expect(line.getByRole('link')).toHaveCount(0);
}

test('with JavaScript on, the agent’s message arrives live and the end user’s is sent, without a reload', async ({
  page,
  service,
}) => {
  const api = await agentApi(service);
  const request = await service.agent.createRequest({ recipientName: 'Jordan Lee' });
  await loadAxe(page.context());
  await page.goto(request.link);
  await expect(page.getByText(EN.updatesItself)).toBeVisible();
  await expect(thread(page).getByRole('listitem')).toHaveCount(0);
  // Set on this document only: a reload would lose it.
  await page.evaluate(() => document.body.setAttribute('data-same-document', 'yes'));

  await sendAsAgent(api, request, MARKUP);
  await expect(thread(page).getByRole('listitem')).toHaveCount(1);
  await expect(thread(page).getByRole('listitem').first()).toContainText(AGENT.name);
  await expectShownAsText(page);

  // Empty: the error beside the box, tied to it, nothing sent.
  await sendButton(page).click();
  await expect(page.getByRole('alert')).toHaveText(EN.empty);
  await expect(box(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(box(page)).toHaveAttribute('aria-describedby', /chat-error/);
  await checkScreen(page, 'join page chat, a message and an error (phone)');

  await box(page).fill('It is open now.');
  await sendButton(page).click();
  await expect(thread(page).getByRole('listitem')).toHaveCount(2);
  const mine = thread(page).getByRole('listitem').last();
  await expect(mine).toContainText(EN.you);
  await expect(mine).toContainText('It is open now.');
  await expect(box(page)).toHaveValue('');
  await expect(page.getByRole('alert')).toBeHidden();
  await expect
    .poll(() => messagesInTimeline(api, request))
    .toEqual([`agent: ${MARKUP}`, 'end_user: It is open now.']);

  expect(await page.evaluate(() => document.body.getAttribute('data-same-document'))).toBe('yes');
  await expectNoHorizontalScroll(page);
});

test('with JavaScript on, what was typed is kept when a change of state reloads the page', async ({
  page,
  service,
}) => {
  const request = await service.agent.createRequest({ recipientName: 'Robin Park' });
  await page.goto(request.link);
  await expect(page.getByText(EN.updatesItself)).toBeVisible();
  await box(page).fill('A question I was still writing');
  // Allow access moves the request on: the page comes back in its new state.
  await page.getByRole('textbox', { name: EN.idField }).fill('123456789');
  await page.getByRole('button', { name: EN.allow, exact: true }).click();
  await expect(page.getByText(EN.granted)).toBeVisible();
  await expect(box(page)).toHaveValue('A question I was still writing');
});

test('a Spanish request’s page words the chat and its errors in Spanish, whatever the browser', async ({
  page,
  service,
}) => {
  const request = await service.agent.createRequest({ recipientName: 'Lucía Pérez', emailLanguage: 'es' });
  await page.goto(request.link);
  await expect(page.getByRole('heading', { name: 'Mensajes con su agente de soporte' })).toBeVisible();
  await expect(page.getByRole('log', { name: 'Mensajes con su agente de soporte' })).toBeAttached();
  await page.getByRole('button', { name: 'Enviar', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('El mensaje está vacío: escriba algo para enviarlo.');
  await expect(page.getByRole('textbox', { name: 'Su mensaje' })).toHaveAttribute('aria-invalid', 'true');
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the form posts and the page comes back with the thread; markup shows as text', async ({
    page,
    service,
  }) => {
    const api = await agentApi(service);
    const request = await service.agent.createRequest({ recipientName: 'Sam Ortiz' });
    await sendAsAgent(api, request, MARKUP);
    await page.goto(request.link);
    await expect(thread(page).getByRole('listitem')).toHaveCount(1);
    await expectShownAsText(page);

    await sendButton(page).click();
    await expect(page.getByRole('alert')).toHaveText(EN.empty);
    await expect(box(page)).toBeFocused();

    await box(page).fill('Sent without scripts.\nOn two lines.');
    await sendButton(page).click();
    await expect(page).toHaveURL(`${request.link}#chat`);
    await expect(thread(page).getByRole('listitem')).toHaveCount(2);
    await expect(thread(page).getByRole('listitem').last()).toContainText(EN.you);
    await expect(thread(page).getByRole('listitem').last()).toContainText('Sent without scripts.');
    await expect(box(page)).toHaveValue('');
    expect(await messagesInTimeline(api, request)).toEqual([
      `agent: ${MARKUP}`,
      'end_user: Sent without scripts.\nOn two lines.',
    ]);
    await expectNoHorizontalScroll(page);
  });
});
