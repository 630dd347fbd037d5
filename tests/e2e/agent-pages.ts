/**
 * What a person does in the agent's window and on the end user's page, in their words: the labels and
 * roles on screen. Shared by the agent-*.spec.ts tests.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { AGENT } from './agent-fixtures';

/** Opens the window, records a marker that a reload would wipe, and watches for CSP violations. */
export async function openWindow(page: Page, url: string): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
      problems.push(message.text());
  });
  await page.goto(url);
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return { problems };
}

/** True while the page has not been reloaded since `openWindow`. */
export function notReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
}

export async function signIn(page: Page): Promise<void> {
  await page.getByLabel('E-mail').fill(AGENT.email);
  await page.getByLabel('Password').fill(AGENT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('grid', { name: 'Session requests' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });
}

export interface NewRequest {
  readonly name: string;
  readonly email?: string;
  readonly invite?: boolean;
  readonly comments?: string;
  /** A datetime-local value for "Expires in: A date and time…". */
  readonly expiresAt?: string;
}

/** Fills the Create request dialog and submits it; the dialog is left open on its outcome. */
export async function fillNewRequest(page: Page, input: NewRequest): Promise<Locator> {
  await page.getByRole('button', { name: 'New request' }).click();
  const dialog = page.getByRole('dialog', { name: 'New session request' });
  await dialog.getByLabel('Recipient name').fill(input.name);
  if (input.email) await dialog.getByLabel('Recipient email').fill(input.email);
  if (input.invite) await dialog.getByLabel('Send invitation email').check();
  if (input.comments) await dialog.getByLabel('Comments').fill(input.comments);
  if (input.expiresAt) {
    await dialog.getByLabel('Expires in').selectOption({ label: 'A date and time…' });
    await dialog.getByLabel('Expiry time').fill(input.expiresAt);
  }
  return dialog;
}

/** Creates the request in the dialog; the end user's link, as the outcome shows it. */
export async function createRequestForLink(page: Page, input: NewRequest): Promise<string> {
  const dialog = await fillNewRequest(page, input);
  await dialog.getByRole('button', { name: 'Create request' }).click();
  const created = page.getByRole('dialog', { name: 'Request created' });
  const link = await created.getByRole('textbox', { name: 'Link' }).inputValue();
  await created.getByRole('button', { name: 'Done' }).click();
  return link;
}

/** Settings: `program` as the custom remote-control client, started with the ID the end user typed. */
export async function useCustomCommand(page: Page, program: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Remote-control client').selectOption({ label: 'Custom command' });
  await settings.getByLabel('Custom command').fill(`"${program}" --connect {remoteId}`);
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
}

export async function createRequest(page: Page, input: NewRequest): Promise<void> {
  const dialog = await fillNewRequest(page, input);
  await dialog.getByRole('button', { name: 'Create request' }).click();
  const done = page.getByRole('dialog', { name: /Request (created|queued)/ });
  await expect(done).toBeVisible();
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(done).toBeHidden();
}

/** The table row of a request, by its recipient. */
export function row(page: Page, name: string): Locator {
  return page
    .getByRole('grid', { name: 'Session requests' })
    .getByRole('row')
    .filter({
      has: page.getByRole('button', { name, exact: true }),
    });
}

export function statusCell(rowLocator: Locator): Locator {
  return rowLocator.getByRole('gridcell').nth(2);
}

/** Opens a row's actions menu and chooses an item. */
export async function chooseAction(page: Page, name: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  const item = page.getByRole('menu').getByRole('menuitem', { name: action });
  await expect(item).toBeEnabled();
  await item.click();
}

/** The end user's browser, separate from the agent's (another context). */
export async function openAsEndUser(browser: Browser, link: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('button', { name: 'Allow access', exact: true })).toBeVisible();
  return page;
}

export async function allowAccess(endUser: Page, remoteId = '123 456 789'): Promise<void> {
  await endUser.getByRole('textbox', { name: 'The ID shown by RustDesk' }).fill(remoteId);
  await endUser.getByRole('button', { name: 'Allow access', exact: true }).click();
}

/** The invitation link in an e-mail's text. */
export function linkIn(text: string): string {
  const match = /https?:\/\/[^\s"<>]+\/j\/[A-Za-z0-9_-]+/.exec(text);
  if (!match) throw new Error(`no invitation link in:\n${text}`);
  return match[0];
}
