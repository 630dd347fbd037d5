/**
 * Connect and End session. Connect checks the request may be connected to, builds the remote-control
 * client's launch from the agent's settings and what the end user entered, launches it, then records
 * Connected at the service. One running hand-off per request (`@shared/ipc/handoff`): a second Connect
 * opens a link hand-off again, and is refused while a launched program runs or the agent is connected
 * from elsewhere. When the program exits the service hears `disconnect` (Connected → Ready when this
 * agent was the last): owed on disk until it can be said (`owed-disconnects.ts`). A link hand-off has
 * no exit to watch, so End session says it; it also ends a session this app no longer watches (started
 * before a restart), and stops watching the program without closing it (a remote-control app often
 * holds other sessions too).
 *
 * Where the host starts no program (the web console) every built-in client opens by its link, Remote
 * Desktop by an `.rdp` file the page offers (opened like a link: nothing to watch), and a custom command
 * line is refused with `needs_desktop_app` before anything is tried.
 */
import type { CommandOutput } from '@shared/ipc/contract';
import { connectAgain } from '@shared/ipc/handoff';
import type { HandoffView, RequestRow } from '@shared/ipc/views';
import { sessionRequestSchema } from '@shared/protocol/api';
import { checkWireAction } from '@shared/protocol/wire-access';
import type { SignedInClient } from '../account/signed-in-client';
import { CoreError } from '../core-error';
import { planLaunch, type LaunchPlan } from '../handoff/launch-plan';
import { Launcher, type LaunchError, type LaunchHandle } from '../handoff/launcher';
import type { CorePlatform } from '../platform/host';
import { REMOTE_CLIENTS } from '../settings/remote-clients';
import type { SettingsStore } from '../settings/settings-store';
import { OwedDisconnects, sessionIsOver } from './owed-disconnects';
import { checkCached, offlineError } from './request-commands';

/** What Connect needs of the host: its kind and OS, and how it opens links, offers files, starts programs. */
export type HandoffPlatform = Pick<
  CorePlatform,
  'hostKind' | 'os' | 'env' | 'processes' | 'files' | 'openUri'
>;

export interface HandoffOptions {
  readonly platform: HandoffPlatform;
  readonly settings: SettingsStore;
  readonly client: () => SignedInClient;
  readonly log: (message: string, error?: unknown) => void;
  readonly now: () => number;
}

/** A client launched for a request, while it counts as running. */
interface Running {
  readonly client: string;
  kind: HandoffView['kind'];
  /** The link (or file) of a hand-off with nothing to watch, to open again. */
  reopen: LaunchPlan | null;
  /** The service recorded the session: its end is to be said. */
  recorded: boolean;
  /** The program exited. */
  exited: boolean;
  /** End session was chosen: no longer watched, its exit ends nothing. */
  ended: boolean;
}

export class Handoff {
  private readonly running = new Map<string, Running>();
  private readonly owed: OwedDisconnects;
  private readonly launcher: Launcher;

  constructor(private readonly options: HandoffOptions) {
    const { platform } = options;
    this.launcher = new Launcher({
      openUri: (uri) => platform.openUri(uri),
      processes: platform.processes,
      files: platform.files,
    });
    this.owed = new OwedDisconnects({ client: () => this.signedIn(), log: options.log, now: options.now });
  }

  /** The row with what runs for it, for the renderer (Connect disabled with the reason, End session). */
  withHandoff<R extends RequestRow>(row: R): R {
    const running = this.running.get(row.id);
    return running ? { ...row, handoff: { kind: running.kind, client: running.client } } : row;
  }

  async connect(requestId: string): Promise<CommandOutput<'requests.connect'>> {
    const client = this.options.client();
    if (!client.live) throw offlineError('connect');
    // A disconnect still owed for it ends the earlier session first.
    await this.owed.say(requestId);
    const request = await client.cache.request(requestId);
    if (!request) throw new CoreError('not_found', { thing: 'listed_request' });
    await checkCached(client, request, 'connect', this.options.now());
    const again = connectAgain(this.withHandoff(this.forgetIfOver(request, client)), client.agent.id);
    if (!again.allowed) throw new CoreError(again);
    if (again.reopen) return this.openAgain(requestId);

    const settings = this.options.settings.effective();
    const allowed = this.options.settings.view().remoteClients;
    const chosen = REMOTE_CLIENTS[settings.remoteClient].name;
    if (!allowed.some((c) => c.id === settings.remoteClient)) {
      throw new CoreError('client_not_allowed', {
        client: chosen,
        allowed: allowed.map((c) => c.name).join(', '),
      });
    }
    const planned = planLaunch(
      settings.remoteClient,
      settings,
      { remote: request.remote },
      this.options.platform.os,
      this.options.platform.hostKind,
    );
    // The plan's English names what was wrong in detail; the agent's words need the client's name.
    if (!planned.ok) throw new CoreError({ ...planned.error, params: { client: chosen } });

    const running: Running = {
      client: planned.client,
      kind: 'starting',
      reopen: null,
      recorded: false,
      exited: false,
      ended: false,
    };
    this.track(requestId, running);
    const launched = await this.launcher.launch(planned.plan, planned.client);
    if (!launched.ok) {
      this.forget(requestId, running);
      throw launchError(launched.error, planned.client);
    }
    const { handle } = launched;
    running.kind = viewKind(handle);
    running.reopen = handle.kind === 'process' ? null : planned.plan;
    this.changed(requestId);
    if (handle.kind === 'process') void handle.exited.then(() => this.exited(requestId, running));

    try {
      const after = await client.session.request('POST', `/requests/${requestId}/connect`, {
        body: {},
        schema: sessionRequestSchema,
      });
      running.recorded = true;
      await client.answered(after);
    } catch (error) {
      // Not recorded: a running program stays counted (no second one beside it) but its exit says
      // nothing; a link hand-off is forgotten.
      if (running.kind === 'uri') this.forget(requestId, running);
      if (error instanceof CoreError) {
        // The service's refusal is what the agent reads; the log also hears the client was started.
        throw new CoreError({
          code: error.code,
          message: `${planned.client} was started, but the service did not record the session: ${error.message}`,
          ...(error.params ? { params: error.params } : {}),
          ...(error.fields ? { fields: error.fields } : {}),
        });
      }
      throw error;
    }
    // Disconnect is said only for a session the service recorded, even if the client exited first.
    if (running.exited && !running.ended) void this.owed.owe(requestId);
    return { client: planned.client, launched: viewKind(handle), again: false };
  }

  /**
   * End session: the service hears this agent's disconnect, and the client launched for it (if it
   * runs) is no longer watched. A session that is over already is not an error.
   */
  async endSession(requestId: string): Promise<CommandOutput<'requests.disconnect'>> {
    const client = this.options.client();
    if (!client.live) throw offlineError('disconnect');
    const request = await client.cache.request(requestId);
    if (!request) throw new CoreError('not_found', { thing: 'listed_request' });
    const verdict = checkWireAction(
      client.agent,
      request,
      await client.cache.channels(),
      { type: 'disconnect' },
      this.options.now(),
    );
    if (verdict && !verdict.allowed && verdict.kind === 'permission') {
      throw new CoreError(verdict.error);
    }
    const running = this.running.get(requestId);
    if (verdict?.allowed !== false) {
      try {
        const after = await client.session.request('POST', `/requests/${requestId}/disconnect`, {
          body: {},
          schema: sessionRequestSchema,
        });
        await client.answered(after);
      } catch (error) {
        if (!sessionIsOver(error)) throw error;
      }
    }
    await client.cache.settleDisconnect(requestId);
    if (running === undefined) return null;
    running.ended = true;
    this.forget(requestId, running);
    return running.kind === 'starting' ? null : { kind: running.kind, client: running.client };
  }

  /** The connection is live again: say the disconnects that could not be said. */
  onLive(): void {
    this.owed.sayAll();
  }

  async stop(): Promise<void> {
    // The programs keep running; after a restart their sessions end with End session.
    this.running.clear();
    return Promise.resolve();
  }

  private async openAgain(requestId: string): Promise<CommandOutput<'requests.connect'>> {
    const running = this.running.get(requestId)!;
    const launched = await this.launcher.launch(running.reopen!, running.client);
    if (!launched.ok) throw launchError(launched.error, running.client);
    return { client: running.client, launched: 'uri', again: true };
  }

  /** A link hand-off whose session the service no longer counts (ended, closed) runs no more for us. */
  private forgetIfOver(request: RequestRow, client: SignedInClient): RequestRow {
    const running = this.running.get(request.id);
    if (running?.kind === 'uri' && running.recorded && !request.connectedAgentIds.includes(client.agent.id)) {
      this.forget(request.id, running);
    }
    return request;
  }

  private exited(requestId: string, running: Running): void {
    running.exited = true;
    // After End session its exit is not the end of a session any more.
    if (running.ended) return;
    this.forget(requestId, running);
    if (running.recorded) void this.owed.owe(requestId);
  }

  private track(requestId: string, running: Running): void {
    this.running.set(requestId, running);
    this.changed(requestId);
  }

  private forget(requestId: string, running: Running): void {
    if (this.running.get(requestId) !== running) return;
    this.running.delete(requestId);
    this.changed(requestId);
  }

  /** Tells the renderer the row's hand-off changed. */
  private changed(requestId: string): void {
    this.signedIn()?.changed({ changed: [requestId], removed: [] });
  }

  private signedIn(): SignedInClient | null {
    try {
      return this.options.client();
    } catch {
      return null; // signed out meanwhile
    }
  }
}

/** A link and a file alike leave nothing to watch: the renderer sees both as a link hand-off. */
function viewKind(handle: LaunchHandle): 'process' | 'uri' {
  return handle.kind === 'process' ? 'process' : 'uri';
}

/** A launch that failed: the launcher's English names the path and the reason; the agent's words, the client. */
function launchError(error: LaunchError, client: string): CoreError {
  return new CoreError({ ...error, params: { client, program: client } });
}
