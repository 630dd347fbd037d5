/**
 * The end-user join page, as the person being helped uses it: Chromium against the real service started
 * as a child process (service-process.ts); the agent acts through the HTTP API. Nothing is mocked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import PostalMime from 'postal-mime';
import { AGENT, ORG_NAME, expect, test, type ServiceProcess } from './service-process';

// What the English page says (catalogs/en/joinPage.json), written out: the test checks what the user reads.
const EN = {
  title: `Remote support request · ${ORG_NAME}`,
  heading: `${AGENT.name} from ${ORG_NAME} asks for access to your computer`,
  commentsLabel: 'Message from your support agent',
  allow: 'Allow access',
  deny: 'Deny',
  idField: 'The ID shown by RustDesk',
  idMissing: 'The field is empty: type the ID that RustDesk shows.',
  stepAllow: 'Type the ID it shows in the field below, then choose Allow access.',
  idInvalid:
    'An ID contains only letters, digits and the characters @ . _ : - [ ], and starts with a letter or digit.',
  granted: 'Access allowed. Your support agent can now connect; keep the remote-control app open.',
  connected:
    'Your support agent is connected. End the session from the remote-control app when you are done.',
  oneSession: 'Your permission is for one session: it ends 10 minutes after the session ends.',
  lapsed:
    'Your earlier permission ended with the last session. To let your support agent connect again, allow access again.',
  endAccess: 'End access',
  accessEnded:
    'You ended access, and your support agent has been told. If the remote-control app still shows a session, end it there too. If you need help again, ask your agent to request access again.',
  updatesItself: 'This page updates by itself.',
  refreshes: 'This page refreshes every 10 seconds.',
  reload: 'Reload this page to see whether anything has changed.',
  denied:
    'You denied access, and your support agent has been told. If you change your mind, ask them to request access again.',
  closedTitle: 'Request closed',
  closed: 'This support request is closed. If you still need help, contact your support team for a new link.',
  notFoundTitle: 'Link not valid',
  notFound:
    'This link is not valid. Check that you copied the whole link, or ask your support team for a new one.',
  pinTitle: 'Enter your PIN',
  pinField: 'PIN',
  pinButton: 'Continue',
  pinUnknown:
    'No open support request has this PIN. Check the digits, or ask your support agent for a new one.',
  pinInvalid: 'The PIN has 9 digits.',
} as const;

// Every test runs in an English browser unless it says otherwise, so a page in another language is the
// service's choice, not the browser's.
test.use({ locale: 'en-US' });

/** The PIN as an agent reads it out and a person types it: "123 456 789". */
function spaced(pin: string): string {
  return `${pin.slice(0, 3)} ${pin.slice(3, 6)} ${pin.slice(6)}`;
}

/** A full-page screenshot in this test's output folder, attached to the report. */
async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const allowButton = (page: Page) => page.getByRole('button', { name: EN.allow, exact: true });
const endAccessButton = (page: Page) => page.getByRole('button', { name: EN.endAccess, exact: true });
const denyButton = (page: Page) => page.getByRole('button', { name: EN.deny, exact: true });
const idField = (page: Page) => page.getByRole('textbox', { name: EN.idField });

/** Types the ID and chooses Allow access: the page says access is allowed. */
async function allow(page: Page): Promise<void> {
  await idField(page).fill('123456789');
  await allowButton(page).click();
  await expect(page.getByText(EN.granted)).toBeVisible();
}

async function newRequest(service: ServiceProcess, recipientName = 'Jordan Lee') {
  return service.agent.createRequest({
    recipientName,
    comments: 'Hi Jordan, this is about ticket INC-4711.\nI will clear the stuck print queue.',
  });
}

test('opening the link shows who is asking, their message, Allow access and Deny; the agent sees Waiting', async ({
  page,
  service,
}, testInfo) => {
  const request = await newRequest(service);
  expect(await service.agent.state(request.id)).toEqual({ status: 'open', consent: 'pending' });

  const response = await page.goto(request.link);
  expect(response?.status()).toBe(200);

  await expect(page).toHaveTitle(EN.title);
  await expect(page.getByRole('banner')).toHaveText(ORG_NAME);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN.heading);
  await expect(page.getByText('Hello Jordan Lee,')).toBeVisible();
  const message = page.getByRole('figure', { name: EN.commentsLabel });
  await expect(message.getByRole('blockquote')).toHaveText(
    'Hi Jordan, this is about ticket INC-4711. I will clear the stuck print queue.',
  );
  await expect(idField(page)).toBeVisible();
  await expect(idField(page)).toBeEditable();
  await expect(allowButton(page)).toBeVisible();
  await expect(allowButton(page)).toBeEnabled();
  await expect(denyButton(page)).toBeVisible();
  await expect(denyButton(page)).toBeEnabled();

  await expect.poll(() => service.agent.state(request.id)).toEqual({ status: 'waiting', consent: 'pending' });
  await snapshot(page, testInfo, 'prompt');
});

test('typing the remote app ID and choosing Allow access shows "Access allowed"; the agent sees Ready', async ({
  page,
  service,
}, testInfo) => {
  const request = await newRequest(service);
  await page.goto(request.link);

  await idField(page).fill('123456789');
  await allowButton(page).click();

  await expect(page.getByText(EN.granted)).toBeVisible();
  await expect(allowButton(page)).toHaveCount(0);
  await expect(denyButton(page)).toHaveCount(0);
  await expect.poll(() => service.agent.state(request.id)).toEqual({ status: 'ready', consent: 'granted' });
  expect((await service.agent.get(request.id)).remote).toBe('123456789');
  await snapshot(page, testInfo, 'granted');
});

test('an invalid ID shows the error next to the field, marks the field invalid, and changes nothing for the agent', async ({
  page,
  service,
}) => {
  const request = await newRequest(service);
  await page.goto(request.link);

  await idField(page).fill('--help');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/allow')),
    allowButton(page).click(),
  ]);
  expect(response.status()).toBe(400);

  const alert = page.getByRole('alert');
  await expect(alert).toHaveText(EN.idInvalid);
  const field = idField(page);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveValue('--help');
  // Tied to the field for screen readers, and shown right under it, above the buttons.
  await expect(field).toHaveAccessibleDescription(
    new RegExp(EN.idInvalid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );
  const fieldBox = (await field.boundingBox())!;
  const alertBox = (await alert.boundingBox())!;
  const buttonBox = (await allowButton(page).boundingBox())!;
  expect(alertBox.y).toBeGreaterThanOrEqual(fieldBox.y + fieldBox.height);
  expect(alertBox.y).toBeLessThan(fieldBox.y + fieldBox.height + 120);
  expect(alertBox.y + alertBox.height).toBeLessThanOrEqual(buttonBox.y);
  // The user can still choose.
  await expect(allowButton(page)).toBeVisible();
  await expect(denyButton(page)).toBeVisible();

  const after = await service.agent.get(request.id);
  expect({ status: after.status, consent: after.consent, remote: after.remote }).toEqual({
    status: 'waiting',
    consent: 'pending',
    remote: null,
  });
});

test('Allow with the ID empty says what is missing, keeps the page live, and a second Allow reaches Ready', async ({
  page,
  service,
}) => {
  const request = await newRequest(service);
  const token = request.link.slice(request.link.lastIndexOf('/') + 1);
  const isStream = (r: { url(): string }) => new URL(r.url()).pathname.endsWith('/live');
  // The first page's own event stream, answered before anything is clicked (so it is not counted below).
  await Promise.all([page.waitForResponse(isStream), page.goto(request.link)]);

  // The event streams the page opens from now on.
  const streams: { path: string; status: number }[] = [];
  page.on('response', (r) => {
    if (isStream(r)) streams.push({ path: new URL(r.url()).pathname, status: r.status() });
  });
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/allow')),
    allowButton(page).click(),
  ]);
  expect(refused.status()).toBe(400);
  // The error says what is wrong, not the hint again.
  await expect(page.getByRole('alert')).toHaveText(EN.idMissing);
  // The error page still follows the request: its event stream is the request's, from the site root.
  await expect.poll(() => streams).toEqual([{ path: `/j/${token}/live`, status: 200 }]);

  // The second try posts to the same place as the first and reaches Ready.
  await idField(page).fill('123456789');
  const [accepted] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/allow')),
    allowButton(page).click(),
  ]);
  expect(new URL(accepted.url()).pathname).toBe(`/j/${token}/allow`);
  expect(accepted.status()).toBe(303);
  await expect(page.getByText(EN.granted)).toBeVisible();
  await expect(page).toHaveURL(request.link);
  await expect.poll(() => service.agent.state(request.id)).toEqual({ status: 'ready', consent: 'granted' });
  expect((await service.agent.get(request.id)).remote).toBe('123456789');
});

test('after an error the field in error has the focus, and the error is its description and in the title', async ({
  page,
  service,
}) => {
  const request = await newRequest(service);
  await page.goto(request.link);
  await expect(idField(page)).not.toBeFocused();

  await allowButton(page).click();
  await expect(page.getByRole('alert')).toHaveText(EN.idMissing);
  await expect(idField(page)).toBeFocused();
  await expect(idField(page)).toHaveAccessibleDescription(new RegExp(`^${EN.idMissing}`));
  await expect(page).toHaveTitle(`Error: ${EN.title}`);

  // The PIN page does the same.
  await page.goto(`${service.url}/pin`);
  await page.getByRole('button', { name: EN.pinButton }).click();
  const pin = page.getByRole('textbox', { name: EN.pinField });
  await expect(pin).toBeFocused();
  await expect(pin).toHaveAccessibleDescription(new RegExp(`^${EN.pinInvalid}`));
  await expect(page).toHaveTitle(`Error: ${EN.pinTitle} · ${ORG_NAME}`);
});

test('step 3 points down to the ID field, which is below the steps', async ({ page, service }) => {
  const request = await newRequest(service);
  await page.goto(request.link);

  const step = page.getByRole('listitem').filter({ hasText: EN.stepAllow });
  await expect(step).toHaveText(EN.stepAllow);
  const stepBox = (await step.boundingBox())!;
  const fieldBox = (await idField(page).boundingBox())!;
  expect(fieldBox.y).toBeGreaterThan(stepBox.y + stepBox.height);
});

test('a request whose language was chosen shows that language without an invitation, whatever the browser', async ({
  page,
  service,
}) => {
  const request = await service.agent.createRequest({ recipientName: 'Lucía Gómez', emailLanguage: 'es' });
  expect(request.sendInvitation).toBe(false);

  const response = await page.goto(request.link);
  expect(await response!.request().headerValue('accept-language')).toMatch(/^en/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${AGENT.name}, de ${ORG_NAME}, solicita acceso a su equipo`,
  );
  await expect(page.getByRole('button', { name: 'Permitir acceso', exact: true })).toBeVisible();
});

test('consent lasts one session: after the last disconnect the open page asks again, live, and Allow works again', async ({
  page,
  service,
}) => {
  // Grace 0: the permission ends with the session itself (the grace period is tested on the service).
  const restore = await service.updateOrganisation({ consentGraceMinutes: 0 });
  try {
    const request = await newRequest(service);
    await page.goto(request.link);
    await allow(page);
    await expect(
      page.getByText('Your permission is for one session: it ends when the session ends.'),
    ).toBeVisible();

    await service.agent.connect(request.id);
    await expect(page.getByText(EN.connected)).toBeVisible();
    await service.agent.disconnect(request.id);

    // No reload by the test: the page follows the request.
    await expect(page.getByText(EN.lapsed)).toBeVisible();
    await expect(allowButton(page)).toBeVisible();
    expect(await service.agent.state(request.id)).toEqual({ status: 'waiting', consent: 'pending' });

    await expect(idField(page)).toHaveValue('123456789');
    await allowButton(page).click();
    await expect(page.getByText(EN.granted)).toBeVisible();
    await expect.poll(() => service.agent.state(request.id)).toEqual({ status: 'ready', consent: 'granted' });
  } finally {
    await service.updateOrganisation(restore);
  }
});

test('End access on a Ready request ends the permission at once; the agent sees Denied', async ({
  page,
  service,
}) => {
  const request = await newRequest(service);
  await page.goto(request.link);
  await allow(page);
  await expect(page.getByText(EN.oneSession)).toBeVisible();
  // With scripts, the page follows the request by itself, and says so.
  await expect(page.getByText(EN.updatesItself)).toBeVisible();
  await expect(page.getByText(EN.refreshes)).toHaveCount(0);

  await endAccessButton(page).click();
  await expect(page.getByText(EN.accessEnded)).toBeVisible();
  await expect(endAccessButton(page)).toHaveCount(0);
  await expect(allowButton(page)).toHaveCount(0);
  expect(await service.agent.state(request.id)).toEqual({ status: 'waiting', consent: 'denied' });
});

test('End access during a session ends it for the service at once; asking again brings the prompt back', async ({
  page,
  service,
}, testInfo) => {
  const request = await newRequest(service);
  await page.goto(request.link);
  await allow(page);
  await service.agent.connect(request.id);
  await expect(page.getByText(EN.connected)).toBeVisible();
  await snapshot(page, testInfo, 'connected');

  await endAccessButton(page).click();
  await expect(page.getByText(EN.accessEnded)).toBeVisible();
  const after = await service.agent.get(request.id);
  expect({ status: after.status, consent: after.consent, connected: after.connectedAgentIds }).toEqual({
    status: 'waiting',
    consent: 'denied',
    connected: [],
  });

  await service.agent.requestAccessAgain(request.id);
  await expect(allowButton(page)).toBeVisible();
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the page says how to see changes, and refreshes itself while it waits for the agent', async ({
    page,
    service,
  }) => {
    const request = await newRequest(service);
    await page.goto(request.link);
    // The prompt does not refresh (it would lose what is typed): it says how to see changes.
    await expect(page.getByText(EN.reload)).toBeVisible();
    await expect(page.getByText(EN.updatesItself)).toHaveCount(0);

    await allow(page);
    await expect(page.getByText(EN.refreshes)).toBeVisible();

    await service.agent.connect(request.id);
    // Nothing reloads the page but the page itself.
    await expect(page.getByText(EN.connected)).toBeVisible({ timeout: 20_000 });
  });
});

test('after Deny, the agent asking again brings the prompt back on the open page by itself', async ({
  page,
  service,
}) => {
  const request = await newRequest(service);
  await page.goto(request.link);

  await denyButton(page).click();
  await expect(page.getByText(EN.denied)).toBeVisible();
  await expect(allowButton(page)).toHaveCount(0);
  await expect.poll(() => service.agent.state(request.id)).toEqual({ status: 'waiting', consent: 'denied' });

  await service.agent.requestAccessAgain(request.id);

  // The test does not reload: the page follows the request over server-sent events.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN.heading);
  await expect(allowButton(page)).toBeVisible();
  await expect(denyButton(page)).toBeVisible();
  await expect(page.getByText(EN.denied)).toHaveCount(0);
  expect(page.url()).toBe(request.link);
  expect(await service.agent.state(request.id)).toEqual({ status: 'waiting', consent: 'pending' });
});

test('when the agent closes the request, the open page says it is closed, live', async ({
  page,
  service,
}) => {
  const request = await newRequest(service);
  await page.goto(request.link);
  await expect(allowButton(page)).toBeVisible();

  expect((await service.agent.close(request.id)).status).toBe('closed');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN.closedTitle);
  await expect(page.getByText(EN.closed)).toBeVisible();
  await expect(page).toHaveTitle(`${EN.closedTitle} · ${ORG_NAME}`);
  await expect(allowButton(page)).toHaveCount(0);
  await expect(denyButton(page)).toHaveCount(0);
});

test('typing the 9-digit PIN with spaces leads to the request page', async ({ page, service }, testInfo) => {
  const request = await newRequest(service);

  await page.goto(`${service.url}/pin`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN.pinTitle);
  await snapshot(page, testInfo, 'pin');

  await page.getByRole('textbox', { name: EN.pinField }).fill(spaced(request.pin));
  await page.getByRole('button', { name: EN.pinButton }).click();

  await expect(page).toHaveURL(request.link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN.heading);
  await expect(allowButton(page)).toBeVisible();
  await expect.poll(() => service.agent.state(request.id)).toEqual({ status: 'waiting', consent: 'pending' });
});

test('a mistyped or short PIN shows a clear error and opens nothing', async ({ page, service }) => {
  const request = await newRequest(service);
  // One digit off, as a person mistypes it.
  const last = Number(request.pin.slice(-1));
  const mistyped = `${request.pin.slice(0, -1)}${(last + 1) % 10}`;

  await page.goto(`${service.url}/pin`);
  const field = page.getByRole('textbox', { name: EN.pinField });
  await field.fill(spaced(mistyped));
  await page.getByRole('button', { name: EN.pinButton }).click();

  await expect(page.getByRole('alert')).toHaveText(EN.pinUnknown);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveValue(spaced(mistyped));
  await expect(page).toHaveURL(`${service.url}/pin`);

  await field.fill('12345');
  await page.getByRole('button', { name: EN.pinButton }).click();
  await expect(page.getByRole('alert')).toHaveText(EN.pinInvalid);
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  expect(await service.agent.state(request.id)).toEqual({ status: 'open', consent: 'pending' });
});

test('an unknown link shows "Link not valid" with HTTP 404 and no technical details', async ({
  page,
  service,
}) => {
  const request = await newRequest(service);
  const token = request.link.slice(request.link.lastIndexOf('/') + 1);
  const lastChar = token.slice(-1) === 'A' ? 'B' : 'A';
  const broken = [
    `${service.url}/j/${token.slice(0, -1)}${lastChar}`, // one character wrong
    `${service.url}/j/${token.slice(0, -6)}`, // cut short when copied
    `${service.url}/j/not-a-link`,
  ];

  for (const url of broken) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    expect(response?.headers()['content-type'], url).toContain('text/html');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN.notFoundTitle);
    await expect(page.getByText(EN.notFound)).toBeVisible();
    await expect(allowButton(page)).toHaveCount(0);
    const html = await response!.text();
    expect(html, url).not.toMatch(/\bat \S+ \(|node_modules|\.tsx?:\d+|Error\b|stack/i);
  }
  // None of them opened the request.
  expect(await service.agent.state(request.id)).toEqual({ status: 'open', consent: 'pending' });
});

test('a request invited in German shows the page in German, even in an English browser', async ({
  page,
  service,
}) => {
  const request = await service.agent.createRequest({
    recipientName: 'Jonas Becker',
    recipientEmail: 'jonas.becker@example.com',
    sendInvitation: true,
    emailLanguage: 'de',
    comments: 'Ich schaue mir den Druckerfehler an.',
  });

  const response = await page.goto(request.link);
  expect(await response!.request().headerValue('accept-language')).toMatch(/^en/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${AGENT.name} von ${ORG_NAME} bittet um Zugriff auf Ihren Computer`,
  );
  await expect(page.getByText('Guten Tag Jonas Becker,')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zugriff erlauben', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ablehnen', exact: true })).toBeVisible();
  await expect(allowButton(page)).toHaveCount(0);

  // Without SMTP the invitation is written to DATA_DIR/mail as an .eml file, in German too.
  const mailDir = join(service.dataDir, 'mail');
  const invitation = async () => {
    for (const name of readdirSync(mailDir).filter((n) => n.endsWith('.eml'))) {
      const mail = await PostalMime.parse(readFileSync(join(mailDir, name)));
      if (mail.to?.some((to) => to.address === 'jonas.becker@example.com')) return mail;
    }
    return null;
  };
  await expect
    .poll(async () => (await invitation())?.subject)
    .toBe(`${AGENT.name} (${ORG_NAME}) bittet um Fernzugriff, um Ihnen zu helfen`);
  expect((await invitation())!.text).toContain(request.link);
});

test.describe('in a French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('a request without invitation follows the browser and shows French', async ({ page, service }) => {
    const request = await newRequest(service, 'Camille Martin');

    const response = await page.goto(request.link);
    expect(await response!.request().headerValue('accept-language')).toMatch(/^fr/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `${AGENT.name} (${ORG_NAME}) demande à accéder à votre ordinateur`,
    );
    await expect(page.getByText('Bonjour Camille Martin,')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Accorder l’autorisation', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Rejeter', exact: true })).toBeVisible();
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  async function expectNoHorizontalScroll(page: Page) {
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  }

  test('the buttons are visible without horizontal scrolling', async ({ page, service }, testInfo) => {
    const request = await newRequest(service);
    await page.goto(request.link);

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(EN.heading);
    await expectNoHorizontalScroll(page);
    for (const button of [allowButton(page), denyButton(page)]) {
      await button.scrollIntoViewIfNeeded();
      await expect(button).toBeInViewport({ ratio: 1 });
    }
    expect(await page.evaluate(() => window.scrollX)).toBe(0);
    await snapshot(page, testInfo, 'prompt-phone');

    // The error state and the PIN page fit too.
    await idField(page).fill('--help');
    await allowButton(page).click();
    await expect(page.getByRole('alert')).toHaveText(EN.idInvalid);
    await expectNoHorizontalScroll(page);

    await page.goto(`${service.url}/pin`);
    await expect(page.getByRole('button', { name: EN.pinButton })).toBeInViewport({ ratio: 1 });
    await expectNoHorizontalScroll(page);
  });

  test('a long link in the agent’s message wraps instead of making the page scroll sideways', async ({
    page,
    service,
  }, testInfo) => {
    // Agents paste ticket links into the comments; a URL has no spaces to wrap at.
    const link = 'https://helpdesk.northwind.example/tickets/INC-2026-0004711?view=full&tab=attachments';
    const request = await service.agent.createRequest({
      recipientName: 'Jordan Lee',
      comments: `The log is attached to ${link} if you want to read it.`,
    });
    await page.goto(request.link);

    const message = page.getByRole('figure', { name: EN.commentsLabel }).getByRole('blockquote');
    await expect(message).toContainText(link);
    await snapshot(page, testInfo, 'long-link-phone');
    const overflow = await message.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow, 'the message runs out of its box').toBeLessThanOrEqual(0);
    await expectNoHorizontalScroll(page);
  });
});

test('the page loads nothing from third parties and raises no CSP violation or console error', async ({
  playwright,
  launchOptions,
  service,
}) => {
  // A browser of its own: Chromium asks for /favicon.ico once per browser, so in a browser that earlier
  // tests used, what the first page load logs would go unseen.
  const browser = await playwright.chromium.launch(launchOptions);
  try {
    const page = await browser.newPage({ locale: 'en-US' });
    await checkResources(page, service);
  } finally {
    await browser.close();
  }
});

async function checkResources(page: Page, service: ServiceProcess): Promise<void> {
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.exposeBinding('reportCspViolation', (_source, text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI}`,
      ),
    ),
  );

  // The link: prompt, then Allow access.
  const first = await newRequest(service);
  const response = await page.goto(first.link);
  expect(response!.headers()['content-security-policy']).toContain("default-src 'none'");
  // The stylesheet and the script ran under the policy: styles applied, the date rewritten locally.
  await expect(allowButton(page)).toHaveCSS('background-color', 'rgb(31, 79, 209)');
  await expect(page.locator('time[data-local]')).not.toHaveText(/\(UTC\)$/);
  await allow(page);

  // The PIN, then Deny and the live prompt after the agent asks again.
  const second = await newRequest(service);
  await page.goto(`${service.url}/pin`);
  await page.getByRole('textbox', { name: EN.pinField }).fill(spaced(second.pin));
  await page.getByRole('button', { name: EN.pinButton }).click();
  await denyButton(page).click();
  await expect(page.getByText(EN.denied)).toBeVisible();
  await service.agent.requestAccessAgain(second.id);
  await expect(allowButton(page)).toBeVisible();

  const paths = requests.map((url) => new URL(url).pathname);
  expect(paths).toEqual(
    expect.arrayContaining([
      '/assets/join.css',
      '/assets/join.js',
      `/j/${second.link.split('/').pop()}/live`,
    ]),
  );
  expect(requests.filter((url) => !url.startsWith(`${service.url}/`))).toEqual([]);
  expect(problems).toEqual([]);
}
