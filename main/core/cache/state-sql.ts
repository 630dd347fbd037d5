/**
 * SQL of the sync state (the cursor and a full sync in progress) and of the directory (agents and
 * channels last fetched, and the signed-in agent), so names and the sidebar are there offline.
 */
import type { CannedMessageList } from '@shared/protocol/conversation';
import type { Agent, Channel, Me } from '@shared/protocol/api';
import type { CacheDatabase } from './cache-database';

export interface SyncCursor {
  /** The last seq whose changes are all in the cache. */
  readonly cursor: number;
  /** The generation of the last completed full sync (0: never). */
  readonly generation: number;
  /** A full sync that was started and not finished (it starts over): its generation. */
  readonly rebuilding: number | null;
}

/** What a full sync leaves for its end, each flagged while owed, so that a crash does not lose it. */
export type DeferredWork = 'fts_deferred' | 'indexes_deferred' | 'counts_deferred';

export class StateSql {
  private readonly getStmt;
  private readonly setStmt;
  private readonly deleteStmt;
  private readonly clearDirectoryStmt;
  private readonly putDirectoryStmt;
  private readonly directoryStmt;

  constructor(db: CacheDatabase) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM sync_state WHERE key = ?');
    this.clearDirectoryStmt = db.prepare<[string]>('DELETE FROM directory WHERE kind = ?');
    this.putDirectoryStmt = db.prepare<[string, string, string, string]>(
      'INSERT INTO directory (kind, id, name, body) VALUES (?, ?, ?, ?)',
    );
    this.directoryStmt = db.prepare<[string], { body: string }>(
      'SELECT body FROM directory WHERE kind = ? ORDER BY name COLLATE NOCASE',
    );
  }

  cursor(): SyncCursor {
    const rebuilding = this.get('rebuilding');
    return {
      cursor: Number(this.get('cursor') ?? 0),
      generation: Number(this.get('generation') ?? 0),
      rebuilding: rebuilding === null ? null : Number(rebuilding),
    };
  }

  setCursor(cursor: number): void {
    this.setStmt.run('cursor', String(cursor));
  }

  startRebuild(generation: number): void {
    this.setStmt.run('rebuilding', String(generation));
  }

  finishRebuild(generation: number, cursor: number): void {
    this.setStmt.run('generation', String(generation));
    this.setStmt.run('cursor', String(cursor));
    this.deleteStmt.run('rebuilding');
  }

  /** A full sync's deferred work: `fts_deferred`, `indexes_deferred`, `counts_deferred`. */
  flag(name: DeferredWork): boolean {
    return this.get(name) === '1';
  }

  setFlag(name: DeferredWork, on: boolean): void {
    if (on) this.setStmt.run(name, '1');
    else this.deleteStmt.run(name);
  }

  me(): Me | null {
    const value = this.get('me');
    return value === null ? null : (JSON.parse(value) as Me);
  }

  setMe(me: Me): void {
    this.setStmt.run('me', JSON.stringify(me));
  }

  /** The canned messages last read from the service, for the chat box offline. */
  cannedMessages(): CannedMessageList | null {
    const value = this.get('canned_messages');
    return value === null ? null : (JSON.parse(value) as CannedMessageList);
  }

  keepCannedMessages(list: CannedMessageList): void {
    this.setStmt.run('canned_messages', JSON.stringify(list));
  }

  replaceAgents(agents: readonly Agent[]): void {
    this.clearDirectoryStmt.run('agent');
    for (const agent of agents)
      this.putDirectoryStmt.run('agent', agent.id, agent.name, JSON.stringify(agent));
  }

  replaceChannels(channels: readonly Channel[]): void {
    this.clearDirectoryStmt.run('channel');
    for (const channel of channels) {
      this.putDirectoryStmt.run('channel', channel.id, channel.name, JSON.stringify(channel));
    }
  }

  agents(): Agent[] {
    return this.directoryStmt.all('agent').map((r) => JSON.parse(r.body) as Agent);
  }

  channels(): Channel[] {
    return this.directoryStmt.all('channel').map((r) => JSON.parse(r.body) as Channel);
  }

  private get(key: string): string | null {
    return this.getStmt.get(key)?.value ?? null;
  }
}
