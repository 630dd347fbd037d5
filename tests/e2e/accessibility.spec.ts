/**
 * Accessibility, with tools we did not write. The keyboard first, with real key events: a row's actions
 * menu keeps its keys (arrows, Home, End, letters and Escape never reach the table or the window's
 * shortcuts) and the status filter is one tab stop that the arrows move through. Then axe-core (WCAG 2.0
 * and 2.1, A and AA) over every main screen of the agent client — sign-in, the Session Requests tab with
 * a row in every status, a row selected, the actions menus, each dialog, the details, Settings, each
 * Administration tab (Integrations, Single sign-on and Canned messages too) and its dialogs, the
 * conversation in the details (the chat, the technicians' thread, the canned messages' list), two-factor set-up, offline — in the light and the dark theme (the
 * client's setting, the OS's scheme set to the other one so that only the setting can make it pass), and
 * over the end user's pages in each of their states ("How did we do?" on a closed request's, and its
 * refusal), in English and Chinese, on a phone and a desktop, light and dark.
 * One service and one agent client for the whole file.
 */
import type { Browser, Page } from '@playwright/test';
import { ADMIN, snapshot } from './agent-fixtures';
import { row, statusCell } from './agent-pages';
import { openSignedIn, RECIPIENTS, test, expect, type A11yWorld } from './a11y-fixtures';
import { checkScreen, loadAxe } from './axe-check';

// A control that cannot be used fails the step at once, with why, instead of at the test's end.
test.use({ actionTimeout: 15_000 });

const AGENT_CONTEXT = {
  viewport: { width: 1600, height: 900 },
  locale: 'en-GB',
  timezoneId: 'UTC',
  permissions: ['clipboard-read', 'clipboard-write'],
};

async function agentWindow(browser: Browser, world: A11yWorld, osScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ ...AGENT_CONTEXT, colorScheme: osScheme });
  await loadAxe(context);
  const page = await context.newPage();
  await openSignedIn(page, world);
  return page;
}

/** The sidebar's view (All, Past, …), shown. */
async function showView(page: Page, name: string): Promise<void> {
  const button = page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: new RegExp(`^${name}`) });
  await button.click();
  await expect(button).toHaveAttribute('aria-current', 'page');
}

test.describe('keyboard', () => {
  test('a row’s actions menu keeps its keys; Escape closes it and focus returns to ⋯', async ({
    browser,
    a11y,
  }) => {
    const page = await agentWindow(browser, a11y, 'light');
    await showView(page, 'All');
    const avery = row(page, RECIPIENTS.open);
    await avery.getByRole('gridcell').nth(1).click();
    await expect(avery).toHaveAttribute('aria-selected', 'true');
    const selected = page.getByRole('grid', { name: 'Session requests' }).locator('[aria-selected="true"]');

    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: `Actions for ${RECIPIENTS.open}` });
    await expect(menu).toBeVisible();
    const item = (name: string) => menu.getByRole('menuitem', { name, exact: true });
    await expect(item('Details')).toBeFocused();
    // Down and Up move within the menu and wrap; Home and End go to its ends.
    await page.keyboard.press('ArrowDown');
    await expect(item('Copy link')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(item('Delete…')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(item('Details')).toBeFocused();
    await page.keyboard.press('End');
    await expect(item('Delete…')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(item('Details')).toBeFocused();
    // A letter no item starts with does nothing: not the window's shortcuts (n: New request, /: search).
    await page.keyboard.press('n');
    await page.keyboard.press('/');
    await expect(item('Details')).toBeFocused();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // Disabled items stay focusable and say why (Avery has not opened the link: nothing to ask again).
    await page.keyboard.press('r');
    await page.keyboard.press('r');
    await expect(item('Request access again')).toBeFocused();
    await expect(item('Request access again')).toHaveAttribute('aria-disabled', 'true');
    await expect(item('Request access again')).toHaveAccessibleDescription(/nothing to ask again/);
    // All the while, the table kept its selection and the menu stayed open.
    await expect(selected).toHaveCount(1);
    await expect(avery).toHaveAttribute('aria-selected', 'true');
    await expect(menu).toBeVisible();

    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    const button = page.getByRole('button', { name: `Actions for ${RECIPIENTS.open}` });
    await expect(button).toBeFocused();
    await expect(avery).toHaveAttribute('aria-selected', 'true');

    // From the button: ArrowUp opens on the last item, Enter and ArrowDown on the first.
    await page.keyboard.press('ArrowUp');
    await expect(item('Delete…')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(button).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(item('Details')).toBeFocused();
    // Tab and Shift+Tab close the menu and go on from the button (the menu itself is at the page's end).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    const beforeButton = await page.evaluate(() => document.activeElement?.outerHTML);
    await expect(button).not.toBeFocused();
    await page.keyboard.press('Tab');
    await expect(button).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(item('Details')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(menu).toBeHidden();
    expect(await page.evaluate(() => document.activeElement?.outerHTML)).toBe(beforeButton);
    await expect(avery).toHaveAttribute('aria-selected', 'true');
    await page.context().close();
  });

  test('the status filter is one tab stop; arrows, Home and End move through it', async ({
    browser,
    a11y,
  }) => {
    const page = await agentWindow(browser, a11y, 'light');
    await showView(page, 'All');
    const filter = page.getByRole('toolbar', { name: 'Filter by status' });
    const chips = filter.getByRole('button');
    const names = await chips.allTextContents();
    expect(names[0]).toBe('All statuses');
    const chip = (index: number) => chips.nth(index);
    await expect(filter.locator('[tabindex="0"]')).toHaveCount(1);

    await chip(0).focus();
    await page.keyboard.press('ArrowRight');
    await expect(chip(1)).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(chip(0)).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(chip(names.length - 1)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(chip(0)).toBeFocused();
    await page.keyboard.press('End');
    await expect(chip(names.length - 1)).toBeFocused();
    // Space presses the chip in focus; it stays the toolbar's one tab stop.
    await page.keyboard.press('ArrowLeft');
    const waiting = chip(names.length - 2);
    await expect(waiting).toBeFocused();
    await page.keyboard.press('Space');
    await expect(waiting).toHaveAttribute('aria-pressed', 'true');
    await expect(filter.locator('[tabindex="0"]')).toHaveCount(1);
    await expect(waiting).toHaveAttribute('tabindex', '0');
    // Tab leaves the toolbar; Shift+Tab comes back to the chip last in focus.
    await page.keyboard.press('Tab');
    await expect(filter.locator(':focus')).toHaveCount(0);
    await page.keyboard.press('Shift+Tab');
    await expect(waiting).toBeFocused();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect(chip(0)).toHaveAttribute('aria-pressed', 'true');
    await page.context().close();
  });
});

/** A modal dialog and what it leaves outside the inert page (toasts); the page was checked on its own. */
const DIALOG = ['dialog[open]', '.toasts'];
/** An open menu and its button: the page around it was checked on its own. */
const MENU = ['[role="menu"]', '[aria-haspopup="menu"][aria-expanded="true"]'];

/** Opens a row's actions menu and chooses an item, then checks the dialog it opens. */
async function checkRowDialog(
  page: Page,
  theme: string,
  recipient: string,
  action: string,
  dialogName: string,
  role: 'dialog' | 'alertdialog' = 'dialog',
): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${recipient}` }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
  const dialog = page.getByRole(role, { name: dialogName });
  await expect(dialog).toBeVisible();
  await checkScreen(page, `${theme}: ${action} dialog (${recipient})`, DIALOG);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

/** Opens each admin dialog with its button ([button, dialog, role]), checks it, closes it with Escape. */
async function checkAdminDialogs(
  page: Page,
  theme: string,
  dialogs: readonly (readonly [button: string, dialog: string, role?: 'dialog' | 'alertdialog'])[],
): Promise<void> {
  const admin = page.getByRole('main', { name: 'Administration' });
  for (const [button, name, role = 'dialog'] of dialogs) {
    await admin.getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole(role, { name });
    await expect(dialog).toBeVisible();
    await checkScreen(page, `${theme}: Administration, ${name} dialog`, DIALOG);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('radio', { name: theme === 'light' ? 'Light' : 'Dark' }).check();
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe-core: the agent client in the ${theme} theme`, async ({ browser, a11y }, testInfo) => {
    test.setTimeout(150_000);
    // The OS says the other scheme: only the theme setting can make these pass.
    const page = await agentWindow(browser, a11y, theme === 'light' ? 'dark' : 'light');
    await setTheme(page, theme);

    // The Session Requests tab, a row in every status that is not past.
    await showView(page, 'All');
    await expect(statusCell(row(page, RECIPIENTS.denied))).toHaveText('Waiting Denied');
    await expect(statusCell(row(page, RECIPIENTS.queued))).toHaveText('Open In queue');
    await expect(statusCell(row(page, RECIPIENTS.connected))).toHaveText('Connected');
    await expect(statusCell(row(page, RECIPIENTS.ready))).toHaveText('Ready');
    await expect(row(page, RECIPIENTS.invited)).toContainText('Invited');
    await checkScreen(
      page,
      `${theme}: Session Requests, All (open, waiting, denied, ready, connected, queued, invited)`,
    );

    // A row selected, the pointer on its name (the name link turns the accent colour).
    const casey = row(page, RECIPIENTS.denied);
    await casey.getByRole('gridcell').nth(1).click();
    await expect(casey).toHaveAttribute('aria-selected', 'true');
    await casey.getByRole('button', { name: RECIPIENTS.denied, exact: true }).hover();
    await checkScreen(page, `${theme}: a row selected (Waiting, Denied), pointer on its name`);
    await snapshot(page, testInfo, `a11y-${theme}-row-selected`);
    const drew = row(page, RECIPIENTS.ready);
    await drew.getByRole('gridcell').nth(1).click();
    await drew.getByRole('button', { name: `Connect to ${RECIPIENTS.ready}` }).hover();
    await checkScreen(page, `${theme}: a row selected (Ready), pointer on Connect`);

    // The status filter with a status pressed.
    const filter = page.getByRole('toolbar', { name: 'Filter by status' });
    await filter.getByRole('button', { name: 'Waiting' }).click();
    await expect(filter.getByRole('button', { name: 'Waiting' })).toHaveAttribute('aria-pressed', 'true');
    await checkScreen(page, `${theme}: Session Requests filtered to Waiting`);
    await filter.getByRole('button', { name: 'All statuses' }).click();

    // The actions menu of a row, open (with disabled items and their reasons), and the account menu.
    await page.getByRole('button', { name: `Actions for ${RECIPIENTS.waiting}` }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await checkScreen(page, `${theme}: a row's actions menu, open`, MENU);
    await snapshot(page, testInfo, `a11y-${theme}-actions-menu`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Account/ }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await checkScreen(page, `${theme}: the account menu, open`, MENU);
    await page.keyboard.press('Escape');

    // Each dialog a row's menu opens.
    await checkRowDialog(page, theme, RECIPIENTS.open, 'Show PIN', 'PIN');
    await checkRowDialog(page, theme, RECIPIENTS.queued, 'Assign…', 'Assign');
    await checkRowDialog(page, theme, RECIPIENTS.open, 'Transfer…', 'Transfer');
    await checkRowDialog(page, theme, RECIPIENTS.waiting, 'Invite technicians…', 'Invite technicians');
    await checkRowDialog(
      page,
      theme,
      RECIPIENTS.waiting,
      'Leave session…',
      'Leave this session?',
      'alertdialog',
    );
    await checkRowDialog(page, theme, RECIPIENTS.open, 'Close', 'Close this request?', 'alertdialog');
    await checkRowDialog(page, theme, RECIPIENTS.open, 'Delete…', 'Delete this request?', 'alertdialog');

    // New request: refused beside its field, then created.
    await page.getByRole('button', { name: 'New request' }).click();
    const create = page.getByRole('dialog', { name: 'New session request' });
    await create.getByRole('button', { name: 'Create request' }).click();
    await expect(create.getByLabel('Recipient name')).toHaveAttribute('aria-invalid', 'true');
    await checkScreen(page, `${theme}: New request dialog, a field in error`, DIALOG);
    await create.getByLabel('Recipient name').fill(`Jamie ${theme}`);
    await create.getByRole('button', { name: 'Create request' }).click();
    const created = page.getByRole('dialog', { name: 'Request created' });
    await expect(created).toBeVisible();
    await checkScreen(page, `${theme}: Request created dialog`, DIALOG);
    await created.getByRole('button', { name: 'Done' }).click();

    // Join session: a wrong code, said beside the field.
    await page.getByRole('button', { name: 'Join session' }).click();
    const join = page.getByRole('dialog', { name: 'Join session' });
    await join.getByLabel('Session code').fill('123');
    await join.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(join.getByLabel('Session code')).toHaveAttribute('aria-invalid', 'true');
    await checkScreen(page, `${theme}: Join session dialog, a wrong code`, DIALOG);
    await page.keyboard.press('Escape');

    // Columns: which the table shows, their order.
    await page.getByRole('button', { name: 'Columns…' }).click();
    await expect(page.getByRole('dialog', { name: 'Columns' })).toBeVisible();
    await checkScreen(page, `${theme}: Columns dialog`, DIALOG);
    await page.keyboard.press('Escape');

    // The details: a connected session (participants, connected now), a denied one.
    await row(page, RECIPIENTS.connected)
      .getByRole('button', { name: RECIPIENTS.connected, exact: true })
      .click();
    const details = page.getByRole('complementary', { name: RECIPIENTS.connected });
    await expect(details.getByText('Connected now')).toBeVisible();
    // The conversation: the chat both ways, the technicians' thread, the canned messages' list open.
    const chat = details.getByRole('region', { name: `Chat with ${RECIPIENTS.connected}` });
    await expect(chat.getByRole('log')).toContainText('Thank you, it is open.');
    await expect(details.getByRole('region', { name: 'Technicians’ thread' })).toContainText(
      'The printer driver looks stale.',
    );
    await checkScreen(page, `${theme}: details of a Connected request`);
    const box = chat.getByRole('combobox', { name: 'Message to the end user' });
    await box.pressSequentially('/re');
    await expect(chat.getByRole('listbox', { name: 'Canned messages' }).getByRole('option')).toHaveCount(2);
    await checkScreen(page, `${theme}: details, the chat box's canned messages`);
    await box.press('Escape');
    await box.fill('');
    await row(page, RECIPIENTS.denied).getByRole('button', { name: RECIPIENTS.denied, exact: true }).click();
    await expect(page.getByRole('complementary', { name: RECIPIENTS.denied })).toBeVisible();
    await checkScreen(page, `${theme}: details of a Denied request, its row selected`);
    await page.getByRole('button', { name: 'Close details' }).click();

    // Past: Closed and Expired.
    await showView(page, 'Past');
    await expect(statusCell(row(page, RECIPIENTS.closed))).toHaveText('Closed');
    await expect(statusCell(row(page, RECIPIENTS.expired))).toHaveText('Expired');
    await checkScreen(page, `${theme}: Session Requests, Past (closed, expired)`);

    // Settings.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await checkScreen(page, `${theme}: Settings dialog`, DIALOG);
    await page.keyboard.press('Escape');

    // Administration: each tab and its dialogs.
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Administration' })
      .click();
    const admin = page.getByRole('main', { name: 'Administration' });
    const dana = a11y.dana.name;
    await expect(admin.getByRole('table', { name: 'Agents' })).toContainText(dana);
    await checkScreen(page, `${theme}: Administration, Agents`);
    await checkAdminDialogs(page, theme, [
      ['Add agent', 'Add agent'],
      [`Edit ${dana}`, `Edit ${dana}`],
      [`Reset password for ${dana}`, `Reset the password of ${dana}`],
      [`Disable ${dana}`, `Disable ${dana}?`, 'alertdialog'],
    ]);
    await admin.getByRole('tab', { name: 'Channels' }).click();
    const channel = a11y.support.name;
    await expect(admin.getByRole('table', { name: 'Shared channels' })).toContainText(channel);
    await checkScreen(page, `${theme}: Administration, Channels`);
    await checkAdminDialogs(page, theme, [
      ['New channel', 'New channel'],
      [`Edit the channel ${channel}`, `Edit the channel ${channel}`],
      [`Members of ${channel}`, `Members of ${channel}`],
    ]);
    await admin.getByRole('button', { name: `Members of ${channel}` }).click();
    const members = page.getByRole('dialog', { name: `Members of ${channel}` });
    await members.getByRole('button', { name: `Remove ${dana} from the channel` }).click();
    const remove = page.getByRole('alertdialog', { name: `Remove ${dana} from the channel?` });
    await expect(remove).toBeVisible();
    await checkScreen(page, `${theme}: Administration, remove a member (confirmation)`, DIALOG);
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await page.keyboard.press('Escape');
    await expect(members).toBeHidden();
    await admin.getByRole('tab', { name: 'Organisation' }).click();
    await expect(admin.getByLabel('Organisation name')).toBeVisible();
    await checkScreen(page, `${theme}: Administration, Organisation`);
    await admin.getByRole('tab', { name: 'Integrations' }).click();
    await expect(admin.getByText('No integration has a token yet.')).toBeVisible();
    await checkScreen(page, `${theme}: Administration, Integrations`);
    await checkAdminDialogs(page, theme, [
      ['Create token', 'Create an API token'],
      ['Add webhook', 'Add a webhook'],
    ]);
    await admin.getByRole('tab', { name: 'Single sign-on' }).click();
    await expect(admin.getByText('Single sign-on is not set up on this service')).toBeVisible();
    await checkScreen(page, `${theme}: Administration, Single sign-on (not set up)`);
    await admin.getByRole('tab', { name: 'Canned messages' }).click();
    await expect(admin.getByRole('region', { name: 'Canned message readid' })).toBeVisible();
    await checkScreen(page, `${theme}: Administration, Canned messages`);

    // The account menu's two-factor sign-in, set-up begun: the QR code, the key as text, the code field.
    await page.getByRole('button', { name: /^Account/ }).click();
    await page.getByRole('menuitem', { name: 'Two-factor sign-in' }).click();
    const twoFactor = page.getByRole('dialog', { name: 'Two-factor sign-in' });
    await twoFactor.getByRole('button', { name: 'Turn on' }).click();
    await expect(twoFactor.getByRole('textbox', { name: 'Code', exact: true })).toBeVisible();
    await checkScreen(page, `${theme}: Two-factor sign-in, set-up`, DIALOG);
    await page.keyboard.press('Escape');
    await expect(twoFactor).toBeHidden();

    // Offline: the service stops; a request created meanwhile waits in the outbox, so signing out asks.
    await showView(page, 'All');
    await a11y.service.stop();
    try {
      const connection = page.getByRole('button', { name: /^Connection: / });
      await expect(connection).not.toHaveAccessibleName('Connection: Live', { timeout: 15_000 });
      await page.getByRole('button', { name: 'New request' }).click();
      const offlineCreate = page.getByRole('dialog', { name: 'New session request' });
      await offlineCreate.getByLabel('Recipient name').fill(`Kim offline ${theme}`);
      await offlineCreate.getByRole('button', { name: 'Create request' }).click();
      const queued = page.getByRole('dialog', { name: 'Request queued' });
      await checkScreen(page, `${theme}: Request queued dialog (offline)`, DIALOG);
      await queued.getByRole('button', { name: 'Done' }).click();
      await expect(statusCell(row(page, `Kim offline ${theme}`))).toHaveText('Open Queued');
      await checkScreen(page, `${theme}: Session Requests offline, a request queued`);
      await page.getByRole('button', { name: /^Account/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      const signOut = page.getByRole('alertdialog', { name: 'Sign out and discard offline changes?' });
      await expect(signOut).toBeVisible();
      await checkScreen(page, `${theme}: Sign out dialog (offline changes)`, DIALOG);
      await signOut.getByRole('button', { name: 'Discard and sign out' }).click();

      // Sign-in, and a sign-in the service cannot answer.
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await checkScreen(page, `${theme}: Sign in`);
      await page.getByLabel('E-mail').fill(ADMIN.email);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'cannot be reached' })).toBeVisible({
        timeout: 30_000,
      });
      await checkScreen(page, `${theme}: Sign in, refused (service unreachable)`);
    } finally {
      await a11y.service.start();
    }
    await page.context().close();
  });
}

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

test('axe-core: the end user’s pages, English and Chinese, phone and desktop, light and dark', async ({
  browser,
  a11y,
}) => {
  test.setTimeout(150_000);
  const { links } = a11y;
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [device, options] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      for (const locale of ['en-US', 'zh-CN']) {
        const context = await browser.newContext({ ...options, colorScheme, locale });
        await loadAxe(context);
        const page = await context.newPage();
        const where = `${colorScheme}, ${device}, ${locale}`;
        const lang = locale === 'en-US' ? 'en' : 'zh-Hans';
        const visit = async (url: string, state: string, status = 200) => {
          const response = await page.goto(url);
          expect(response?.status()).toBe(status);
          await expect(page.locator('html')).toHaveAttribute('lang', lang);
          await checkScreen(page, `join page ${state} (${where})`);
        };
        await visit(links.waiting, 'asking for access');
        // Allow access without the ID the app shows: refused beside the field.
        await page.locator('form.decision button.allow').click();
        await expect(page.locator('#remoteId')).toHaveAttribute('aria-invalid', 'true');
        await checkScreen(page, `join page, the ID missing (${where})`);
        await visit(links.denied, 'denied');
        await visit(links.ready, 'allowed (Ready)');
        await visit(links.connected, 'connected');
        await visit(links.closed, 'closed, asking "How did we do?"');
        // Sent without a rating: refused on the page, the group marked invalid (nothing is stored).
        await page.locator('form.rating-form button[type="submit"]').click();
        await expect(page.locator('fieldset.rating')).toHaveAttribute('aria-invalid', 'true');
        await checkScreen(page, `join page, "How did we do?" without a rating (${where})`);
        await visit(links.expired, 'expired');
        const origin = new URL(links.open).origin;
        await visit(`${origin}/j/${'A'.repeat(32)}`, 'not found', 404);
        await visit(`${origin}/pin`, 'PIN');
        // One wrong PIN per browser: 8 in all, under the service's 10 a minute from one address.
        await page.locator('#pin').fill('000 000 000');
        await page.locator('form.pin-form button').click();
        await expect(page.locator('#pin')).toHaveAttribute('aria-invalid', 'true');
        await checkScreen(page, `PIN page, an unknown PIN (${where})`);
        await context.close();
      }
    }
  }
});
