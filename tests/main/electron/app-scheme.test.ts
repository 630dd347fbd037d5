/**
 * app://, the scheme the Electron window loads the renderer from instead of file://: the privileges it
 * is registered with, which listed file a request gets and with which headers, and a 404 for anything
 * else — traversals plain or encoded, encoded slashes, other hosts, ports and credentials, folders,
 * dotfiles, files the build did not list, other methods. Then the listing itself, on a real folder.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listRendererFiles } from '../../../main/node/renderer-files';
import {
  APP_NOT_FOUND,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  planAppResponse,
} from '../../../main/electron/app-scheme';
import { RENDERER_CSP } from '../../../main/electron/csp';
import { temporaryDir } from '../browser-shell/helpers';

/** A build's listing: what the scheme may serve. */
const FILES = new Set([
  'index.html',
  'icon.svg',
  'assets/index-Bx7e2c.js',
  'assets/index-Dk1f9a.css',
  'assets/inter-latin.woff2',
  'assets/logo.png',
  'assets/data.bin',
]);

const served = (url: string, method = 'GET') => planAppResponse(method, url, FILES);

describe('app:// is registered', () => {
  it('as a standard, secure scheme, and nothing more', () => {
    expect(APP_SCHEME).toBe('app');
    // standard: relative URLs and an origin of its own; secure: the clipboard needs a secure context.
    // Not supportFetchAPI, corsEnabled, bypassCSP, stream, allowServiceWorkers, codeCache, extensions.
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true });
  });
});

describe('a request on app://sessiondesk', () => {
  it('gets the listed file with its type, the renderer’s CSP and nosniff, whatever its query or fragment', () => {
    const page = {
      status: 200,
      file: 'index.html',
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    };
    for (const url of [
      'app://sessiondesk/index.html',
      'app://sessiondesk/index.html?x=1',
      'app://sessiondesk/index.html#/requests/1',
      'app://sessiondesk/./index.html',
      'app://sessiondesk/assets/../index.html',
      'app://sessiondesk/index%2Ehtml',
    ]) {
      expect(served(url), url).toEqual(page);
    }
    expect(served('app://sessiondesk/index.html', 'HEAD')).toEqual(page);
  });

  it('is typed by the file’s extension', () => {
    const types = Object.fromEntries(
      [...FILES].map((file) => [file, served(`app://sessiondesk/${file}`).headers['Content-Type']]),
    );
    expect(types).toEqual({
      'index.html': 'text/html; charset=utf-8',
      'icon.svg': 'image/svg+xml',
      'assets/index-Bx7e2c.js': 'text/javascript; charset=utf-8',
      'assets/index-Dk1f9a.css': 'text/css; charset=utf-8',
      'assets/inter-latin.woff2': 'font/woff2',
      'assets/logo.png': 'image/png',
      'assets/data.bin': 'application/octet-stream',
    });
    expect(served('app://sessiondesk/assets/index-Bx7e2c.js')).toMatchObject({
      status: 200,
      file: 'assets/index-Bx7e2c.js',
    });
  });

  it('answers 404 with the CSP and nosniff', () => {
    expect(APP_NOT_FOUND).toEqual({
      status: 404,
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });

  it('answers 404 to traversals, plain or encoded, and to absolute paths', () => {
    for (const url of [
      'app://sessiondesk/../main/main.js',
      'app://sessiondesk/assets/../../main/main.js',
      'app://sessiondesk/%2e%2e/main/main.js',
      'app://sessiondesk/%2E%2E/%2E%2E/package.json',
      'app://sessiondesk/assets/%2e%2e%2f%2e%2e%2fmain/main.js',
      'app://sessiondesk/..%2fmain%2fmain.js',
      'app://sessiondesk/..%5cmain%5cmain.js',
      'app://sessiondesk/assets/..%5c..%5cindex.html',
      'app://sessiondesk/%252e%252e/main/main.js',
      'app://sessiondesk//etc/passwd',
      'app://sessiondesk/%2fetc%2fpasswd',
      'app://sessiondesk/C:%5cWindows%5cwin.ini',
      'app://sessiondesk/index.html%00.png',
      'app://sessiondesk/%E0%A4%A',
    ]) {
      expect(served(url), url).toEqual(APP_NOT_FOUND);
    }
  });

  it('answers 404 to an encoded slash, even between a listed folder and file', () => {
    expect(served('app://sessiondesk/assets%2Findex-Bx7e2c.js')).toEqual(APP_NOT_FOUND);
    expect(served('app://sessiondesk/assets%5Cindex-Bx7e2c.js')).toEqual(APP_NOT_FOUND);
  });

  it('answers 404 for another host, a port, credentials or another scheme', () => {
    for (const url of [
      'app://evil.example/index.html',
      'app://sessiondesk.evil.example/index.html',
      'app:///index.html',
      'app://sessiondesk:443/index.html',
      'app://user@sessiondesk/index.html',
      'app://user:secret@sessiondesk/index.html',
      'file:///index.html',
      'https://sessiondesk/index.html',
      'not a url',
      '',
    ]) {
      expect(served(url), url).toEqual(APP_NOT_FOUND);
    }
  });

  it('answers 404 for folders, dotfiles and files the build did not list', () => {
    for (const url of [
      'app://sessiondesk',
      'app://sessiondesk/',
      'app://sessiondesk/assets',
      'app://sessiondesk/assets/',
      'app://sessiondesk/index.html/',
      'app://sessiondesk/.env',
      'app://sessiondesk/%2eenv',
      'app://sessiondesk/.vite/manifest.json',
      'app://sessiondesk/assets/.hidden.js',
      'app://sessiondesk/planted.js',
      'app://sessiondesk/INDEX.HTML',
    ]) {
      expect(served(url), url).toEqual(APP_NOT_FOUND);
    }
    // A dotfile is refused even if a listing held it.
    expect(planAppResponse('GET', 'app://sessiondesk/.env', new Set(['.env']))).toEqual(APP_NOT_FOUND);
  });

  it('answers 404 to methods other than GET and HEAD', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'get']) {
      expect(served('app://sessiondesk/index.html', method), method).toEqual(APP_NOT_FOUND);
    }
  });
});

describe('the listing of the built renderer', () => {
  const dirs: { remove: () => void }[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) dir.remove();
  });

  it('holds its regular files, at any depth, and no dotfile, dot-folder or link', () => {
    const outer = temporaryDir('renderer-listing');
    dirs.push(outer);
    const renderer = join(outer.path, 'renderer');
    mkdirSync(join(renderer, 'assets', 'fonts'), { recursive: true });
    mkdirSync(join(renderer, '.vite'));
    mkdirSync(join(renderer, 'empty'));
    for (const file of [
      'index.html',
      'icon.svg',
      'assets/index.js',
      'assets/fonts/inter.woff2',
      '.env',
      'assets/.hidden.js',
      '.vite/manifest.json',
    ]) {
      writeFileSync(join(renderer, file), file);
    }
    writeFileSync(join(outer.path, 'outside.txt'), 'outside');
    symlinkSync(join(outer.path, 'outside.txt'), join(renderer, 'assets', 'link.txt'));
    symlinkSync(outer.path, join(renderer, 'linked'));

    const files = listRendererFiles(renderer);
    expect([...files].sort()).toEqual([
      'assets/fonts/inter.woff2',
      'assets/index.js',
      'icon.svg',
      'index.html',
    ]);
    // Taken once: a file written later is not in it.
    writeFileSync(join(renderer, 'planted.js'), 'planted');
    expect(files.has('planted.js')).toBe(false);
  });
});
