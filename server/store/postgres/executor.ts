/**
 * How the PostgreSQL store talks to the database: every query goes to the open transaction's client when
 * there is one in this async context (AsyncLocalStorage), else to the pool. So services write
 * `store.transaction(async () => { … store.requests.get(…) … })` on either backend, without a handle to
 * pass around. Queries are named prepared statements (parsed and planned once per connection), named
 * after their text.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

interface OpenTransaction {
  readonly client: pg.PoolClient;
  /** Work to run once the outermost transaction has committed, in the order it was registered. */
  readonly onCommit: (() => void)[];
  savepoints: number;
  ended: boolean;
  /** The highest feed seq the transaction took (0: none). */
  seq: number;
}

/** How long a commit waits for its changes to be visible before answering anyway (they are committed). */
const VISIBLE_WAIT_MS = 5_000;

export type SqlValue = string | number | boolean | null | readonly string[] | readonly number[];

export class PostgresExecutor {
  private readonly current = new AsyncLocalStorage<OpenTransaction>();
  private readonly names = new Map<string, string>();

  constructor(
    readonly pool: pg.Pool,
    /** Where a failing onCommit hook is reported (the commit itself stands). */
    private readonly onHookError: (error: unknown) => void,
    /**
     * Resolves once this instance's feed serves every change up to `seq` (the feed pump's watermark): a
     * transaction that took a seq returns only then, so an answer is never ahead of the client's next sync.
     */
    private readonly visible: (seq: number) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** The open transaction took feed position `seq` (requests.nextSeq). */
  tookSeq(seq: number): void {
    const open = this.openTransaction();
    if (open) open.seq = Math.max(open.seq, seq);
  }

  /** The rows `text` returns with `values` for $1, $2…, in the open transaction if there is one. */
  async rows<Row extends pg.QueryResultRow>(text: string, values: readonly SqlValue[] = []): Promise<Row[]> {
    return (await this.run<Row>(text, values)).rows;
  }

  /** The first row, or undefined. */
  async row<Row extends pg.QueryResultRow>(
    text: string,
    values: readonly SqlValue[] = [],
  ): Promise<Row | undefined> {
    return (await this.run<Row>(text, values)).rows[0];
  }

  /** Runs a statement; returns how many rows it changed. */
  async exec(text: string, values: readonly SqlValue[] = []): Promise<number> {
    return (await this.run(text, values)).rowCount ?? 0;
  }

  private run<Row extends pg.QueryResultRow>(text: string, values: readonly SqlValue[]) {
    const target = this.openTransaction()?.client ?? this.pool;
    return target.query<Row>({ name: this.nameOf(text), text, values: values as unknown[] });
  }

  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (name === undefined) {
      name = `q${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name;
  }

  /** The transaction this async context runs in; throws if it has already ended (a promise left running). */
  private openTransaction(): OpenTransaction | undefined {
    const open = this.current.getStore();
    if (open?.ended) throw new Error('A database call ran after its transaction had ended.');
    return open;
  }

  /** Whether this async context runs in a transaction (a read of a row it will write then locks it). */
  inTransaction(): boolean {
    return this.openTransaction() !== undefined;
  }

  /** Runs `work` in one transaction (a savepoint when nested): all of it commits, or none. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const open = this.openTransaction();
    return open ? this.savepoint(open, work) : this.outermost(work);
  }

  /** Runs `run` once the outermost open transaction commits (never if it rolls back); at once outside one. */
  onCommit(run: () => void): void {
    const open = this.openTransaction();
    if (open) open.onCommit.push(run);
    else run();
  }

  private async outermost<T>(work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const open: OpenTransaction = { client, onCommit: [], savepoints: 0, ended: false, seq: 0 };
    let broken: Error | undefined;
    let committed = false;
    // The pool stops listening to a client's errors while it is checked out: a connection that breaks
    // between two statements (PostgreSQL restarting ends every session) would emit 'error' to nobody, and
    // that ends the process. Kept here, the error fails the next statement instead (503), and the pool
    // drops the connection.
    const lost = (error: Error) => (broken = error);
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      const result = await this.current.run(open, work);
      await client.query('COMMIT');
      open.ended = true;
      for (const run of open.onCommit) {
        try {
          run();
        } catch (error) {
          this.onHookError(error);
        }
      }
      committed = true;
      return result;
    } catch (error) {
      open.ended = true;
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is gone (the rollback happened with it): the pool must not hand it out again.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.removeListener('error', lost);
      client.release(broken);
      // After the connection is back in the pool: the feed pump may need it to move the watermark.
      if (committed && open.seq > 0) await this.whenVisible(open.seq);
    }
  }

  /** Waits for the watermark to reach `seq`, at most VISIBLE_WAIT_MS (the database may be unreachable). */
  private async whenVisible(seq: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, VISIBLE_WAIT_MS)));
    try {
      await Promise.race([this.visible(seq), bound]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async savepoint<T>(open: OpenTransaction, work: () => Promise<T>): Promise<T> {
    const name = `sp${++open.savepoints}`;
    await open.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await open.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      // If the connection is gone these fail too; the outermost transaction then rolls back with it.
      await open.client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      await open.client.query(`RELEASE SAVEPOINT ${name}`).catch(() => undefined);
      throw error;
    }
  }
}
