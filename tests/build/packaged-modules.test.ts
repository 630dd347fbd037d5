/**
 * The packaged app ships only the node_modules its main process needs: electron-builder.yml's list is
 * exactly the packages the bundle imports at run time and their dependencies (from package-lock.json),
 * and electron-builder's own file matcher, given the yml's patterns, keeps those files and drops the
 * rest (the service's and the renderer's packages, better-sqlite3's sources, other platforms' binaries).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  bundleExternals,
  dependencyClosure,
  packageFolders,
  packageName,
  valueImports,
} from '../../scripts/release/runtime-modules';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const lockfile = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

/** Build-time only: better-sqlite3's C++ headers; its Node-API prebuilds need nothing at run time. */
const BUILD_ONLY = new Set(['node-addon-api']);

const WHITELIST = /^!\*\*\/node_modules\/!\(([^)]+)\)\/\*\*$/;

function shippedFolders(): string[] {
  const pattern = (config['files'] as string[]).find((file) => WHITELIST.test(file));
  if (!pattern) throw new Error('electron-builder.yml has no node_modules list.');
  return WHITELIST.exec(pattern)![1]!.split('|');
}

describe('the node_modules the packaged app ships', () => {
  it('are the bundle’s run-time imports and everything they depend on, no more', () => {
    const externals = bundleExternals(ROOT);
    // The walk reaches the cache's native module and the updater, so it follows the real import graph.
    expect(externals).toContain('better-sqlite3');
    expect(externals).toContain('electron-updater');
    const folders = [...packageFolders(dependencyClosure(lockfile, externals, BUILD_ONLY))].sort();
    // Keep electron-builder.yml's `files` list sorted and equal to this.
    expect(shippedFolders()).toEqual(folders);
  });

  it('are the same for every platform, whose own `files` replaces the shared list', () => {
    for (const platform of ['mac', 'win', 'linux']) {
      const own = config[platform].files as string[];
      expect(own.slice(0, -1), platform).toEqual(config['files']);
      expect(own.at(-1), platform).toMatch(/^!\*\*\/node_modules\/better-sqlite3\/prebuilds\/!\(/);
    }
  });

  it('are the packages the built bundle imports, where it has been built', () => {
    const bundle = join(ROOT, 'out', 'main', 'main.js');
    if (!existsSync(bundle)) {
      console.log('[packaging tests] bundle check skipped: out/main/main.js is not built (npm run build)');
      return;
    }
    const imported = new Set(
      valueImports(readFileSync(bundle, 'utf8'), 'main.js')
        .filter((specifier) => !specifier.startsWith('node:') && !specifier.startsWith('.'))
        .map(packageName)
        .filter((name) => name !== 'electron'),
    );
    const externals = bundleExternals(ROOT);
    // A bundle built before a new import may lack it; it never imports what the sources do not.
    for (const name of imported) expect(externals.has(name), name).toBe(true);
  });

  it('reads imports as a bundler does: type-only imports import nothing', () => {
    expect(
      valueImports(`
        import type { A } from 'types-only';
        import { type B, type C } from 'named-types-only';
        import { type D, e } from 'mixed';
        import f from 'default';
        import 'side-effect';
        export { g } from 'reexport';
        export type { H } from 'type-reexport';
        const lazy = () => import('lazy');
      `).sort(),
    ).toEqual(['default', 'lazy', 'mixed', 'reexport', 'side-effect']);
    expect(packageName('@xmldom/xmldom/lib/dom')).toBe('@xmldom/xmldom');
    expect(packageName('fs-extra/lib')).toBe('fs-extra');
  });

  it('resolve nested installs as Node does, and skip optional packages not installed', () => {
    const lock = {
      packages: {
        'node_modules/a': { dependencies: { b: '1', c: '1' }, optionalDependencies: { gone: '1' } },
        'node_modules/a/node_modules/b': { dependencies: { c: '1' } },
        'node_modules/b': {},
        'node_modules/c': { dependencies: { '@s/d': '1' } },
        'node_modules/@s/d': {},
      },
    };
    expect([...dependencyClosure(lock, ['a'])].sort()).toEqual([
      'node_modules/@s/d',
      'node_modules/a',
      'node_modules/a/node_modules/b',
      'node_modules/c',
    ]);
    expect([...packageFolders(dependencyClosure(lock, ['a']))].sort()).toEqual(['@s', 'a', 'b', 'c']);
    expect(() =>
      dependencyClosure({ packages: { 'node_modules/x': { dependencies: { y: '1' } } } }, ['x']),
    ).toThrow(/needs y/);
  });
});

/** electron-builder's matcher for node_modules files: `**\/*`, then the `!` patterns of `files`. */
const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (pattern: string) => string,
    patterns: string[],
  ) => { createFilter(): (file: string, stat: object) => boolean };
};

function shipped(platform: 'mac' | 'win' | 'linux', arch: string) {
  const patterns = [
    '**/*',
    ...[...config['files'], ...config[platform].files].filter((p: string) => p.startsWith('!')),
  ];
  const expand = (pattern: string) => pattern.replace(/\$\{arch\}/g, arch);
  const filter = new FileMatcher('/app', '/out', expand, patterns).createFilter();
  // The copier hands each node_modules file over with its place in the packaged app.
  return (path: string) => filter(`/app/${path}`, { isDirectory: () => false, moduleFullFilePath: path });
}

describe('electron-builder’s matcher, with electron-builder.yml’s patterns', () => {
  it('keeps the run-time packages wherever electron-builder hoists them, and drops the others', () => {
    const keeps = shipped('linux', 'x64');
    for (const path of [
      'node_modules/zod/index.js',
      'node_modules/@xmldom/xmldom/lib/dom.js',
      'node_modules/electron-updater/out/main.js',
      'node_modules/electron-updater/node_modules/semver/index.js',
      'node_modules/semver/index.js',
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/better-sqlite3/package.json',
    ]) {
      expect(keeps(path), path).toBe(true);
    }
    for (const path of [
      'node_modules/fastify/fastify.js',
      'node_modules/@fastify/static/index.js',
      'node_modules/react-dom/index.js',
      'node_modules/esbuild/lib/main.js',
      'node_modules/node-addon-api/napi.h',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/better-sqlite3/src/better_sqlite3.cpp',
      'node_modules/electron-updater/node_modules/left-pad/index.js',
    ]) {
      expect(keeps(path), path).toBe(false);
    }
  });

  it('ships only the target’s better-sqlite3 binary', () => {
    const binary = (name: string) => `node_modules/better-sqlite3/prebuilds/${name}.node`;
    expect(shipped('mac', 'arm64')(binary('darwin-arm64'))).toBe(true);
    expect(shipped('mac', 'arm64')(binary('darwin-x64'))).toBe(false);
    expect(shipped('mac', 'x64')(binary('darwin-x64'))).toBe(true);
    expect(shipped('win', 'x64')(binary('win32-x64'))).toBe(true);
    expect(shipped('win', 'x64')(binary('linux-x64'))).toBe(false);
    expect(shipped('linux', 'x64')(binary('linux-x64'))).toBe(true);
    expect(shipped('linux', 'x64')(binary('linuxmusl-x64'))).toBe(false);
    // Each target's binary is in the installed package.
    for (const name of ['darwin-arm64', 'darwin-x64', 'win32-x64', 'linux-x64']) {
      expect(existsSync(join(ROOT, binary(name))), name).toBe(true);
    }
  });
});
