/** A client of the change stream (WebSocket /api/v1/stream), recording what it receives. */
import WebSocket from 'ws';
import type { Change } from '@shared/protocol/api';
import { streamMessageSchema, type StreamMessage } from '@shared/protocol/stream';

/** One change of a batch, with the seq sent before it on the stream. */
export interface StreamedChange {
  readonly prev: number;
  readonly change: Change;
}

export class StreamClient {
  readonly messages: StreamMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      // Every message must match the protocol's schema: a malformed one fails here.
      this.messages.push(streamMessageSchema.parse(JSON.parse(data.toString('utf8'))));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString('utf8') });
        for (const wake of this.waiters.splice(0)) wake();
      }),
    );
  }

  /**
   * Opens the stream; resolves once the socket is open (not necessarily `ready`). `fullSyncHead`: that of
   * the full sync `since` is a cursor of.
   */
  static open(
    baseUrl: string,
    token: string | null,
    since: number,
    fullSyncHead?: number,
  ): Promise<StreamClient> {
    const query = `since=${since}${fullSyncHead === undefined ? '' : `&fullSyncHead=${fullSyncHead}`}`;
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/stream?${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const client = new StreamClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`stream refused: HTTP ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  /** Every change received, one by one, each with the seq sent before it (batches unpacked). */
  changes(): StreamedChange[] {
    return this.messages.flatMap((m) => {
      if (m.type !== 'changes') return [];
      let prev = m.prev;
      return m.changes.map((change) => {
        const item = { prev, change };
        prev = change.seq;
        return item;
      });
    });
  }

  /** Waits until `predicate` holds over the messages received so far. */
  async waitFor(predicate: (messages: StreamMessage[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `stream: condition not met; received ${JSON.stringify(this.messages.map((m) => m.type))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}
