/**
 * The JSON the change feed sends, kept ready at write time (migration 5): each request and each timeline
 * event stores its wire JSON in its row, written in the same transaction as the change, so that a sync
 * page is those strings concatenated instead of every request re-built from its rows.
 *
 * Two parts are not stored, and are put back when a page is written: a request's `link` (it follows the
 * public URL, which a restart may change, and the link token is never stored) goes first, and an event's
 * `id` (its row's, known once inserted) too. Everything else in the wire JSON is the same for every agent,
 * and changes only with a change to the request, which writes it again: agents are named by id, events
 * keep the actor's name as it was when they happened, and channels are named by id.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent } from '@shared/protocol/api';
import type { Store } from '../store/store';
import { toWireEvent, toWireRequests } from './request-view';

/** What a request's row stores: its wire JSON without the link. */
export function storedRequestJson(request: SessionRequest): string {
  const { link: _link, ...stored } = request;
  return JSON.stringify(stored);
}

/** What an event's row stores: its wire JSON without the id. */
export function storedEventJson(event: Omit<TimelineEvent, 'id'>): string {
  return JSON.stringify(event);
}

/**
 * A request change as the feed sends it, from the stored parts: the request's stored JSON, its link, and
 * its events' JSON, each already whole (EVENT_FEED_JSON in store/requests-store.ts puts each event's id back).
 */
export function requestChangeJson(
  seq: number,
  link: string,
  requestJson: string,
  eventsJson: string,
): string {
  return `{"type":"request","seq":${seq},"request":{"link":${JSON.stringify(link)},${requestJson.slice(1)},"events":[${eventsJson}]}`;
}

export function tombstoneChangeJson(seq: number, requestId: string): string {
  return `{"type":"tombstone","seq":${seq},"requestId":${JSON.stringify(requestId)}}`;
}

/** Rows filled in a transaction by fillWireJson. */
const FILL_BATCH = 5_000;

/**
 * Fills in the wire JSON of rows written before migration 5 (or by anything that wrote a row without
 * it), from the same code that writes new ones, then the timelines of requests written before migration 6.
 * Returns how many rows it filled; at a start with nothing to fill it costs three index lookups.
 */
export async function fillWireJson(
  store: Store,
): Promise<{ requests: number; events: number; timelines: number }> {
  const filled = { requests: 0, events: 0, timelines: 0 };
  // The stored JSON leaves the link out: any will do.
  const noLinks = { linkFor: () => '', tokenFor: () => '' };
  const fillSome = async () =>
    await store.transaction(async () => {
      const requests = await toWireRequests(store, await store.requests.missingWireJson(FILL_BATCH), noLinks);
      for (const [id, request] of requests) await store.requests.setWireJson(id, storedRequestJson(request));
      const events = await store.requests.eventsMissingWireJson(FILL_BATCH);
      for (const event of events) {
        const { id, ...stored } = toWireEvent(event);
        await store.requests.setEventWireJson(id, storedEventJson(stored));
      }
      filled.requests += requests.size;
      filled.events += events.length;
      return requests.size + events.length;
    });
  while ((await fillSome()) > 0);
  // Then each request's whole timeline (migration 6), from its events' JSON filled in above.
  const fillTimelines = async () => await store.transaction(() => store.requests.fillEventsJson(FILL_BATCH));
  for (let n = await fillTimelines(); n > 0; n = await fillTimelines()) filled.timelines += n;
  return filled;
}
