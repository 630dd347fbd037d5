/**
 * Disconnects the agent owes the service: a remote-control client launched for a request exited while
 * the service could not be told (offline, or the app quit before it could say it). Written to the cache
 * first, so a restart keeps them; said once the connection is live again, each exactly once, and not
 * at all when it has become moot meanwhile — the request closed or left the agent's view, the service no
 * longer counts the agent connected (someone ended the session, the end user ended access, or it was
 * said just before a crash), or the agent connected again since (a newer session this must not end).
 * The cache has caught up with the service before the connection is live, so that is what decides.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import { isFinalStatus } from '@shared/domain/status';
import { sessionRequestSchema } from '@shared/protocol/api';
import type { SignedInClient } from '../account/signed-in-client';
import { ApiError } from '../api/api-error';

/** Whether a disconnect owed for `request` has nothing left to end. */
export function disconnectIsMoot(
  request: Pick<SessionRequest, 'status' | 'connectedAgentIds'> | null,
  agentId: string,
  reconnectedSince: boolean,
): boolean {
  if (request === null || isFinalStatus(request.status)) return true;
  if (!request.connectedAgentIds.includes(agentId)) return true;
  return reconnectedSince;
}

/** A refusal saying the session is over already (409: not connected, closed; 404: not visible). */
export function sessionIsOver(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 409 || error.status === 404);
}

export interface OwedDisconnectsOptions {
  /** The signed-in client, or null when signed out. */
  readonly client: () => SignedInClient | null;
  readonly log: (message: string, error?: unknown) => void;
  readonly now: () => number;
}

export class OwedDisconnects {
  /** Disconnects being said, by request: one at a time each. */
  private readonly saying = new Map<string, Promise<void>>();

  constructor(private readonly options: OwedDisconnectsOptions) {}

  /** The client for the request exited after the service recorded it: owed (on disk), then said if it can be. */
  async owe(requestId: string): Promise<void> {
    const client = this.options.client();
    if (!client) return;
    try {
      await client.cache.oweDisconnect(requestId, this.options.now());
    } catch (error) {
      // The cache closed meanwhile (signed out): nobody is left to owe it.
      this.options.log(`could not keep the disconnect of ${requestId}`, error);
      return;
    }
    await this.say(requestId);
  }

  /** The connection is live again: says every disconnect still owed. */
  sayAll(): void {
    const client = this.options.client();
    if (!client) return;
    void client.cache.owedDisconnects().then(
      (owed) => owed.forEach((o) => void this.say(o.requestId)),
      // The cache closed meanwhile (signed out): what is owed is gone with the account.
      (error: unknown) => this.options.log('could not read the disconnects owed', error),
    );
  }

  /** Says the disconnect owed for the request, if there is one still to say. Never rejects. */
  say(requestId: string): Promise<void> {
    const running = this.saying.get(requestId);
    if (running) return running;
    const saying = this.sayOnce(requestId)
      // The cache closed under it (signed out meanwhile): what is owed is gone with the account.
      .catch((error: unknown) => this.options.log(`could not say the disconnect of ${requestId}`, error))
      .finally(() => this.saying.delete(requestId));
    this.saying.set(requestId, saying);
    return saying;
  }

  private async sayOnce(requestId: string): Promise<void> {
    const client = this.options.client();
    if (!client?.live) return;
    const { cache } = client;
    const owed = await cache.owedDisconnect(requestId);
    if (!owed) return;
    const agentId = client.agent.id;
    const [request, reconnected] = await Promise.all([
      cache.request(requestId),
      cache.reconnectedSince(owed, agentId),
    ]);
    if (disconnectIsMoot(request, agentId, reconnected)) {
      await cache.settleDisconnect(requestId);
      return;
    }
    try {
      const after = await client.session.request('POST', `/requests/${requestId}/disconnect`, {
        body: {},
        schema: sessionRequestSchema,
      });
      await cache.settleDisconnect(requestId);
      await client.answered(after);
    } catch (error) {
      if (error instanceof ApiError && error.transient) {
        // Kept: said again the next time the connection is live.
        this.options.log(`could not report yet that the client for ${requestId} exited`, error);
        return;
      }
      // Refused for good: the session is over already, or nothing can change that.
      await cache.settleDisconnect(requestId);
      if (!sessionIsOver(error))
        this.options.log(`the service refused the disconnect of ${requestId}`, error);
    }
  }
}
