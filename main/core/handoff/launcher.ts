/**
 * Carries out a launch plan on whatever host the core runs in: hands a URI to the host (after checking
 * its scheme once more), offers a file the client opens (the web console's `.rdp`), or has the host's
 * ProcessStarter find and start a program (desktop hosts only: `node/process-starter.ts`). Every failure
 * is a result with a stable code and a sentence naming the client and the setting to change, never a throw.
 */
import type { FileSaver } from '../platform/files';
import type { ProcessStarter } from '../platform/processes';
import type { LaunchPlan } from './launch-plan';
import { ALL_URI_SCHEMES } from './profiles';
import { schemeOf } from './template';

export interface LauncherOptions {
  /** Opens a URI with the host's handler for its scheme (Electron: shell.openExternal). */
  openUri(uri: string): Promise<void>;
  /** Starts programs; null where the host cannot (the web console). */
  readonly processes: ProcessStarter | null;
  /** Where a file hand-off (an `.rdp` file) is offered. */
  readonly files: FileSaver;
}

export interface ProcessExit {
  readonly code: number | null;
  /** The signal's name (`SIGTERM`) when one ended it. */
  readonly signal: string | null;
}

export type LaunchHandle =
  | {
      readonly kind: 'process';
      readonly pid: number;
      /** The program actually started, after the PATH search. */
      readonly command: string;
      readonly args: readonly string[];
      /** Settles when the client exits; it never rejects. */
      readonly exited: Promise<ProcessExit>;
    }
  /** A URI hand-off cannot be watched: there is no exit to wait for. */
  | { readonly kind: 'uri'; readonly uri: string }
  /** A file the agent opens with the client (saved, or offered as a download): nothing to watch either. */
  | { readonly kind: 'file'; readonly savedAs: string };

export type LaunchErrorCode =
  'client_not_found' | 'launch_failed' | 'scheme_not_allowed' | 'needs_desktop_app';

export interface LaunchError {
  readonly code: LaunchErrorCode;
  readonly message: string;
}

export type LaunchResult =
  { readonly ok: true; readonly handle: LaunchHandle } | { readonly ok: false; readonly error: LaunchError };

const SETTINGS_PLACE = 'Settings → Remote-control client';

export const fail = (code: LaunchErrorCode, message: string): { ok: false; error: LaunchError } => ({
  ok: false,
  error: { code, message },
});

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Launcher {
  constructor(private readonly options: LauncherOptions) {}

  async launch(plan: LaunchPlan, client: string): Promise<LaunchResult> {
    switch (plan.kind) {
      case 'uri':
        return this.openUri(plan.uri, client);
      case 'file':
        return this.offerFile(plan, client);
      case 'process':
        // The planner refuses a command line where no program can start; this keeps any plan from trying.
        if (this.options.processes === null) {
          return fail(
            'needs_desktop_app',
            `${client} can only be started as a program, which this host cannot do. Use the desktop app, or choose a client that opens by a link in ${SETTINGS_PLACE}.`,
          );
        }
        return this.options.processes.start(plan, client);
    }
  }

  private async openUri(uri: string, client: string): Promise<LaunchResult> {
    // The plan checked its profile's schemes; this keeps any other URI from reaching the OS at all.
    const scheme = schemeOf(uri);
    if (scheme === null || !ALL_URI_SCHEMES.includes(scheme)) {
      return fail(
        'scheme_not_allowed',
        `${client}: Sessiondesk opens only ${ALL_URI_SCHEMES.join(', ')} URIs.`,
      );
    }
    try {
      await this.options.openUri(uri);
    } catch (error) {
      return fail(
        'launch_failed',
        `${client} could not be opened by its ${scheme} link (${reason(error)}). Install ${client}, or choose another client in ${SETTINGS_PLACE}.`,
      );
    }
    return { ok: true, handle: { kind: 'uri', uri } };
  }

  private async offerFile(
    plan: Extract<LaunchPlan, { kind: 'file' }>,
    client: string,
  ): Promise<LaunchResult> {
    const { file } = plan;
    let savedAs: string;
    try {
      const sink = await this.options.files.save(file.request);
      // Only a desktop's save dialog can be cancelled, and a desktop plans no file: nothing was opened.
      if (sink === null)
        return fail('launch_failed', `${client}: ${file.request.defaultName} was not saved.`);
      try {
        await sink.write(new TextEncoder().encode(file.text));
        await sink.close();
        savedAs = sink.target;
      } catch (error) {
        await sink.abort();
        throw error;
      }
    } catch (error) {
      return fail(
        'launch_failed',
        `${client}: ${file.request.defaultName} could not be saved (${reason(error)}).`,
      );
    }
    return { ok: true, handle: { kind: 'file', savedAs } };
  }
}
