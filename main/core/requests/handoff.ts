/**
 * Connect: checks the request may be connected to, builds the remote-control client's launch from the
 * agent's settings and what the end user entered, launches it, then records Connected at the service.
 * When a launched process exits the service hears `disconnect` (Connected → Ready); said while offline,
 * it is said again once the connection is back.
 */
import type { CommandOutput } from '@shared/ipc/contract';
import { sessionRequestSchema } from '@shared/protocol/api';
import type { SignedInClient } from '../account/signed-in-client';
import { ApiError } from '../api/api-error';
import { CoreError } from '../core-error';
import { planLaunch } from '../handoff/launch-plan';
import type { Launcher } from '../handoff/launcher';
import type { SettingsStore } from '../settings/settings-store';
import { checkCached, offlineError } from './request-commands';

export interface HandoffOptions {
  readonly launcher: Launcher;
  readonly settings: SettingsStore;
  readonly platform: NodeJS.Platform;
  readonly client: () => SignedInClient;
  readonly log: (message: string, error?: unknown) => void;
  readonly now: () => number;
}

export class Handoff {
  /** Requests whose client exited while the service could not be told. */
  private readonly owedDisconnects = new Set<string>();

  constructor(private readonly options: HandoffOptions) {}

  async connect(requestId: string): Promise<CommandOutput<'requests.connect'>> {
    const client = this.options.client();
    if (!client.live) throw offlineError('connect');
    const request = client.cache.request(requestId);
    if (!request) throw new CoreError('not_found', 'This request is not in your list.');
    checkCached(client, request, 'connect', this.options.now());

    const settings = this.options.settings.effective();
    const allowed = this.options.settings.view().remoteClients.some((c) => c.id === settings.remoteClient);
    if (!allowed) {
      throw new CoreError(
        'client_not_allowed',
        'Your organisation does not allow the chosen remote-control client. Choose another in Settings.',
      );
    }
    const planned = planLaunch(
      settings.remoteClient,
      settings,
      { remote: request.remote },
      this.options.platform,
    );
    if (!planned.ok) throw new CoreError(planned.error.code, planned.error.message);
    const launched = await this.options.launcher.launch(planned.plan, planned.client);
    if (!launched.ok) throw new CoreError(launched.error.code, launched.error.message);

    const { handle } = launched;
    // Disconnect is said only for a session the service recorded, even if the client exits first.
    let recorded = false;
    let exited = false;
    if (handle.kind === 'process') {
      void handle.exited.then(() => {
        exited = true;
        if (recorded) void this.disconnect(requestId);
      });
    }
    try {
      const after = await client.session.request('POST', `/requests/${requestId}/connect`, {
        body: {},
        schema: sessionRequestSchema,
      });
      recorded = true;
      client.changed(client.cache.applyAnswer(after));
      if (exited) void this.disconnect(requestId);
    } catch (error) {
      // The client is running but the service did not record it: say so; its exit is not reported.
      if (error instanceof CoreError) {
        throw new CoreError(
          error.code,
          `${planned.client} was started, but the service did not record the session: ${error.message}`,
        );
      }
      throw error;
    }
    return { client: planned.client, launched: handle.kind === 'process' ? 'process' : 'uri' };
  }

  /** The connection is live again: say the disconnects that could not be said. */
  onLive(): void {
    for (const requestId of [...this.owedDisconnects]) void this.disconnect(requestId);
  }

  async stop(): Promise<void> {
    this.owedDisconnects.clear();
    return Promise.resolve();
  }

  private async disconnect(requestId: string): Promise<void> {
    let client: SignedInClient;
    try {
      client = this.options.client();
    } catch {
      return; // signed out meanwhile
    }
    this.owedDisconnects.add(requestId);
    if (!client.live) return;
    try {
      const after = await client.session.request('POST', `/requests/${requestId}/disconnect`, {
        body: {},
        schema: sessionRequestSchema,
      });
      this.owedDisconnects.delete(requestId);
      client.changed(client.cache.applyAnswer(after));
    } catch (error) {
      if (!(error instanceof ApiError && error.transient)) {
        // Refused for good (the request was closed meanwhile): nothing left to say.
        this.owedDisconnects.delete(requestId);
      }
      this.options.log(`could not report that the client for ${requestId} exited`, error);
    }
  }
}
