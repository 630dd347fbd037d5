/**
 * The afterPack hook's work: flip the Electron fuses of the packaged binary with @electron/fuses, so
 * the shipped app cannot be turned into a plain Node (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect),
 * loads its code only from app.asar and checks that archive's integrity, encrypts its cookies, and
 * gives file:// pages no privileges beyond a browser's (the window loads app://, main/electron/
 * app-scheme.ts). Every fuse is set (strictlyRequireAllFuses): an Electron with a fuse this list does
 * not know fails the build until someone decides it.
 * afterPack runs before electron-builder signs, which matters: flipping a fuse rewrites the binary.
 */
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

/** The part of electron-builder's AfterPackContext this reads. */
export interface PackedApp {
  readonly appOutDir: string;
  /** darwin, mas, win32 or linux. */
  readonly electronPlatformName: string;
  /** builder-util's Arch: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal. */
  readonly arch: number;
  readonly packager: {
    readonly appInfo: { readonly productFilename: string };
    /** Only the Linux packager has it: the executable is named after it there. */
    readonly executableName?: string;
  };
}

export type FlipFuses = (electronBinary: string, config: FuseConfig) => Promise<unknown>;

export interface FuseDeps {
  readonly flipFuses: FlipFuses;
  readonly log: (line: string) => void;
}

const ARM64 = 3;
const UNIVERSAL = 4;

/** The file @electron/fuses patches: the .app bundle on macOS, the .exe on Windows, the executable on Linux. */
export function electronBinaryPath(context: PackedApp): string {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
    default:
      throw new Error(`No Electron fuses for the platform ${electronPlatformName}.`);
  }
}

export function fuseConfig(context: PackedApp): FuseConfig {
  const mac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  return {
    version: FuseVersion.V1,
    // Patching invalidates the ad-hoc signature Apple silicon requires to run at all; without a signing
    // identity nothing signs the app again, so re-sign it ad hoc (a real identity re-signs it anyway).
    resetAdHocDarwinSignature: mac && (context.arch === ARM64 || context.arch === UNIVERSAL),
    strictlyRequireAllFuses: true,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // Electron's default: the app ships no browser-process V8 snapshot of its own.
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    // Nothing is loaded from file:// any more, so file:// pages get only what a browser gives them.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    // Electron's default: V8 traps WebAssembly's out-of-bounds accesses with signal handlers.
    [FuseV1Options.WasmTrapHandlers]: true,
  };
}

export async function flipAppFuses(context: PackedApp, deps: FuseDeps): Promise<void> {
  const binary = electronBinaryPath(context);
  await deps.flipFuses(binary, fuseConfig(context));
  deps.log(`Electron fuses flipped in ${binary}.`);
}
