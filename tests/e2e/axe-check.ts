/**
 * axe-core over whatever a page shows now, for WCAG 2.0 and 2.1, levels A and AA: one line printed per
 * screen saying what was checked (rules passed, violations, and what axe leaves for a person to review),
 * and every violation (rule, element, why) collected as a soft failure, so one run lists them all.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Page } from '@playwright/test';

/**
 * The project's own axe-core (a dev dependency of its own), not the older copy inside
 * @axe-core/playwright: from 4.14 on, label-content-name-mismatch (WCAG 2.5.3, label in name) is one of
 * the wcag21a rules instead of an experimental one that the tags leave out.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** An ARIA attribute the element's role does not allow (aria-label on a generic span or a paragraph). */
const PROHIBITED = 'aria-prohibited-attr';

/**
 * Puts axe-core in every page of the context as it opens: once per page. AxeBuilder would otherwise send
 * and run its 600 kB twice per check, which costs several times the check itself.
 */
export async function loadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: AXE_SOURCE });
}
/** What AxeBuilder injects instead: a check that loadAxe did. */
const LOADED =
  'if (!window.axe) throw new Error("axe-core is not in this page: call loadAxe on its context")';

/**
 * Runs axe on the page as it is; `screen` names it in the printed line and in the failure. `within`:
 * only these parts (a modal dialog: the page behind it is inert, and was checked on its own screen).
 */
export async function checkScreen(page: Page, screen: string, within: readonly string[] = []): Promise<void> {
  // A status that just changed is highlighted for a moment: look at the colours it settles on.
  await page.waitForFunction(() => document.getAnimations().length === 0);
  // axe.run in the page itself (legacy mode): none of these pages has frames, and the default
  // (axe.runPartial, then axe.finishRun in a new blank page) opens a page for every check.
  // Passed rules are counted, not listed element by element: that list is most of the results' size.
  let axe = new AxeBuilder({ page, axeSource: LOADED })
    .options({ resultTypes: ['violations', 'incomplete'] })
    .withTags(WCAG_TAGS)
    .setLegacyMode();
  for (const selector of within) axe = axe.include(selector);
  const results = await axe.analyze();
  // aria-prohibited-attr is only "for review" when the element has text besides the label it may not
  // carry (an aria-label on a span or p): the label is still ignored by screen readers, so it fails too.
  const failing = [...results.violations, ...results.incomplete.filter((rule) => rule.id === PROHIBITED)];
  const found = failing.flatMap((rule) =>
    rule.nodes.map((node) => `${rule.id} at ${node.target.join(' ')}: ${node.failureSummary ?? rule.help}`),
  );
  // "For review": what axe cannot decide alone (a symbol such as ⋯ or × for a name, text over a
  // partly covered background); listed so that a person can look.
  const review = results.incomplete
    .filter((rule) => rule.id !== PROHIBITED)
    .map((rule) => `${rule.id} ×${rule.nodes.length}`);
  console.log(
    `axe ${screen}${within.length > 0 ? ` (only ${within.join(', ')})` : ''}: ` +
      `${results.passes.length} rules passed, ${found.length} violations` +
      `${review.length > 0 ? `; for review: ${review.join(', ')}` : ''}`,
  );
  expect.soft(found, `axe-core (WCAG 2.1 A and AA) on ${screen}`).toEqual([]);
}
