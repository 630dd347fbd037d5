/**
 * The Electron shell's pure parts: which URL is the app's page (IPC answers only it; app-scheme.test.ts
 * has what app:// serves), deep links in a command line, the CSP header it sends, what the tray shows and
 * the application menu, in the language the client speaks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { translator } from '@shared/i18n/translator';
import { isRendererUrl, rendererLocation } from '../../../main/electron/app-url';
import { APP_PAGE_URL } from '../../../main/electron/app-scheme';
import { RENDERER_CSP } from '../../../main/electron/csp';
import { findDeepLink, isDeepLink } from '../../../main/electron/deep-links';
import { menuTemplate } from '../../../main/electron/menu-template';
import {
  drawTrayIcon,
  trayMenuLabels,
  trayTitle,
  trayTooltip,
} from '../../../main/electron/tray-presentation';

const en = translator('en');
/** The pseudo-locale: the English words accented, lengthened and bracketed, so they can be told apart. */
const pseudo = translator('en-XA');
/** Nothing but accented letters, numbers and the product's name: no English word left. */
const NO_ENGLISH = /^(?:[^A-Za-z]|Sessiondesk)*$/;

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('the app’s page', () => {
  it('is app://sessiondesk/index.html, whatever its fragment or query', () => {
    const location = rendererLocation(undefined, true);
    expect(location).toEqual({ kind: 'app', url: 'app://sessiondesk/index.html' });
    expect(APP_PAGE_URL).toBe('app://sessiondesk/index.html');
    for (const url of [APP_PAGE_URL, `${APP_PAGE_URL}#/requests/1`, `${APP_PAGE_URL}?x=1`]) {
      expect(isRendererUrl(url, location), url).toBe(true);
    }
  });

  it('is not the built file by file://, another file or host on app://, or another scheme', () => {
    const location = rendererLocation(undefined, true);
    for (const url of [
      pathToFileURL('/opt/Sessiondesk/resources/app.asar/out/renderer/index.html').href,
      'file:///index.html',
      'app://sessiondesk/',
      'app://sessiondesk',
      'app://sessiondesk/other.html',
      'app://sessiondesk/assets/index.html',
      'app://sessiondesk/index.html/',
      'app://sessiondesk/.index.html',
      'app://evil.example/index.html',
      'app://sessiondesk.evil.example/index.html',
      'app://sessiondesk:8080/index.html',
      'app://user@sessiondesk/index.html',
      'https://sessiondesk/index.html',
      'http://localhost:5173/index.html',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isRendererUrl(url, location), url).toBe(false);
    }
  });

  it('is the dev server’s origin only when the app is not packaged', () => {
    const dev = rendererLocation('http://localhost:5173/', false);
    expect(dev).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(isRendererUrl('http://localhost:5173/index.html#x', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl(APP_PAGE_URL, dev)).toBe(false);
    // A packaged app ignores ELECTRON_RENDERER_URL.
    expect(rendererLocation('http://localhost:5173/', true).kind).toBe('app');
    expect(rendererLocation('javascript:alert(1)', false).kind).toBe('app');
  });
});

describe('deep links', () => {
  it('finds the sessiondesk: link in a command line', () => {
    expect(findDeepLink(['/opt/Sessiondesk/sessiondesk', '--no-sandbox', 'sessiondesk://request/abc'])).toBe(
      'sessiondesk://request/abc',
    );
    expect(findDeepLink(['electron', '.', '--user-data-dir=/tmp/x'])).toBeNull();
    expect(isDeepLink('SESSIONDESK://join/123456')).toBe(true);
    expect(isDeepLink('https://sessiondesk.example')).toBe(false);
    expect(isDeepLink(`sessiondesk://request/${'a'.repeat(3_000)}`)).toBe(false);
    expect(isDeepLink(42)).toBe(false);
  });
});

describe('the CSP header', () => {
  it('is the policy renderer/index.html states in its <meta>', () => {
    const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(RENDERER_CSP).toBe(meta);
  });
});

describe('the tray', () => {
  it('says how many requests are ready', () => {
    expect(trayTooltip(en, null)).toBe('Sessiondesk');
    expect(trayTooltip(en, 0)).toBe('Sessiondesk: no request is ready');
    expect(trayTooltip(en, 1)).toBe('Sessiondesk: 1 request is ready to connect');
    expect(trayTooltip(en, 12)).toBe('Sessiondesk: 12 requests are ready to connect');
    expect(trayTooltip(en, 1_234)).toBe('Sessiondesk: 1,234 requests are ready to connect');
    expect([trayTitle(null), trayTitle(0), trayTitle(3)]).toEqual(['', '', '3']);
    expect(trayMenuLabels(en)).toEqual({ open: 'Open Sessiondesk', quit: 'Quit Sessiondesk' });
  });

  it('says it in the language the client speaks', () => {
    // (A message that is all plural gets its padding once the pseudo-locale pads inside plurals.)
    expect(trayTooltip(pseudo, 12)).toMatch(/^\[Šéššîöñđéšķ: 12 ŕéǫûéšţš áŕé ŕéáđý ţö çöññéçţ(?: ·+)?\]$/);
    expect(trayTooltip(pseudo, 0)).toMatch(NO_ENGLISH);
    for (const label of Object.values(trayMenuLabels(pseudo))) expect(label).toMatch(NO_ENGLISH);
    // Numbers as the language writes them.
    expect(trayTooltip(translator('de'), 1_234)).toContain('1.234');
  });

  it('draws the icon as a BGRA bitmap: transparent corners, the blue frame, the white screen', () => {
    const size = 32;
    const pixels = drawTrayIcon(size);
    expect(pixels).toHaveLength(size * size * 4);
    const at = (x: number, y: number) => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
    // The frame's left edge (view box x 4–9, y 10–46), opaque blue: B, G, R, A.
    expect(at(3, 14)).toEqual([0xeb, 0x6f, 0x1f, 255]);
    // Inside the screen, away from the check mark.
    expect(at(7, 10)).toEqual([255, 255, 255, 255]);
  });
});

describe('the application menu', () => {
  /** Every item, submenus flattened: role and label. */
  const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    template.flatMap((item) => [item, ...items((item.submenu as MenuItemConstructorOptions[]) ?? [])]);
  const roles = (template: MenuItemConstructorOptions[]) =>
    items(template).flatMap((item) => (item.role ? [item.role] : []));

  it('has the standard menus, each item doing its work by an Electron role', () => {
    const mac = menuTemplate(en, { platform: 'darwin', development: false });
    expect(mac.map((menu) => menu.label)).toEqual(['Sessiondesk', 'Edit', 'View', 'Window']);
    expect(roles(mac)).toEqual([
      ...['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'],
      ...['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll'],
      ...['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'],
      ...['windowMenu', 'minimize', 'zoom', 'front'],
    ]);
    const windows = menuTemplate(en, { platform: 'win32', development: false });
    expect(windows.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window']);
    expect(items(windows).find((item) => item.role === 'quit')?.label).toBe('Exit');
    expect(roles(menuTemplate(en, { platform: 'linux', development: false }))).toContain('close');
  });

  it('offers reloading and the developer tools in development runs only', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(roles(menuTemplate(en, { platform, development: false }))).not.toContain('toggleDevTools');
      expect(roles(menuTemplate(en, { platform, development: true }))).toEqual(
        expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
      );
    }
  });

  it('labels every item in the language the client speaks, none left to Electron’s English', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const template = menuTemplate(pseudo, { platform, development: true });
      for (const item of items(template)) {
        if (item.type === 'separator') continue;
        expect(item.label, `${platform} ${item.role ?? 'menu'}`).toMatch(NO_ENGLISH);
      }
    }
  });
});
