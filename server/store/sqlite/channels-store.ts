/** SQL of channels. */
import type { SqliteDatabase } from '../../db/database';
import { toChannel, type ChannelRow, type RawChannel } from '../rows';

export class SqliteChannelsStore {
  private readonly byId;
  private readonly privateOf;
  private readonly all;
  private readonly insertStmt;
  private readonly updateStmt;

  constructor(db: SqliteDatabase) {
    this.byId = db.prepare<[string], RawChannel>('SELECT * FROM channels WHERE id = ?');
    this.privateOf = db.prepare<[string], RawChannel>(
      "SELECT * FROM channels WHERE kind = 'private' AND owner_id = ?",
    );
    this.all = db.prepare<[], RawChannel>(
      "SELECT * FROM channels ORDER BY kind = 'private', name COLLATE NOCASE, id",
    );
    this.insertStmt = db.prepare(
      `INSERT INTO channels (id, name, kind, owner_id, default_expiry_minutes, participant_limit, created_at, updated_at)
       VALUES (@id, @name, @kind, @ownerId, @defaultExpiryMinutes, @participantLimit, @now, @now)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE channels SET name = @name, default_expiry_minutes = @defaultExpiryMinutes,
         participant_limit = @participantLimit, updated_at = @now
       WHERE id = @id`,
    );
  }

  get(id: string): ChannelRow | undefined {
    const raw = this.byId.get(id);
    return raw && toChannel(raw);
  }

  privateChannelOf(agentId: string): ChannelRow | undefined {
    const raw = this.privateOf.get(agentId);
    return raw && toChannel(raw);
  }

  list(): ChannelRow[] {
    return this.all.all().map(toChannel);
  }

  insert(channel: Omit<ChannelRow, 'createdAt' | 'updatedAt'>, now: number): void {
    this.insertStmt.run({ ...channel, now });
  }

  update(channel: ChannelRow, now: number): void {
    this.updateStmt.run({
      id: channel.id,
      name: channel.name,
      defaultExpiryMinutes: channel.defaultExpiryMinutes,
      participantLimit: channel.participantLimit,
      now,
    });
  }
}
