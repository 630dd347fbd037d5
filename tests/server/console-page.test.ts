/**
 * The web console's page and files at /console (issue 20): the renderer's build rewritten for the console,
 * its files from the build folder with the console's policy on every answer, the manifest and the service
 * worker, 503 while there is no build. The build is a small fake out/ folder made here; the service is
 * real.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP } from '../../server/console/policy';
import { startTestService, type TestService } from '../support/service-harness';

const RENDERER_INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta
      http-equiv="Content-Security-Policy"
      content="default-src 'none'; script-src 'self'; style-src 'self'"
    />
    <link rel="icon" type="image/svg+xml" href="./icon.svg" />
    <title>Sessiondesk</title>
    <script type="module" crossorigin src="./assets/index-AbC123.js"></script>
    <link rel="stylesheet" crossorigin href="./assets/index-DeF456.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

/** A build folder as `npm run build` leaves it, in small: the renderer's and the console's files. */
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'sessiondesk-console-build-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('renderer/index.html', RENDERER_INDEX);
  write('renderer/icon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  write('renderer/assets/index-AbC123.js', 'console.log("renderer");');
  write('renderer/assets/index-DeF456.css', 'body{margin:0}');
  write('renderer/.env', 'SECRET=1');
  write('console/console-bridge.js', 'window.sessiondesk = {};');
  write('console/core-worker.js', 'import "./assets/core-1a2b.js";');
  write('console/assets/core-1a2b.js', 'self.onmessage = () => {};');
  write('console/assets/sqlite3-9z8y.wasm', '\0asm');
  // The console's own file wins over the renderer's of the same name.
  write('renderer/console-bridge.js', 'window.wrong = true;');
  write('outside.txt', 'not served');
  symlinkSync(join(root, 'outside.txt'), join(root, 'renderer', 'linked.txt'));
  return root;
}

describe('the web console at /console', () => {
  let t: TestService;
  let build: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${path}`, { headers, redirect: 'manual' });

  beforeAll(async () => {
    build = fakeBuild();
    t = await startTestService({ flags: ['--console-build-dir', build] });
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(build, { recursive: true, force: true });
  });

  it('redirects /console to /console/', async () => {
    const response = await get('/console');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/console/');
  });

  it('answers the renderer’s page rewritten for the console, with its policy as a header', async () => {
    const response = await get('/console/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const page = await response.text();
    // The bridge comes before the renderer's first script, so window.sessiondesk exists when it runs.
    const bridge = page.indexOf('<script src="/console/console-bridge.js"></script>');
    expect(bridge).toBeGreaterThan(-1);
    expect(bridge).toBeLessThan(page.indexOf('src="/console/assets/index-AbC123.js"'));
    expect(page).toContain('<link rel="manifest" href="/console/manifest.webmanifest" />');
    expect(page).toContain('href="/console/assets/index-DeF456.css"');
    expect(page).not.toContain('./assets/');
    // One policy, the console's (frame-ancestors only in the header, where it counts).
    expect(page.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(page).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(page).not.toContain("content=\"default-src 'none'; script-src 'self'; style-src 'self'\"");
  });

  it('keeps the policy strict: no inline script, exactly what the console needs', () => {
    const directives = Object.fromEntries(
      CONSOLE_CSP.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'worker-src': "'self'",
      'connect-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'font-src': "'self'",
      'manifest-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
    });
  });

  it('answers the page at the client’s own routes (sso-return, any path without an extension)', async () => {
    for (const path of ['/console/sso-return', '/console/requests/abc']) {
      const response = await get(`${path}?code=x&state=y`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('/console/console-bridge.js');
    }
  });

  it('serves the build’s files, the console’s first, each script with the policy', async () => {
    const bridge = await get('/console/console-bridge.js');
    expect(bridge.status).toBe(200);
    expect(await bridge.text()).toBe('window.sessiondesk = {};');
    expect(bridge.headers.get('content-type')).toMatch(/javascript/);
    expect(bridge.headers.get('cache-control')).toBe('no-cache');
    expect(bridge.headers.get('content-security-policy')).toBe(CONSOLE_CSP);

    const worker = await get('/console/core-worker.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(worker.headers.get('content-security-policy')).toBe(CONSOLE_CSP);

    for (const path of ['/console/assets/core-1a2b.js', '/console/assets/index-AbC123.js']) {
      const asset = await get(path);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    }
    const wasm = await get('/console/assets/sqlite3-9z8y.wasm');
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
  });

  it('serves nothing outside the build’s listed files: no traversal, dotfiles or symbolic links', async () => {
    for (const path of [
      '/console/../outside.txt',
      '/console/%2e%2e/outside.txt',
      '/console/assets/%2e%2e/%2e%2e/outside.txt',
      '/console/..%2foutside.txt',
      '/console/.env',
      '/console/linked.txt',
      '/console/index.html',
      '/console/missing.js',
    ]) {
      const response = await get(path);
      const body = await response.text();
      expect([400, 404], path).toContain(response.status);
      expect(body, path).not.toContain('not served');
      expect(body, path).not.toContain('SECRET');
    }
  });

  it('makes the console installable: the manifest', async () => {
    const response = await get('/console/manifest.webmanifest');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const manifest = (await response.json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'Sessiondesk',
      short_name: 'Sessiondesk',
      start_url: '/console/',
      scope: '/console/',
      display: 'standalone',
      icons: [{ src: '/console/icon.svg', type: 'image/svg+xml', sizes: 'any' }],
    });
    expect(manifest['theme_color']).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest['background_color']).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('serves a service worker that precaches exactly the build’s files, in a cache named by the build', async () => {
    const response = await get('/console/sw.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    const script = await response.text();
    const precache = JSON.parse(/^const PRECACHE = (.*);$/m.exec(script)![1]!) as {
      cache: string;
      page: string;
      files: string[];
      bypass: string[];
    };
    expect(precache.page).toBe('/console/');
    expect(precache.files).toEqual(
      [
        'assets/core-1a2b.js',
        'assets/index-AbC123.js',
        'assets/index-DeF456.css',
        'assets/sqlite3-9z8y.wasm',
        'console-bridge.js',
        'core-worker.js',
        'icon.svg',
        'manifest.webmanifest',
      ].map((file) => `/console/${file}`),
    );
    expect(precache.cache).toMatch(/^sessiondesk-console-[0-9a-f]{16}$/);
    expect(precache.bypass).toContain('/console/session');
    // Every file it precaches is served.
    for (const file of precache.files) expect((await get(file)).status, file).toBe(200);
  });
});

describe('the web console’s build, replaced while the service runs', () => {
  let t: TestService;
  let build: string;

  beforeAll(async () => {
    build = fakeBuild();
    t = await startTestService({ flags: ['--console-build-dir', build] });
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(build, { recursive: true, force: true });
  });

  it('serves the new build at once: its page, its files, its service worker’s list', async () => {
    const before = await (await fetch(`${t.url}/console/sw.js`)).text();
    rmSync(join(build, 'renderer', 'assets', 'index-AbC123.js'));
    writeFileSync(join(build, 'renderer', 'assets', 'index-New789.js'), 'console.log("new");');
    // A different time as well as different bytes: the service notices the page by its modification time.
    writeFileSync(
      join(build, 'renderer', 'index.html'),
      RENDERER_INDEX.replace('index-AbC123', 'index-New789'),
    );
    utimesSync(join(build, 'renderer', 'index.html'), new Date(), new Date(Date.now() + 60_000));
    expect(await (await fetch(`${t.url}/console/`)).text()).toContain('/console/assets/index-New789.js');
    expect((await fetch(`${t.url}/console/assets/index-New789.js`)).status).toBe(200);
    expect((await fetch(`${t.url}/console/assets/index-AbC123.js`)).status).toBe(404);
    const after = await (await fetch(`${t.url}/console/sw.js`)).text();
    expect(after).not.toBe(before);
    expect(after).toContain('/console/assets/index-New789.js');
  });
});

describe('the web console without a build', () => {
  let t: TestService;
  let empty: string;

  beforeAll(async () => {
    empty = mkdtempSync(join(tmpdir(), 'sessiondesk-console-empty-'));
    t = await startTestService({ flags: ['--console-build-dir', empty] });
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(empty, { recursive: true, force: true });
  });

  it('answers 503 with a page saying to build it, in the browser’s language', async () => {
    const response = await fetch(`${t.url}/console/`, { headers: { 'accept-language': 'de' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('npm run build');
    expect(page).toContain('lang="de"');
    expect((await fetch(`${t.url}/console/sso-return`)).status).toBe(503);
  });
});
