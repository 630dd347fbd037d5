/**
 * PostgreSQL SQL of channels (meaning: ../sqlite/channels-store.ts).
 * Row locks (row-locks.ts): `get` and `privateChannelOf` lock the channel they return inside a transaction —
 * the services read a channel, then change it (name, limits) or decide on its requests by what it allows.
 */
import { toChannel, type ChannelRow, type RawChannel } from '../rows';
import type { ChannelsTable } from '../store';
import type { PostgresExecutor } from './executor';

export class PostgresChannelsStore implements ChannelsTable {
  constructor(private readonly db: PostgresExecutor) {}

  async get(id: string): Promise<ChannelRow | undefined> {
    const raw = await this.db.row<RawChannel>('SELECT * FROM channels WHERE id = $1', [id]);
    return raw && toChannel(raw);
  }

  async privateChannelOf(agentId: string): Promise<ChannelRow | undefined> {
    const raw = await this.db.row<RawChannel>(
      "SELECT * FROM channels WHERE kind = 'private' AND owner_id = $1",
      [agentId],
    );
    return raw && toChannel(raw);
  }

  /**
   * Shared channels first (false sorts before true, as SQLite's 0 before 1), then by name whatever its case
   * (NOCASE), then id — compared byte by byte (`COLLATE "C"`) as SQLite does, not by the database's locale.
   */
  async list(): Promise<ChannelRow[]> {
    const rows = await this.db.rows<RawChannel>(
      `SELECT * FROM channels ORDER BY kind = 'private', lower(name) COLLATE "C", id COLLATE "C"`,
    );
    return rows.map(toChannel);
  }

  async insert(channel: Omit<ChannelRow, 'createdAt' | 'updatedAt'>, now: number): Promise<void> {
    await this.db.exec(
      `INSERT INTO channels (id, name, kind, owner_id, default_expiry_minutes, participant_limit, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [
        channel.id,
        channel.name,
        channel.kind,
        channel.ownerId,
        channel.defaultExpiryMinutes,
        channel.participantLimit,
        now,
      ],
    );
  }

  async update(channel: ChannelRow, now: number): Promise<void> {
    await this.db.exec(
      `UPDATE channels SET name = $2, default_expiry_minutes = $3, participant_limit = $4, updated_at = $5
       WHERE id = $1`,
      [channel.id, channel.name, channel.defaultExpiryMinutes, channel.participantLimit, now],
    );
  }
}
