/**
 * CorePlatform.openUri for the browser shell: the platform's opener, started with an argument array (no
 * shell, no cmd.exe parsing), after the URI policy every shell applies.
 */
import { spawn } from 'node:child_process';
import { checkOpenableUri } from '../core/platform/uri-policy';

export interface OpenerCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** Whether the opener's exit code says anything (explorer.exe answers 1 even when it worked). */
  readonly exitCodeMeaningful: boolean;
}

export function openerCommand(uri: string, platform: NodeJS.Platform): OpenerCommand {
  switch (platform) {
    case 'darwin':
      return { command: 'open', args: [uri], exitCodeMeaningful: true };
    case 'win32':
      // explorer.exe hands a URI to its registered handler; `cmd /c start` would parse & | ^ in it.
      return { command: 'explorer.exe', args: [uri], exitCodeMeaningful: false };
    default:
      return { command: 'xdg-open', args: [uri], exitCodeMeaningful: true };
  }
}

/** How long an opener may run before it counts as having handed the URI on. */
const OPENER_GRACE_MS = 5_000;

export function openUri(uri: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const checked = checkOpenableUri(uri);
  if (!checked.ok) return Promise.reject(new Error(checked.reason));
  const opener = openerCommand(checked.uri, platform);
  return new Promise<void>((resolve, reject) => {
    const child = spawn(opener.command, [...opener.args], {
      stdio: 'ignore',
      shell: false,
      windowsHide: true,
      detached: platform !== 'win32',
    });
    // Some openers stay until the application they started exits: that is success too.
    const grace = setTimeout(() => {
      child.unref();
      resolve();
    }, OPENER_GRACE_MS);
    child.once('error', (error) => {
      clearTimeout(grace);
      reject(new Error(`${opener.command} could not be started: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(grace);
      if (!opener.exitCodeMeaningful || code === 0) resolve();
      else
        reject(
          new Error(
            `${opener.command} could not open the ${checked.scheme}: URI (${signal ?? `exit code ${code}`}); is an application registered for it?`,
          ),
        );
    });
  });
}
