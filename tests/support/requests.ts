/**
 * The API calls tests make again and again, each failing the test (with the answer) on any other status than
 * the one the call succeeds with: channels, requests and their actions, the timeline, the change feed.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import type { Change, Channel, SyncPage, TimelineEvent } from '@shared/protocol/api';
import { Api, expectStatus } from './api-client';
import type { TestAgent, TestService } from './service-harness';

/** The headers of a form the end user's pages post (/j/…/allow, /j/…/deny, /pin). */
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' } as const;

/** The end user's side of a request, by the join page's routes (its link's path and forms). */
export class EndUser {
  private readonly api: Api;
  private readonly path: string;
  constructor(url: string, request: SessionRequest) {
    this.api = new Api(url);
    this.path = new URL(request.link).pathname;
  }
  async open(): Promise<this> {
    expectStatus(await this.api.call('GET', this.path), 200);
    return this;
  }
  async allow(remoteId = '123 456 789'): Promise<void> {
    const body = `remoteId=${encodeURIComponent(remoteId)}`;
    expectStatus(await this.api.call('POST', `${this.path}/allow`, body, FORM), 303);
  }
  async deny(): Promise<void> {
    expectStatus(await this.api.call('POST', `${this.path}/deny`, '', FORM), 303);
  }
  /** A chat message, posted by the page's form (as without JavaScript). */
  async write(text: string): Promise<void> {
    const body = `text=${encodeURIComponent(text)}`;
    expectStatus(await this.api.call('POST', `${this.path}/messages`, body, FORM), 303);
  }
}

let channelCounter = 0;

/** A new shared channel, created by the admin; each of `members` joins it with the release permission. */
export async function createChannel(
  service: TestService,
  members: readonly TestAgent[] = [],
): Promise<Channel> {
  channelCounter++;
  const channel = expectStatus(
    await service.admin.post<Channel>('/channels', { name: `Test channel ${channelCounter}` }),
    201,
  );
  for (const member of members) await addMember(service, channel.id, member, true);
  return channel;
}

/** The admin adds the agent to the channel (or changes their release permission there). */
export async function addMember(
  service: TestService,
  channelId: string,
  member: TestAgent,
  canRelease = false,
): Promise<void> {
  expectStatus(
    await service.admin.put(`/channels/${channelId}/members/${member.agent.id}`, { canRelease }),
    200,
  );
}

/** A request in `channelId` (absent: the creator's Private channel), assigned to its creator. */
export async function createRequest(
  api: Api,
  recipientName: string,
  channelId?: string,
  extra: Record<string, unknown> = {},
): Promise<SessionRequest> {
  return expectStatus(
    await api.post<SessionRequest>('/requests', {
      recipientName,
      ...(channelId ? { channelId } : {}),
      ...extra,
    }),
    201,
  );
}

export async function getRequest(api: Api, id: string): Promise<SessionRequest> {
  return expectStatus(await api.get<SessionRequest>(`/requests/${id}`), 200);
}

export async function addNote(api: Api, requestId: string, text: string): Promise<SessionRequest> {
  return expectStatus(await api.post<SessionRequest>(`/requests/${requestId}/notes`, { text }), 200);
}

export async function transfer(api: Api, requestId: string, channelId: string): Promise<SessionRequest> {
  return expectStatus(await api.post<SessionRequest>(`/requests/${requestId}/transfer`, { channelId }), 200);
}

export async function deleteRequest(api: Api, requestId: string): Promise<void> {
  expectStatus(await api.delete(`/requests/${requestId}`), 204);
}

/** The request's timeline, oldest first. */
export async function timeline(api: Api, id: string): Promise<TimelineEvent[]> {
  return expectStatus(await api.get<{ events: TimelineEvent[] }>(`/requests/${id}/events`), 200).events;
}

/** One page of GET /sync. */
/** A page of GET /sync; `fullSyncHead`: the one the pages of a full sync (from 0) carry, sent back. */
export async function sync(
  api: Api,
  since: number,
  limit?: number,
  fullSyncHead?: number,
): Promise<SyncPage> {
  const query = new URLSearchParams({ since: String(since) });
  if (limit !== undefined) query.set('limit', String(limit));
  if (fullSyncHead !== undefined) query.set('fullSyncHead', String(fullSyncHead));
  return expectStatus(await api.get<SyncPage>(`/sync?${query}`), 200);
}

/** Every page from `since` through GET /sync, as a client pages them (a full sync's head sent back). */
export async function syncPages(api: Api, since = 0, limit = 5_000): Promise<SyncPage[]> {
  const pages: SyncPage[] = [];
  for (let cursor = since; ;) {
    const page = await sync(api, cursor, limit, pages[0]?.fullSyncHead);
    pages.push(page);
    if (!page.hasMore) return pages;
    if (pages.length > 10_000) throw new Error('the feed never ends');
    cursor = page.next;
  }
}

/** Every change from `since` through GET /sync, page after page. */
export async function syncAll(api: Api, since = 0, limit = 5_000): Promise<Change[]> {
  return (await syncPages(api, since, limit)).flatMap((page) => page.changes);
}

/** The newest seq, as GET /healthz tells it. */
export async function head(service: TestService): Promise<number> {
  return expectStatus(await service.api.call<{ head: number }>('GET', '/healthz'), 200).head;
}
