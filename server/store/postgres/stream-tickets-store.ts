/**
 * PostgreSQL SQL of the change stream's one-use tickets (meaning: ../sqlite/stream-tickets-store.ts). The
 * DELETE … RETURNING that takes a ticket is one statement: of two instances taking it at once, one gets it.
 */
import type { StreamTicketRow } from '../sqlite/stream-tickets-store';
import type { StreamTicketsTable } from '../store';
import type { PostgresExecutor } from './executor';

export class PostgresStreamTicketsStore implements StreamTicketsTable {
  constructor(private readonly db: PostgresExecutor) {}

  async add(ticketHash: string, agentId: string, accessHash: string, expiresAt: number): Promise<void> {
    await this.db.exec(
      'INSERT INTO stream_tickets (ticket_hash, agent_id, access_hash, expires_at) VALUES ($1, $2, $3, $4)',
      [ticketHash, agentId, accessHash, expiresAt],
    );
  }

  async takeTicket(ticketHash: string): Promise<StreamTicketRow | undefined> {
    const row = await this.db.row<{ agent_id: string; access_hash: string; expires_at: number }>(
      'DELETE FROM stream_tickets WHERE ticket_hash = $1 RETURNING agent_id, access_hash, expires_at',
      [ticketHash],
    );
    return row && { agentId: row.agent_id, accessHash: row.access_hash, expiresAt: Number(row.expires_at) };
  }

  async pruneExpired(now: number): Promise<void> {
    await this.db.exec('DELETE FROM stream_tickets WHERE expires_at <= $1', [now]);
  }
}
