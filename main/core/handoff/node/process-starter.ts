/**
 * The desktop hosts' ProcessStarter: finds the program (an absolute path that exists and may be
 * executed, or a name on PATH), starts it with its argument list and no shell, and watches it so the
 * core can tell the service `disconnect` when it exits. Every failure is a result with a stable code
 * and a sentence naming the client and the setting to change, never a throw.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import type { ProcessStarter } from '../../platform/processes';
import type { LaunchPlan } from '../launch-plan';
import { fail, type LaunchError, type LaunchResult, type ProcessExit } from '../launcher';
import { handoffPlatform, type Platform } from '../profiles';

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface NodeProcessStarterOptions {
  readonly platform: NodeJS.Platform;
  /** PATH (and PATHEXT on Windows) to search; also the environment the launched client gets. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly spawn?: SpawnFunction;
}

type ProcessPlan = Extract<LaunchPlan, { kind: 'process' }>;

const SETTINGS_PLACE = 'Settings → Remote-control client';

type Inspection = 'ok' | 'missing' | 'directory' | 'not-executable' | 'batch';
type Resolution =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly error: LaunchError };

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class NodeProcessStarter implements ProcessStarter {
  private readonly platform: Platform;
  private readonly spawn: SpawnFunction;

  constructor(private readonly options: NodeProcessStarterOptions) {
    this.platform = handoffPlatform(options.platform);
    this.spawn = options.spawn ?? nodeSpawn;
  }

  async start(plan: ProcessPlan, client: string): Promise<LaunchResult> {
    const resolved = await this.resolve(plan, client);
    return resolved.ok ? this.run(resolved.path, plan.args, client) : resolved;
  }

  /** The file to start: the first candidate that exists and may be executed. */
  private async resolve(plan: ProcessPlan, client: string): Promise<Resolution> {
    const lookedAt: string[] = [];
    const lookedFor: string[] = [];
    let problem: Resolution | null = null;
    for (const candidate of [plan.command, ...plan.fallbacks]) {
      const files = this.candidateFiles(candidate);
      if (files === null) {
        return fail(
          'client_not_found',
          `${client}: ${candidate} is not a full path. Set the program's full path (or a program name found on PATH) in ${SETTINGS_PLACE}.`,
        );
      }
      (this.isName(candidate) ? lookedFor : lookedAt).push(candidate);
      for (const file of files) {
        const found = await this.inspect(file);
        if (found === 'ok') return { ok: true, path: file };
        if (found !== 'missing') problem ??= this.unusable(found, file, client, plan.source);
      }
    }
    return problem ?? fail('client_not_found', this.notFound(client, plan.source, lookedAt, lookedFor));
  }

  private async run(path: string, args: readonly string[], client: string): Promise<LaunchResult> {
    let child: ChildProcess;
    try {
      child = this.spawn(path, args, {
        shell: false,
        stdio: 'ignore',
        // The remote session belongs to the agent, not to Sessiondesk: it must outlive quitting or
        // restarting it (on Windows libuv otherwise kills the child with its job object; on Unix a
        // terminal's Ctrl+C would reach the whole process group).
        detached: true,
        windowsHide: false,
        env: { ...this.options.env },
      });
    } catch (error) {
      // Synchronous refusals: a .bat/.cmd without a shell (EINVAL), an argument Node will not pass.
      return fail('launch_failed', `${client} could not be started from ${path}: ${reason(error)}.`);
    }
    // Listening before the spawn settles: a client that hands off and quits may exit at once.
    const exited = new Promise<ProcessExit>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    const failure = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      child.once('spawn', () => resolve(null));
      // Stays attached: an 'error' without a listener would throw. After the spawn none is expected
      // (they come from kill() or send(), which nothing here calls).
      child.on('error', (error: NodeJS.ErrnoException) => resolve(error));
    });
    if (failure !== null) return this.spawnFailure(failure, path, client);
    const pid = child.pid;
    if (pid === undefined) return fail('launch_failed', `${client} could not be started from ${path}.`);
    // Not a reason to keep Node running; the exit is still reported while the app is.
    child.unref();
    return { ok: true, handle: { kind: 'process', pid, command: path, args, exited } };
  }

  private spawnFailure(error: NodeJS.ErrnoException, path: string, client: string): LaunchResult {
    switch (error.code) {
      case 'ENOENT':
        return fail(
          'client_not_found',
          `${client} could not be started from ${path}: it, or a program it needs (such as the interpreter on its first line), was not found. Install ${client} or correct its path in ${SETTINGS_PLACE}.`,
        );
      case 'EACCES':
      case 'EPERM':
        return fail('launch_failed', `${client} could not be started from ${path}: permission denied.`);
      default:
        return fail('launch_failed', `${client} could not be started from ${path}: ${error.message}.`);
    }
  }

  private get paths(): typeof posix {
    return this.platform === 'win32' ? win32 : posix;
  }

  private isName(candidate: string): boolean {
    return this.platform === 'win32' ? !/[\\/:]/.test(candidate) : !candidate.includes('/');
  }

  private isAbsolute(candidate: string): boolean {
    // On Windows only a drive path or a UNC path; "\\x" alone depends on the current drive.
    return this.platform === 'win32' ? /^(?:[A-Za-z]:[\\/]|\\\\)/.test(candidate) : candidate.startsWith('/');
  }

  /** The files a candidate may be: itself (with PATHEXT on Windows), or, for a name, one per PATH entry. */
  private candidateFiles(candidate: string): string[] | null {
    if (this.isName(candidate)) {
      return this.pathEntries().flatMap((dir) => this.withExtensions(this.paths.join(dir, candidate)));
    }
    return this.isAbsolute(candidate) ? this.withExtensions(candidate) : null;
  }

  private withExtensions(file: string): string[] {
    if (this.platform !== 'win32') return [file];
    const extensions = this.pathExtensions();
    const own = this.paths.extname(file).toLowerCase();
    return extensions.includes(own) ? [file] : [file, ...extensions.map((ext) => file + ext)];
  }

  private env(name: string): string | undefined {
    if (this.platform !== 'win32') return this.options.env[name];
    // Windows environment names are case-insensitive ("Path").
    const key = Object.keys(this.options.env).find((k) => k.toUpperCase() === name);
    return key === undefined ? undefined : this.options.env[key];
  }

  /** Absolute PATH entries only: an empty or relative entry would run programs from the current folder. */
  private pathEntries(): string[] {
    const delimiter = this.platform === 'win32' ? ';' : ':';
    return (this.env('PATH') ?? '')
      .split(delimiter)
      .map((entry) => (this.platform === 'win32' ? entry.replace(/^"(.*)"$/, '$1') : entry))
      .filter((entry) => entry !== '' && this.isAbsolute(entry));
  }

  /** PATHEXT without .bat and .cmd: Node does not start batch files without a shell. */
  private pathExtensions(): string[] {
    return (this.env('PATHEXT') ?? '.COM;.EXE;.BAT;.CMD')
      .split(';')
      .map((ext) => ext.trim().toLowerCase())
      .filter((ext) => ext.startsWith('.') && ext !== '.bat' && ext !== '.cmd');
  }

  private async inspect(file: string): Promise<Inspection> {
    try {
      const info = await stat(file);
      if (info.isDirectory()) return 'directory';
      if (!info.isFile()) return 'not-executable';
      if (this.platform === 'win32') return /\.(?:bat|cmd)$/i.test(file) ? 'batch' : 'ok';
      await access(file, constants.X_OK);
      return 'ok';
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'not-executable' : 'missing';
    }
  }

  private unusable(
    found: Exclude<Inspection, 'ok' | 'missing'>,
    file: string,
    client: string,
    source: ProcessPlan['source'],
  ): Resolution {
    const setting = source === 'custom-command' ? 'the custom command' : 'its path';
    switch (found) {
      case 'directory':
        return fail(
          'client_not_found',
          `${client}: ${file} is a folder, not a program. Set the program file itself as ${setting} in ${SETTINGS_PLACE}.`,
        );
      case 'not-executable':
        return fail(
          'launch_failed',
          `${client}: ${file} is not executable. Allow it to run (chmod +x) or correct ${setting} in ${SETTINGS_PLACE}.`,
        );
      case 'batch':
        return fail(
          'launch_failed',
          `${client}: ${file} is a batch file, and Sessiondesk starts programs without a shell. Set the program (.exe) itself as ${setting} in ${SETTINGS_PLACE}.`,
        );
    }
  }

  private notFound(
    client: string,
    source: ProcessPlan['source'],
    lookedAt: readonly string[],
    lookedFor: readonly string[],
  ): string {
    const where = [
      ...(lookedAt.length > 0 ? [`at ${lookedAt.join(', ')}`] : []),
      ...(lookedFor.length > 0 ? [`as ${lookedFor.join(' or ')} on PATH`] : []),
    ].join(' or ');
    switch (source) {
      case 'default':
        return `${client} was not found ${where}. Install ${client} or set its path in ${SETTINGS_PLACE}.`;
      case 'path-setting':
        return `${client} was not found ${where}. Install ${client} or correct its path in ${SETTINGS_PLACE}.`;
      case 'custom-command':
        return `${client}: its program was not found ${where}. Install it or correct the custom command in ${SETTINGS_PLACE}.`;
    }
  }
}
