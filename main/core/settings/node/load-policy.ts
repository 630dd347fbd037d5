/**
 * The organisation's policy for this installation, from wherever the platform keeps it: the registry
 * on Windows, managed preferences on macOS, a JSON file elsewhere, or the JSON file SESSIONDESK_POLICY_FILE
 * names on any platform. Reading policy never fails the app: a missing source is "no policy", and a
 * broken one is "no policy" plus warnings for the log, each naming the source and what was wrong.
 */
import type { ExecFile } from './exec';
import { messageOf } from '../errors';
import { NO_POLICY, type LoadedPolicy } from '../policy-source';

export { NO_POLICY, type LoadedPolicy };
import { readJsonPolicy, LINUX_POLICY_FILE } from './policy-json';
import { normalizePolicy, type RawPolicySource } from '../policy-normalize';
import { readWindowsPolicy, WINDOWS_POLICY_KEY } from './policy-windows';

export const POLICY_FILE_ENV = 'SESSIONDESK_POLICY_FILE';

export interface LoadPolicyOptions {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The bundle id, naming the macOS managed preferences file (com.sessiondesk.agent). */
  readonly appId: string;
  /** Runs reg.exe and plutil; tests stand in for them. */
  readonly exec?: ExecFile;
  /** Where the Windows reader puts its temporary export. */
  readonly tmpDir?: string;
  /** The sources themselves, for tests: the registry key, the managed preferences folder, the Linux file. */
  readonly windowsKey?: string;
  readonly macosDir?: string;
  readonly linuxFile?: string;
  /**
   * Whether SESSIONDESK_POLICY_FILE may replace the platform source (default true). Anyone who can set
   * the app's environment can then choose its policy; a shell that must enforce policy against its own
   * user passes false.
   */
  readonly allowPolicyFileOverride?: boolean;
}

export async function loadPolicy(options: LoadPolicyOptions): Promise<LoadedPolicy> {
  let read: RawPolicySource;
  try {
    read = await readSource(options);
  } catch (error) {
    return { ...NO_POLICY, warnings: [`The policy could not be read: ${messageOf(error)}`] };
  }
  if (read.raw === null) return { values: {}, source: null, warnings: read.warnings };
  const normalized = normalizePolicy(read.raw, read.source);
  return {
    values: normalized.values,
    source: read.source,
    warnings: [...read.warnings, ...normalized.warnings],
  };
}

async function readSource(options: LoadPolicyOptions): Promise<RawPolicySource> {
  const override = options.env[POLICY_FILE_ENV]?.trim();
  if (override && options.allowPolicyFileOverride !== false) {
    const read = await readJsonPolicy(override, { missingIsWarning: true });
    return { ...read, warnings: read.warnings.map((warning) => `${POLICY_FILE_ENV}: ${warning}`) };
  }
  switch (options.platform) {
    case 'win32':
      return readWindowsPolicy({
        key: options.windowsKey ?? WINDOWS_POLICY_KEY,
        exec: options.exec,
        tmpDir: options.tmpDir,
        systemRoot: options.env.SystemRoot ?? options.env.windir,
      });
    case 'darwin': {
      // Its plist parser loads only here, on macOS: elsewhere it would only slow the app's start.
      const { readMacosPolicy } = await import('./policy-macos');
      return readMacosPolicy({ appId: options.appId, dir: options.macosDir, exec: options.exec });
    }
    default:
      return readJsonPolicy(options.linuxFile ?? LINUX_POLICY_FILE);
  }
}
