/**
 * "How did we do?" on a closed request's page (issue 19), as the end user answers it: Chromium against the
 * real service (service-process.ts), the agent acting through the API. The page asks in the request's
 * language (Spanish here, the browser English), takes one answer — a labelled radio group and a comment —,
 * says thank you, and refuses a second answer sent from another tab that still shows the form. On a
 * phone and a desktop, with JavaScript and without.
 */
import type { Page } from '@playwright/test';
import { translator } from '@shared/i18n/translator';
import { expect, test, type ServiceProcess } from './service-process';

const es = translator('es');
test.use({ locale: 'en-US' });

async function closedRequest(service: ServiceProcess, recipientName: string) {
  const request = await service.agent.createRequest({ recipientName, emailLanguage: 'es' });
  expect((await service.agent.close(request.id)).status).toBe('closed');
  return request;
}

const survey = (page: Page) => page.getByRole('group', { name: es.t('joinPage.rating.question') });
const send = (page: Page) => page.getByRole('button', { name: es.t('joinPage.rating.send') });

async function answerOnceThenAgain(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { name: es.t('joinPage.rating.heading') })).toBeVisible();
  // Another tab of the same page, opened before the answer: it still shows the form.
  const otherTab = await page.context().newPage();
  await otherTab.goto(link);

  // A real radio group: five radios, each named, one picked by its label.
  await expect(survey(page).getByRole('radio')).toHaveCount(5);
  await survey(page)
    .getByRole('radio', { name: es.t('joinPage.rating.option', { rating: 4, max: 5 }) })
    .check();
  await page
    .getByRole('textbox', { name: es.t('joinPage.rating.commentLabel') })
    .fill('<b>Muy</b> amable, gracias');
  await send(page).click();
  await expect(page.getByText(es.t('joinPage.rating.thanks'))).toBeVisible();
  await expect(page.getByText(es.t('joinPage.rating.given', { rating: 4, max: 5 }))).toBeVisible();
  await expect(survey(page)).toHaveCount(0);

  // The second answer is refused, in the request's language, and the page says why.
  await survey(otherTab)
    .getByRole('radio', { name: es.t('joinPage.rating.option', { rating: 1, max: 5 }) })
    .check();
  const [refused] = await Promise.all([
    otherTab.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/rating')),
    send(otherTab).click(),
  ]);
  expect(refused.status()).toBe(409);
  await expect(otherTab.getByRole('alert')).toHaveText(es.t('joinPage.rating.already'));
  await expect(otherTab.getByText(es.t('joinPage.rating.given', { rating: 4, max: 5 }))).toBeVisible();
  await otherTab.close();
}

for (const [device, options] of [
  ['a desktop', { viewport: { width: 1280, height: 800 } }],
  [
    'a phone',
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  ],
] as const) {
  test.describe(`on ${device}`, () => {
    test.use(options);

    test('a closed request’s page takes a rating once and refuses a second', async ({ page, service }) => {
      const request = await closedRequest(service, 'Lucía Gómez');
      await answerOnceThenAgain(page, request.link);
      // The agent sees the answer in the timeline, as the end user's, the comment as text.
      const events = await service.agent.timeline(request.id);
      const rated = events.filter((e) => e.type === 'rated');
      expect(rated.map((e) => [e.actor.kind, e.data])).toEqual([
        ['end_user', { rating: 4, comment: '<b>Muy</b> amable, gracias' }],
      ]);
    });
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form posts, a choice is required, and the answer is taken once', async ({ page, service }) => {
    const request = await closedRequest(service, 'Mateo Ruiz');
    await page.goto(request.link);
    // Sent without a choice (the page's own check is off with noValidate): the service says what is missing.
    await send(page).click();
    await expect(page.getByRole('alert')).toHaveText(es.t('joinPage.rating.choose'));
    await expect(survey(page)).toHaveAttribute('aria-invalid', 'true');
    await answerOnceThenAgain(page, request.link);
  });
});
