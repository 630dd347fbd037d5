/** SQL of the change stream's one-use tickets (hashes only; migration 17). */
import type { SqliteDatabase } from '../../db/database';

export interface StreamTicketRow {
  readonly agentId: string;
  /** The hash of the access token the ticket was made with. */
  readonly accessHash: string;
  readonly expiresAt: number;
}

interface RawStreamTicket {
  agent_id: string;
  access_hash: string;
  expires_at: number;
}

export class SqliteStreamTicketsStore {
  private readonly insert;
  private readonly take;
  private readonly prune;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      'INSERT INTO stream_tickets (ticket_hash, agent_id, access_hash, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.take = db.prepare<[string], RawStreamTicket>(
      'DELETE FROM stream_tickets WHERE ticket_hash = ? RETURNING agent_id, access_hash, expires_at',
    );
    this.prune = db.prepare('DELETE FROM stream_tickets WHERE expires_at <= ?');
  }

  add(ticketHash: string, agentId: string, accessHash: string, expiresAt: number): void {
    this.insert.run(ticketHash, agentId, accessHash, expiresAt);
  }

  /** The ticket, deleted as it is read: a ticket works once, whichever instance reads it first. */
  takeTicket(ticketHash: string): StreamTicketRow | undefined {
    const row = this.take.get(ticketHash);
    return row && { agentId: row.agent_id, accessHash: row.access_hash, expiresAt: row.expires_at };
  }

  pruneExpired(now: number): void {
    this.prune.run(now);
  }
}
