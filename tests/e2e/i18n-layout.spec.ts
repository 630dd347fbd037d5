/**
 * Issue 16, "Layout that survives translation": the main screens in the pseudo-locale (every message
 * accented, 40% longer, in brackets), German and Simplified Chinese at 1280×720, failing on text that is
 * cut or that overlaps its neighbours — in the table's header, on buttons, menu items and tabs, and in
 * the dialogs and the details panel. Each screen is kept as a screenshot (`layout-<lang>-<screen>`), and
 * every problem found is printed as one line: language, screen, element, text, what is wrong.
 *
 * The rule (`findLayoutProblems`, run in the page):
 * - What is checked: every visible column header, button, menu item, tab and grid cell, and the labels,
 *   legends, headings, paragraphs and term names (`dt`) of every open dialog and of the details panel.
 * - Cut: a line of its text (measured as the text's own boxes, `Range.getClientRects`) reaches past a box
 *   that cuts it — any box between the text and the element that hides its overflow (`overflow` other
 *   than `visible`, `auto` and `scroll`, or paint containment), or the element's own border, which text
 *   must not spill out of either. This is `scrollWidth > clientWidth` / `scrollHeight > clientHeight` on
 *   the element and its text containers, but also catches text that spills out of a box that does not
 *   hide it (a fixed-width button), and says which line.
 * - Allowed: a deliberate ellipsis — the box that cuts the text draws an ellipsis for it
 *   (`text-overflow: ellipsis` on a block container with only inline boxes between it and the text: an
 *   inline-flex button inside an ellipsising cell is cut bare), on one line, and the tooltip a pointer
 *   over the text shows (the nearest `title`) contains the whole text. An accessible name taken from the
 *   content does not count: it is the whole text for a screen reader whether or not anyone can read it.
 * - Covered: where the pointer would find a checked element (its middle and the middles of its edges,
 *   where on screen and scrolled into view), nothing else is on top (a panel over a toolbar's button).
 * - Overlap: in each group of sibling controls — a toolbar, tab list, row, menu, the dialog's head and
 *   footer, a button row, the header — no two controls' (or texts') boxes intersect.
 * A box that scrolls (`overflow: auto`) is no cut: what it hides is a scroll away. The check proves
 * itself first, on a page made to break each rule (the first test), and once in the real window with a
 * test-only style injected that squeezes a header button and pulls a toolbar button onto its neighbour.
 *
 * The languages come as an agent gets them: German and Chinese from the browser's language (the browser
 * shell's `system` language), the pseudo-locale from Settings → Language. Each language signs in as the
 * admin (Administration is one of the screens) over requests in five statuses, one in a channel's queue,
 * one for a recipient with a long name.
 */
import type { Page, TestInfo } from '@playwright/test';
import { translator, type DisplayLanguage, type Translator } from '../../shared/i18n/translator';
import { Api, expectStatus } from '../support/api-client';
import type { SessionRequest } from '../../shared/domain/session-request';
import type { Channel } from '../../shared/protocol/api';
import { FORM } from '../support/requests';
import { ADMIN, expect, login, snapshot, test, type World } from './agent-fixtures';

const LONG_NAME = 'Maximiliana Montgomery-Fitzgerald';
const QUEUED_NAME = 'Harper Queued';

/** One thing wrong on a screen, as printed. */
interface LayoutProblem {
  readonly element: string;
  readonly text: string;
  readonly detail: string;
}

/**
 * The check, run in the page over the elements matching `scope`: every cut or overlapping text found.
 * Self-contained (it is serialised into the page).
 */
function findLayoutProblems(scope: string): LayoutProblem[] {
  const TOLERANCE = 1;
  const CONTROLS =
    'button, [role="button"], [role="columnheader"], th, [role="menuitem"], [role="menuitemradio"], [role="menuitemcheckbox"], [role="tab"], [role="gridcell"]';
  const CONTAINERS = 'dialog[open], [role="dialog"], [role="alertdialog"], [role="complementary"]';
  const CONTAINER_TEXT = 'label, legend, h1, h2, h3, h4, h5, h6, [role="heading"], p, dt';
  const GROUPS =
    '[role="toolbar"], [role="tablist"], [role="row"], [role="menu"], .topbar, .topbar-actions, .table-toolbar, .dialog-head, .dialog-actions, .button-row, .admin-toolbar, .admin-row-actions, .details-head, .sidebar';
  const ITEMS = `${CONTROLS}, a[href], input, select, textarea, [role="status"], .badge, p, h1, h2, h3, label`;

  const problems: LayoutProblem[] = [];
  const seen = new Set<string>();
  const report = (element: Element, text: string, detail: string) => {
    const key = `${describe(element)}|${text}|${detail}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ element: describe(element), text, detail });
  };
  function describe(element: Element): string {
    const role = element.getAttribute('role') ?? element.tagName.toLowerCase();
    const classes = [...element.classList]
      .slice(0, 3)
      .map((c) => `.${c}`)
      .join('');
    return `${role}${classes}`;
  }
  const words = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  const shown = (element: Element): boolean => {
    if (!element.checkVisibility({ visibilityProperty: true })) return false;
    const box = element.getBoundingClientRect();
    // A box of a pixel or two is text kept for screen readers alone (.visually-hidden).
    return box.width > 2 && box.height > 2;
  };
  /** Whether a box hides what reaches past it (a scrolling box does not: it is a scroll away). */
  const cuts = (element: Element, axis: 'x' | 'y'): boolean => {
    const style = getComputedStyle(element);
    const overflow = axis === 'x' ? style.overflowX : style.overflowY;
    if (overflow === 'hidden' || overflow === 'clip') return true;
    return /\b(paint|strict|content)\b/.test(style.contain);
  };
  const scrolls = (element: Element): boolean => {
    const style = getComputedStyle(element);
    return /auto|scroll/.test(style.overflowX) || /auto|scroll/.test(style.overflowY);
  };
  /**
   * Whether `box`'s text-overflow ends this text with an ellipsis: the box holds lines of text (a block
   * container, not a flex or grid container) and nothing but inline boxes stand between it and the text
   * (an inline-block or inline-flex in between is cut whole, with no ellipsis).
   */
  const drawsEllipsis = (box: Element, from: Element): boolean => {
    if (!/^(block|inline-block|flow-root|list-item|table-cell)$/.test(getComputedStyle(box).display))
      return false;
    for (let e: Element | null = from; e && e !== box; e = e.parentElement) {
      if (getComputedStyle(e).display !== 'inline') return false;
    }
    return true;
  };
  /** The tooltip a pointer over `element` shows: the nearest title. */
  const tooltip = (element: Element): string => {
    const titled = element.closest('[title]');
    return titled?.getAttribute('title') ?? '';
  };

  for (const root of document.querySelectorAll(scope)) {
    if (!shown(root)) continue;
    // Text: each text node once, judged against the element it belongs to.
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (text.trim() === '') continue;
      const parent = node.parentElement;
      if (!parent || !shown(parent)) continue;
      const container = parent.closest(CONTAINERS);
      const owner = parent.closest(CONTROLS) ?? (container ? parent.closest(CONTAINER_TEXT) : null) ?? null;
      if (!owner || !root.contains(owner) || !shown(owner)) continue;
      // A form control's own text (an <option>, a textarea's value) is the control's to show.
      if (parent.closest('select, textarea, option')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (lines.length === 0) continue;
      const reach = {
        left: Math.min(...lines.map((r) => r.left)),
        right: Math.max(...lines.map((r) => r.right)),
        top: Math.min(...lines.map((r) => r.top)),
        bottom: Math.max(...lines.map((r) => r.bottom)),
      };
      const shownText = text.replace(/\s+/g, ' ').trim();
      // Every box from the text up to its element, then on up to the first box that scrolls.
      for (let box: Element | null = parent; box; box = box.parentElement) {
        if (box !== owner && owner.contains(box) === false && scrolls(box)) break;
        const own = box === owner;
        const cutX = cuts(box, 'x');
        const cutY = cuts(box, 'y');
        if (own || cutX || cutY) {
          const edge = box.getBoundingClientRect();
          // The padding box for a box that cuts (its content shows there), the border box otherwise.
          const inner = {
            left: edge.left + box.clientLeft,
            right: edge.left + box.clientLeft + (cutX ? box.clientWidth : edge.width - box.clientLeft),
            top: edge.top + box.clientTop,
            bottom: edge.top + box.clientTop + (cutY ? box.clientHeight : edge.height - box.clientTop),
          };
          const wide =
            (cutX || own) && (reach.left < inner.left - TOLERANCE || reach.right > inner.right + TOLERANCE);
          const tall =
            (cutY || own) && (reach.top < inner.top - TOLERANCE || reach.bottom > inner.bottom + TOLERANCE);
          if (wide || tall) {
            const style = getComputedStyle(box);
            const ellipsised =
              wide &&
              !tall &&
              cutX &&
              style.textOverflow === 'ellipsis' &&
              drawsEllipsis(box, parent) &&
              // One line (an ellipsis may split it into fragments, all on one line).
              lines.every((line) => Math.abs(line.top - reach.top) <= TOLERANCE) &&
              tooltip(parent).includes(shownText);
            if (!ellipsised) {
              const how = [wide ? 'too wide' : '', tall ? 'too tall' : ''].filter(Boolean).join(' and ');
              const at = box === owner ? 'for its box' : `for ${describe(box)}`;
              const why =
                wide && cutX && style.textOverflow === 'ellipsis'
                  ? ' (ellipsised, but no tooltip has the whole text)'
                  : '';
              report(owner, shownText, `${how} ${at}${why}`);
              break;
            }
          }
          // What this box cuts off is gone: the boxes around it see only what it shows.
          if (cutX) {
            reach.left = Math.max(reach.left, inner.left);
            reach.right = Math.min(reach.right, inner.right);
          }
          if (cutY) {
            reach.top = Math.max(reach.top, inner.top);
            reach.bottom = Math.min(reach.bottom, inner.bottom);
          }
        }
        if (box === root) break;
      }
    }

    // Covered: a control or a dialog's text under something else (a panel, another control), seen
    // where the pointer would find it — its middle and the middles of its edges — wherever that point
    // is on screen and scrolled into view.
    const checked = [
      ...root.querySelectorAll(CONTROLS),
      ...[...root.querySelectorAll(CONTAINER_TEXT)].filter((e) => e.closest(CONTAINERS)),
    ];
    for (const element of checked) {
      if (!shown(element) || words(element) === '') continue;
      const box = element.getBoundingClientRect();
      const inset = 3;
      const points = [
        [box.left + box.width / 2, box.top + box.height / 2],
        [box.left + inset, box.top + box.height / 2],
        [box.right - inset, box.top + box.height / 2],
        [box.left + box.width / 2, box.top + inset],
        [box.left + box.width / 2, box.bottom - inset],
      ] as const;
      const inView = (x: number, y: number) => {
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
        for (let a = element.parentElement; a; a = a.parentElement) {
          if (!scrolls(a)) continue;
          const seen = a.getBoundingClientRect();
          const left = seen.left + a.clientLeft;
          const top = seen.top + a.clientTop;
          if (x < left || x >= left + a.clientWidth || y < top || y >= top + a.clientHeight) return false;
        }
        return true;
      };
      for (const [x, y] of points) {
        if (!inView(x, y)) continue;
        const hit = document.elementFromPoint(x, y);
        if (!hit || hit === element || element.contains(hit) || hit.contains(element)) continue;
        report(element, words(element), `covered by ${describe(hit)} "${words(hit).slice(0, 40)}"`);
        break;
      }
    }

    // Overlap: sibling controls within each group.
    const groups = [...(root.matches(GROUPS) ? [root] : []), ...root.querySelectorAll(GROUPS)];
    for (const group of groups) {
      if (!shown(group)) continue;
      const items = [...group.querySelectorAll(ITEMS)].filter(
        (item) =>
          shown(item) &&
          item.closest(GROUPS) === group &&
          item.getAttribute('role') !== 'separator' &&
          words(item) !== '',
      );
      // Only the outermost of nested items (a header's sort button inside the header).
      const outer = items.filter((item) => !items.some((other) => other !== item && other.contains(item)));
      for (let i = 0; i < outer.length; i++) {
        for (let j = i + 1; j < outer.length; j++) {
          const a = outer[i]!.getBoundingClientRect();
          const b = outer[j]!.getBoundingClientRect();
          const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (across > TOLERANCE && down > TOLERANCE) {
            report(
              outer[i]!,
              words(outer[i]!),
              `overlaps ${describe(outer[j]!)} "${words(outer[j]!)}" in ${describe(group)}`,
            );
          }
        }
      }
    }
  }
  return problems;
}

/** The problems on the screen as it is now, each printed as one line. */
async function checkScreen(
  page: Page,
  testInfo: TestInfo,
  language: string,
  screen: string,
  scope: string,
): Promise<string[]> {
  // Fonts first: a fallback face measures differently from the one that will be drawn.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await snapshot(page, testInfo, `layout-${language}-${screen}`);
  const found = await page.evaluate(findLayoutProblems, scope);
  const lines = found.map((p) => `${language} · ${screen} · ${p.element} · "${p.text}" · ${p.detail}`);
  for (const line of lines) console.log(line);
  return lines;
}

/** The end user's side, by the join page's routes: opening the link, Allow access, Deny. */
async function endUser(url: string, request: SessionRequest, answer?: 'allow' | 'deny'): Promise<void> {
  const api = new Api(url);
  const path = new URL(request.link).pathname;
  expectStatus(await api.call('GET', path), 200);
  if (answer === 'allow') {
    expectStatus(await api.call('POST', `${path}/allow`, 'remoteId=123456789', FORM), 303);
  } else if (answer === 'deny') {
    expectStatus(await api.call('POST', `${path}/deny`, '', FORM), 303);
  }
}

/** The admin's requests: one in each live status, one in the shared channel's queue, one long name. */
async function seedRequests(world: World): Promise<void> {
  const url = world.service.url;
  const admin = await login(url, ADMIN);
  const create = async (recipientName: string, extra: Record<string, unknown> = {}) =>
    expectStatus(await admin.post<SessionRequest>('/requests', { recipientName, ...extra }), 201);
  await create(LONG_NAME, {
    recipientEmail: 'maximiliana.montgomery-fitzgerald@northwind.example',
    comments: 'The printer on the third floor prints every page twice, and only in the mornings.',
  });
  await endUser(url, await create('Blake Waiting'));
  await endUser(url, await create('Casey Denied'), 'deny');
  await endUser(url, await create('Drew Ready'), 'allow');
  const connected = await create('Emery Connected');
  await endUser(url, connected, 'allow');
  expectStatus(await admin.post(`/requests/${connected.id}/connect`, {}), 200);
  const { channels } = expectStatus(await admin.get<{ channels: Channel[] }>('/channels'), 200);
  const shared = channels.find((c) => c.kind === 'shared');
  if (!shared) throw new Error('the first start created no shared channel');
  await create(QUEUED_NAME, { channelId: shared.id, assignTo: { type: 'unassigned' } });
}

/** Signs the window in as the admin, in whatever language it shows. */
async function signInAsAdmin(page: Page, t: Translator): Promise<void> {
  await page.getByLabel(t.t('signIn.email')).fill(ADMIN.email);
  await page.getByLabel(t.t('signIn.password')).fill(ADMIN.password);
  await page.getByRole('button', { name: t.t('signIn.submit') }).click();
  await expect(page.getByRole('grid', { name: t.t('table.label') })).toBeVisible({ timeout: 20_000 });
  await expect(
    page.getByRole('button', { name: t.t('connection.button', { state: t.t('connection.live') }) }),
  ).toBeVisible({ timeout: 20_000 });
}

/** Settings → Language → the pseudo-locale, saved: the screens switch at once. */
async function choosePseudoLanguage(page: Page, t: Translator): Promise<void> {
  await page.getByRole('button', { name: t.t('sidebar.settings'), exact: true }).click();
  const settings = page.getByRole('dialog', { name: t.t('settings.title') });
  await settings.getByLabel(t.t('settings.language')).selectOption('en-XA');
  await settings.getByRole('button', { name: t.t('settings.save') }).click();
  await expect(settings).toBeHidden();
  // "Settings saved.", now in the pseudo-locale: dismissed, so that it covers nothing checked.
  const pseudo = translator('en-XA');
  await page.getByRole('button', { name: pseudo.t('toasts.dismiss') }).click();
  await expect(page.getByRole('button', { name: pseudo.t('toasts.dismiss') })).toHaveCount(0);
}

/** Walks the screens in `t`'s language, checking each; every problem found, one line each. */
async function walkScreens(page: Page, testInfo: TestInfo, t: Translator, tag: string): Promise<string[]> {
  const problems: string[] = [];
  const check = async (screen: string, scope: string) =>
    problems.push(...(await checkScreen(page, testInfo, tag, screen, scope)));
  const grid = page.getByRole('grid', { name: t.t('table.label') });
  const longRow = grid.getByRole('row').filter({ has: page.getByRole('button', { name: LONG_NAME }) });

  // The Session Requests window: header, sidebar, status filter, the table's header and rows.
  await expect(grid.getByRole('row')).toHaveCount(7); // the header and six requests
  await expect(longRow).toBeVisible();
  await check('requests', 'body');

  // The details panel of the long name.
  await longRow.getByRole('button', { name: LONG_NAME, exact: true }).click();
  const details = page.getByRole('complementary', { name: LONG_NAME });
  await expect(details.getByRole('heading', { name: t.t('details.timeline') })).toBeVisible();
  await check('details', 'body');
  await details.getByRole('button', { name: t.t('details.close') }).click();
  await expect(details).toBeHidden();

  // The row's actions menu.
  const openMenu = async () => {
    await page.getByRole('button', { name: t.t('actions.menu', { name: LONG_NAME }) }).click();
    await expect(page.getByRole('menu')).toBeVisible();
  };
  await openMenu();
  await check('menu', '[role="menu"]');

  // A confirmation: Close.
  const confirm = page.getByRole('alertdialog', { name: t.t('confirm.closeTitle') });
  // Once in CI (German) a click on Close left the menu open and no dialog: the cause is not known yet
  // (see the issue 16 note). Clicking again while the menu is still open keeps this test about layout.
  await expect(async () => {
    const close = page.getByRole('menuitem', { name: t.t('actions.close'), exact: true });
    if (await close.isVisible()) await close.click();
    await expect(confirm).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 10_000 });
  await check('confirm-close', 'dialog[open]');
  await confirm.getByRole('button', { name: t.t('confirm.cancel') }).click();
  await expect(confirm).toBeHidden();

  // The Assign picker, for the request waiting in the queue (the others are the admin's already).
  await page.getByRole('button', { name: t.t('actions.menu', { name: QUEUED_NAME }) }).click();
  await page.getByRole('menuitem', { name: t.t('actions.assign') }).click();
  const assign = page.getByRole('dialog', { name: t.t('picker.assignTitle') });
  await expect(assign).toBeVisible();
  await check('assign', 'dialog[open]');
  await assign.getByRole('button', { name: t.t('picker.cancel') }).click();
  await expect(assign).toBeHidden();

  // New request.
  await page.getByRole('button', { name: t.t('header.newRequest'), exact: true }).click();
  const create = page.getByRole('dialog', { name: t.t('create.title') });
  await expect(create).toBeVisible();
  await check('new-request', 'dialog[open]');
  await create.getByRole('button', { name: t.t('create.cancel') }).click();
  await expect(create).toBeHidden();

  // Settings.
  await page.getByRole('button', { name: t.t('sidebar.settings'), exact: true }).click();
  const settings = page.getByRole('dialog', { name: t.t('settings.title') });
  await expect(settings).toBeVisible();
  await check('settings', 'dialog[open]');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  // Administration: the Agents tab, then its Add agent dialog.
  await page.getByRole('button', { name: t.t('admin.title') }).click();
  await expect(page.getByRole('tab', { name: t.t('admin.tabs.agents') })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('table', { name: t.t('admin.agents.tableLabel') })).toBeVisible();
  await check('admin-agents', 'body');
  await page.getByRole('button', { name: t.t('admin.agents.add') }).click();
  const addAgent = page.getByRole('dialog', { name: t.t('admin.agents.createTitle') });
  await expect(addAgent).toBeVisible();
  await check('admin-add-agent', 'dialog[open]');
  await page.keyboard.press('Escape');
  await expect(addAgent).toBeHidden();
  return problems;
}

test.use({ viewport: { width: 1280, height: 720 } });

test('the check finds cut, spilling and overlapping text, and lets a titled ellipsis be', async ({
  page,
}) => {
  await page.setContent(`<!doctype html>
    <style>
      body { font: 14px sans-serif; }
      .fixed { display: inline-block; width: 60px; white-space: nowrap; }
      .hidden { overflow: hidden; }
      .ellipsis { overflow: hidden; text-overflow: ellipsis; }
      .short { height: 18px; overflow: hidden; width: 80px; }
      .row { display: flex; }
      .row button { width: 120px; }
      .pulled { margin-left: -60px; }
    </style>
    <div role="toolbar">
      <button class="fixed hidden">A label far too long for its box</button>
      <button class="fixed">Spills out of its border</button>
      <button class="fixed ellipsis" title="Cut with an ellipsis, whole in the title">Cut with an ellipsis, whole in the title</button>
      <button class="fixed ellipsis">Cut with an ellipsis and no title</button>
      <button class="fits">Fits</button>
    </div>
    <div role="columnheader" class="ellipsis" style="width: 60px; white-space: nowrap">
      <button style="display: inline-flex" title="Sort by A header cut whole">A header cut whole</button>
    </div>
    <div class="row" role="row">
      <button>First</button><button class="pulled">Second</button>
    </div>
    <div style="position: relative; width: 300px">
      <button>Under a panel</button>
      <aside style="position: absolute; left: 0; top: 0; width: 300px; height: 40px; background: white">A panel</aside>
    </div>
    <dialog open><p class="short">A paragraph that wraps onto lines its box has no room for</p></dialog>`);
  const found = await page.evaluate(findLayoutProblems, 'body');
  // Each text found once or more (the pulled button both overlaps and covers its neighbour); the
  // titled ellipsis and the button that fits are not among them.
  expect([...new Set(found.map((p) => p.text))].sort()).toEqual(
    [
      'A header cut whole',
      'A label far too long for its box',
      'A paragraph that wraps onto lines its box has no room for',
      'Cut with an ellipsis and no title',
      'First',
      'Spills out of its border',
      'Under a panel',
    ].sort(),
  );
  const details = (text: string) => found.filter((p) => p.text === text).map((p) => p.detail);
  expect(details('First')).toContainEqual(expect.stringMatching(/^overlaps button\.pulled "Second"/));
  expect(details('Under a panel')).toEqual(['covered by aside "A panel"']);
});

const LANGUAGES: readonly {
  readonly tag: string;
  readonly language: DisplayLanguage;
  /** The browser's language; the pseudo-locale is then chosen in Settings. */
  readonly locale: string;
}[] = [
  { tag: 'en-XA', language: 'en-XA', locale: 'en-GB' },
  { tag: 'de', language: 'de', locale: 'de-DE' },
  { tag: 'zh-Hans', language: 'zh-Hans', locale: 'zh-CN' },
];

for (const { tag, language, locale } of LANGUAGES) {
  test.describe(tag, () => {
    test.use({ locale });

    test(`no cut or overlapping text on the main screens in ${tag} at 1280×720`, async ({
      page,
      world,
      clientHost,
    }, testInfo) => {
      // The pseudo-locale is a development host's (the browser shell offers it); the web console does not.
      test.skip(
        language === 'en-XA' && clientHost === 'web-console',
        'the web console offers no pseudo-locale',
      );
      test.setTimeout(120_000);
      await seedRequests(world);
      await page.goto(world.shell.url);
      const t = translator(language);
      if (language === 'en-XA') {
        const english = translator('en');
        await signInAsAdmin(page, english);
        await choosePseudoLanguage(page, english);
        await expect(page.getByRole('grid', { name: t.t('table.label') })).toBeVisible();
      } else {
        await signInAsAdmin(page, t);
      }
      await expect(page.locator('html')).toHaveAttribute('lang', language);

      if (language === 'en-XA') {
        // The check, honest in the real window: a header button squeezed to a sliver and the Columns…
        // button pulled onto the row count, by a test-only style, are found; then the style goes.
        // (A constructed style sheet: the page's CSP refuses inline <style>.)
        await page.evaluate(() => {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(`.topbar .button.primary { width: 40px; overflow: hidden }
                             .table-toolbar > .button { margin-left: -400px }`);
          document.adoptedStyleSheets = [sheet];
        });
        const broken = await page.evaluate(findLayoutProblems, 'body');
        expect(broken.map((p) => p.text)).toContain(t.t('header.newRequest'));
        expect(broken.map((p) => p.detail)).toContainEqual(expect.stringMatching(/^overlaps /));
        await page.evaluate(() => (document.adoptedStyleSheets = []));
      }

      const problems = await walkScreens(page, testInfo, t, tag);
      expect(problems, `cut or overlapping text in ${tag}`).toEqual([]);
    });
  });
}
