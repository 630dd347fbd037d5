/**
 * `npm run dist` and `npm run dist:{mac,win,linux,dir}`: the installers, or (dir) the unpacked app.
 * Checks first that this machine can build the target (scripts/release/dist-preconditions.ts) and says
 * in one sentence what is missing if not; then builds with electron-vite and packages with
 * electron-builder: electron-builder.yml plus what the environment adds (scripts/release/builder-config.ts).
 * Nothing is uploaded: the installers and the update feed's files are written to dist/.
 *
 *   npm run dist                 this machine's installers (mac, win or linux)
 *   npm run dist:dir             the unpacked app for this machine, from the local Electron binary
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, Platform } from 'electron-builder';
import { findElectronBinary } from './electron-binary';
import { environmentConfig } from './release/builder-config';
import { checkPreconditions, DIST_TARGETS, hostTarget, type DistTarget } from './release/dist-preconditions';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string): never {
  console.error(`npm run dist: ${message}`);
  process.exit(1);
}

function onPath(command: string): boolean {
  const probe = process.platform === 'win32' ? 'where' : 'which';
  return spawnSync(probe, [command], { stdio: 'ignore' }).status === 0;
}

/** The folder electron-builder's `electronDist` wants: the one holding Electron.app or the executable. */
function electronDistDir(binary: string): string {
  const app = binary.lastIndexOf('.app/');
  return app === -1 ? dirname(binary) : dirname(binary.slice(0, app + '.app'.length));
}

const PLATFORMS: Record<Exclude<DistTarget, 'dir'>, Platform> = {
  mac: Platform.MAC,
  win: Platform.WINDOWS,
  linux: Platform.LINUX,
};

const argument = process.argv[2];
if (argument !== undefined && !(DIST_TARGETS as readonly string[]).includes(argument)) {
  fail(`unknown target ${JSON.stringify(argument)}: one of ${DIST_TARGETS.join(', ')}.`);
}
const target = (argument as DistTarget | undefined) ?? hostTarget(process.platform);
if (target === null) fail(`there are no installers for ${process.platform}.`);

const electronBinary = findElectronBinary();
const checked = checkPreconditions(target, {
  platform: process.platform,
  electronBinary,
  hasWine: process.platform !== 'win32' && onPath('wine'),
  env: process.env,
});
if (!checked.ok) fail(checked.reason);

const fromEnvironment = environmentConfig(process.env);
if (!fromEnvironment.ok) fail(fromEnvironment.reason);
for (const note of fromEnvironment.notes) console.log(`• ${note}`);

console.log('• electron-vite build');
const bin = join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
);
const vite = spawnSync(bin, ['build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (vite.status !== 0) fail('electron-vite build failed (its output is above).');

const hostPlatform = PLATFORMS[hostTarget(process.platform) as Exclude<DistTarget, 'dir'>];
const config = {
  ...fromEnvironment.config,
  // The unpacked app uses the Electron binary already installed instead of downloading one.
  ...(target === 'dir' && electronBinary.path !== null
    ? { electronDist: electronDistDir(electronBinary.path) }
    : {}),
};
try {
  const artifacts = await build({
    projectDir: root,
    targets: target === 'dir' ? hostPlatform.createTarget('dir') : PLATFORMS[target].createTarget(),
    config,
    publish: 'never',
  });
  console.log(`• written to dist/:${artifacts.map((file) => `\n  ${file}`).join('')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  fail(
    target === 'dir'
      ? 'electron-builder failed (its output is above).'
      : 'electron-builder failed (its output is above). It downloads Electron for the target and its tools (NSIS, WiX, appimagetool, fpm) from GitHub unless they are cached: where GitHub cannot be reached, set ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR to a mirror.',
  );
}
