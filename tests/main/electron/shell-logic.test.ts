/**
 * The Electron shell's pure parts: which URL is the app's page (IPC answers only it; app-scheme.test.ts
 * has what app:// serves), deep links in a command line, the CSP header it sends, and what the tray shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isRendererUrl, rendererLocation } from '../../../main/electron/app-url';
import { APP_PAGE_URL } from '../../../main/electron/app-scheme';
import { RENDERER_CSP } from '../../../main/electron/csp';
import { findDeepLink, isDeepLink } from '../../../main/electron/deep-links';
import { drawTrayIcon, trayTitle, trayTooltip } from '../../../main/electron/tray-presentation';

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
    expect(trayTooltip(null)).toBe('Sessiondesk');
    expect(trayTooltip(0)).toBe('Sessiondesk: no request is ready');
    expect(trayTooltip(1)).toBe('Sessiondesk: 1 request is ready to connect');
    expect(trayTooltip(12)).toBe('Sessiondesk: 12 requests are ready to connect');
    expect([trayTitle(null), trayTitle(0), trayTitle(3)]).toEqual(['', '', '3']);
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
