/**
 * Packaging for real. electron-builder packs the built app (out/) with electron-builder.yml and its
 * hooks into an unpacked app, first around a stand-in Electron distribution (one file carrying
 * Electron's fuse wire, so the afterPack hook has something to flip), which needs no download; then,
 * where the Electron binary is installed, `npm run dist:dir` around the real one. Either way the
 * archive holds only the built app and the node_modules it needs, those load from it (better-sqlite3's
 * native binary included, from the unpacked folder), and the fuses are flipped; and of Electron's
 * locales, only those of the client's languages are kept.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractAll, listPackage } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build, Platform } from 'electron-builder';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleExternals } from '../../scripts/release/runtime-modules';
import { findElectronBinary } from '../support/electron-binary';

const ROOT = join(import.meta.dirname, '..', '..');
const BUILT = existsSync(join(ROOT, 'out', 'main', 'main.js'));
const ON_LINUX = process.platform === 'linux';

/** Chromium's locales as Electron ships them on Linux and Windows (`locales/<name>.pak`). */
const ELECTRON_LOCALES = [
  ...['af', 'am', 'ar', 'bg', 'bn', 'ca', 'cs', 'da', 'de', 'el', 'en-GB', 'en-US', 'es-419', 'es'],
  ...['et', 'fa', 'fi', 'fil', 'fr', 'gu', 'he', 'hi', 'hr', 'hu', 'id', 'it', 'ja', 'kn', 'ko', 'lt'],
  ...['lv', 'ml', 'mr', 'ms', 'nb', 'nl', 'pl', 'pt-BR', 'pt-PT', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv'],
  ...['sw', 'ta', 'te', 'th', 'tr', 'uk', 'ur', 'vi', 'zh-CN', 'zh-TW'],
];

/** The files a packaged app's resources hold besides node_modules: the built app and its manifest. */
const APP_FILES = /^\/(out(\/.*)?|package\.json)$/;

async function expectFusesFlipped(executable: string): Promise<void> {
  const wire = await getCurrentFuseWire(executable);
  expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
  expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
  expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
  expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
  expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
  expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
}

/** Imports each package named on its command line; prints what failed, and whether SQLite opens. */
const PROBE = `
const imported = {};
for (const name of process.argv.slice(2)) {
  imported[name] = await import(name).then(() => 'ok', (error) => String(error.message).split('\\n')[0]);
}
const { default: Database } = await import('better-sqlite3');
const db = new Database(':memory:');
const sqlite = db.prepare("select 'ok' as status").get().status;
db.close();
console.log(JSON.stringify({ imported, sqlite }));
`;

/** The archive holds the built app and the run-time packages, which load from it as the app loads them. */
function expectPackedApp(resources: string, nodePlatform: string): void {
  const archive = join(resources, 'app.asar');
  const entries = listPackage(archive, { isPack: false }).map((entry) => entry.replace(/\\/g, '/'));
  expect(entries.filter((entry) => !entry.startsWith('/node_modules'))).toSatisfy((files: string[]) =>
    files.every((file) => APP_FILES.test(file)),
  );
  expect(entries).toContain('/out/main/main.js');
  expect(entries).toContain('/out/main/cache-worker.js');
  expect(entries.some((entry) => entry.startsWith('/node_modules/fastify'))).toBe(false);

  const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds');
  expect(readdirSync(unpacked)).toEqual([`${nodePlatform}-${process.arch}.node`]);

  // What the app's main process imports, imported from beside out/main/main.js in a copy of the
  // archive and its unpacked folder (Electron reads them as one folder), in a Node process: ES module
  // resolution as the bundle's, and better-sqlite3's Node-API binary opening a database.
  const copy = mkdtempSync(join(tmpdir(), 'sd-packed-'));
  try {
    extractAll(archive, copy);
    cpSync(join(resources, 'app.asar.unpacked'), copy, { recursive: true });
    const probe = join(copy, 'out', 'main', 'probe.mjs');
    writeFileSync(probe, PROBE);
    const names = [...bundleExternals(ROOT)].sort();
    const run = spawnSync(process.execPath, [probe, ...names], { cwd: copy, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      imported: Object.fromEntries(names.map((name) => [name, 'ok'])),
      sqlite: 'ok',
    });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

if (!BUILT)
  console.log('[packaging tests] skipped: out/ is not built (npm run build; npm test builds first)');
else if (!ON_LINUX)
  console.log('[packaging tests] stand-in pack skipped: it packs the Linux app, built on Linux');

describe.skipIf(!BUILT || !ON_LINUX)('electron-builder --dir around a stand-in Electron', () => {
  const work = mkdtempSync(join(tmpdir(), 'sd-pack-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(
    'packs only the built app and its run-time modules, and flips the fuses',
    { timeout: 180_000 },
    async () => {
      const electronDist = join(work, 'electron');
      mkdirSync(electronDist);
      const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
      const wire = Buffer.from([1, 9, ...Array<number>(9).fill(FuseState.ENABLE)]);
      writeFileSync(
        join(electronDist, 'electron'),
        Buffer.concat([Buffer.alloc(4096), sentinel, wire, Buffer.alloc(4096)]),
        {
          mode: 0o755,
        },
      );
      writeFileSync(join(electronDist, 'LICENSE'), 'stand-in\n');
      mkdirSync(join(electronDist, 'locales'));
      for (const locale of ELECTRON_LOCALES)
        writeFileSync(join(electronDist, 'locales', `${locale}.pak`), '');

      await build({
        projectDir: ROOT,
        targets: Platform.LINUX.createTarget('dir'),
        config: { electronDist, directories: { output: join(work, 'dist') } },
        publish: 'never',
      });

      const appOut = join(work, 'dist', 'linux-unpacked');
      await expectFusesFlipped(join(appOut, 'sessiondesk'));
      expectPackedApp(join(appOut, 'resources'), 'linux');
      // No feed was given: no app-update.yml, so the installed app will not look for updates.
      expect(existsSync(join(appOut, 'resources', 'app-update.yml'))).toBe(false);
      // Chromium's own words (a text field's menu) only in the client's languages, each region of them.
      expect(readdirSync(join(appOut, 'locales')).sort()).toEqual(
        ['de', 'en-GB', 'en-US', 'es', 'es-419', 'fr', 'pt-BR', 'zh-CN', 'zh-TW']
          .map((l) => `${l}.pak`)
          .sort(),
      );
    },
  );
});

const binary = findElectronBinary();
if (binary.path === null) console.log(`[packaging tests] npm run dist:dir skipped: ${binary.reason}`);

const UNPACKED: Partial<Record<NodeJS.Platform, { dir: string; executable: string; resources: string }>> = {
  linux: { dir: 'linux-unpacked', executable: 'sessiondesk', resources: 'resources' },
  win32: { dir: 'win-unpacked', executable: 'Sessiondesk.exe', resources: 'resources' },
  darwin: {
    dir: process.arch === 'arm64' ? 'mac-arm64' : 'mac',
    executable: 'Sessiondesk.app',
    resources: join('Sessiondesk.app', 'Contents', 'Resources'),
  },
};

describe.skipIf(binary.path === null)('npm run dist:dir with the installed Electron', () => {
  it('builds the unpacked app for this machine', { timeout: 600_000 }, async () => {
    const layout = UNPACKED[process.platform]!;
    const tsx = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
    const run = spawnSync(tsx, ['scripts/dist.ts', 'dir'], {
      cwd: ROOT,
      encoding: 'utf8',
      shell: process.platform === 'win32',
      env: { ...process.env, SESSIONDESK_RELEASE: '' },
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const appOut = join(ROOT, 'dist', layout.dir);
    await expectFusesFlipped(join(appOut, layout.executable));
    expectPackedApp(join(appOut, layout.resources), process.platform);
  });
});
