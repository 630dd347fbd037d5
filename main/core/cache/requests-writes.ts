/**
 * SQL that writes requests and their timelines: live changes (newer seq wins), a full sync's pages
 * (the service is authoritative, and each row is marked with the sync that saw it), tombstones, and the
 * provisional rows of requests created offline.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent } from '@shared/protocol/api';
import type { CacheDatabase } from './cache-database';
import { toColumns } from './request-columns';

const COLUMNS = `id, seq, status, consent, recipient_name, recipient_email, comments, pin, channel_id,
  channel_name, assignee_id, assignee_name, participant_ids, scheduled_at, expires_at, created_at,
  updated_at, final, external_system, external_id, body, outbox_id, sync_gen`;
const VALUES = `@id, @seq, @status, @consent, @recipient_name, @recipient_email, @comments, @pin, @channel_id,
  coalesce((SELECT name FROM directory WHERE kind = 'channel' AND id = @channel_id), ''),
  @assignee_id, coalesce((SELECT name FROM directory WHERE kind = 'agent' AND id = @assignee_id), ''),
  @participant_ids, @scheduled_at, @expires_at, @created_at, @updated_at, @final, @external_system,
  @external_id, @body, @outbox_id, @sync_gen`;
const UPDATE = `seq = excluded.seq, status = excluded.status, consent = excluded.consent,
  recipient_name = excluded.recipient_name, recipient_email = excluded.recipient_email,
  comments = excluded.comments, pin = excluded.pin, channel_id = excluded.channel_id,
  channel_name = excluded.channel_name, assignee_id = excluded.assignee_id,
  assignee_name = excluded.assignee_name, participant_ids = excluded.participant_ids,
  scheduled_at = excluded.scheduled_at, expires_at = excluded.expires_at,
  created_at = excluded.created_at, updated_at = excluded.updated_at, final = excluded.final,
  external_system = excluded.external_system, external_id = excluded.external_id, body = excluded.body`;

export class RequestWrites {
  private readonly upsertLiveStmt;
  private readonly upsertFullStmt;
  private readonly insertLocalStmt;
  private readonly deleteStmt;
  private readonly insertEventStmt;
  private readonly sweepStmt;
  private readonly renameAgentsStmt;
  private readonly renameChannelsStmt;
  private readonly markReadStmt;

  constructor(db: CacheDatabase) {
    // A live change no newer than what the cache has (a replay after a reconnect, or the stream's echo of
    // a seq the service's answer already brought) changes nothing.
    this.upsertLiveStmt = db.prepare(
      `INSERT INTO requests (${COLUMNS}) VALUES (${VALUES})
       ON CONFLICT (id) DO UPDATE SET ${UPDATE}, sync_gen = max(sync_gen, excluded.sync_gen)
       WHERE excluded.seq > requests.seq`,
    );
    // A full sync is the service's word, even about a seq lower than the cache's (a restored backup).
    this.upsertFullStmt = db.prepare(
      `INSERT INTO requests (${COLUMNS}) VALUES (${VALUES})
       ON CONFLICT (id) DO UPDATE SET ${UPDATE}, sync_gen = excluded.sync_gen`,
    );
    this.insertLocalStmt = db.prepare(`INSERT INTO requests (${COLUMNS}) VALUES (${VALUES})`);
    this.deleteStmt = db.prepare('DELETE FROM requests WHERE id = ?');
    this.insertEventStmt = db.prepare(
      `INSERT INTO timeline (id, request_id, seq, body) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, seq = excluded.seq
       WHERE timeline.body IS NOT excluded.body OR timeline.seq IS NOT excluded.seq`,
    );
    this.sweepStmt = db.prepare('DELETE FROM requests WHERE sync_gen < ? AND outbox_id IS NULL RETURNING id');
    this.renameAgentsStmt = db.prepare(
      `UPDATE requests SET assignee_name = coalesce(
         (SELECT name FROM directory WHERE kind = 'agent' AND id = requests.assignee_id), '')
       WHERE assignee_name IS NOT coalesce(
         (SELECT name FROM directory WHERE kind = 'agent' AND id = requests.assignee_id), '')`,
    );
    // The marker only moves forward: a late markRead never makes read messages unread again.
    this.markReadStmt = db.prepare<{ id: string }>(
      `INSERT INTO read_markers (request_id, event_id)
       SELECT @id, coalesce((SELECT max(id) FROM timeline WHERE request_id = @id), 0)
       WHERE EXISTS (SELECT 1 FROM requests WHERE id = @id)
       ON CONFLICT (request_id) DO UPDATE SET event_id = excluded.event_id
       WHERE excluded.event_id > read_markers.event_id`,
    );
    this.renameChannelsStmt = db.prepare(
      `UPDATE requests SET channel_name = coalesce(
         (SELECT name FROM directory WHERE kind = 'channel' AND id = requests.channel_id), '')
       WHERE channel_name IS NOT coalesce(
         (SELECT name FROM directory WHERE kind = 'channel' AND id = requests.channel_id), '')`,
    );
  }

  /** A live change. Returns whether the cache took it (false: it had a newer version). */
  upsertLive(request: SessionRequest, syncGen: number): boolean {
    return this.upsertLiveStmt.run({ ...toColumns(request), outbox_id: null, sync_gen: syncGen }).changes > 0;
  }

  /** A page of a full sync, seen by sync generation `syncGen`. */
  upsertFull(request: SessionRequest, syncGen: number): void {
    this.upsertFullStmt.run({ ...toColumns(request), outbox_id: null, sync_gen: syncGen });
  }

  /** The row of a request created offline, shown until the service has it. */
  insertLocal(request: SessionRequest, outboxId: number): void {
    this.insertLocalStmt.run({ ...toColumns(request), outbox_id: outboxId, sync_gen: 0 });
  }

  /** Removes a request and its timeline. Returns whether it was there. */
  remove(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  /** Stores timeline events. Returns how many the cache did not have as they are. */
  insertEvents(events: readonly TimelineEvent[]): number {
    let changed = 0;
    for (const event of events) {
      changed += this.insertEventStmt.run(
        event.id,
        event.requestId,
        event.seq,
        JSON.stringify(event),
      ).changes;
    }
    return changed;
  }

  /** After a full sync: removes what it did not see (left the agent's view meanwhile). Returns their ids. */
  sweep(syncGen: number): string[] {
    return this.sweepStmt.all(syncGen).map((row) => (row as { id: string }).id);
  }

  /** The agent read the request's chat up to its last event. Returns whether its marker moved. */
  markRead(id: string): boolean {
    return this.markReadStmt.run({ id }).changes > 0;
  }

  /** Refreshes the denormalized assignee and channel names after the directory changed. */
  refreshNames(): number {
    return this.renameAgentsStmt.run().changes + this.renameChannelsStmt.run().changes;
  }
}
