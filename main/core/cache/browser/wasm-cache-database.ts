/**
 * The cache's engine in a browser: SQLite compiled to WebAssembly (`@sqlite.org/sqlite-wasm`, its `oo1`
 * API), wrapped to answer as better-sqlite3 does (cache-database.ts), so that CacheStore, the SQL
 * classes and their tests run unchanged on either engine: rows as objects keyed by column name, `pluck`
 * and `raw`, integers as numbers (better-sqlite3 without safeIntegers), `run()`'s `changes` counting only
 * what the statement itself changed, named parameters given without their `@`, and better-sqlite3's
 * refusal of a missing or surplus parameter. It imports nothing of Node, and runs in Node too (the tests
 * and the query benchmark open it on an in-memory database).
 */
import type { Database, PreparedStatement, SqlValue, Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import {
  migrateCache,
  type CacheDatabase,
  type CacheRunResult,
  type CacheStatement,
} from '../cache-database';

type Row = Record<string, unknown>;

/** An integer beyond 2^53 comes back as a BigInt; better-sqlite3 gives a number: the same here. */
function toJs(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

class WasmStatement implements CacheStatement<unknown[], unknown> {
  private mode: 'object' | 'pluck' | 'raw' = 'object';
  private columns: string[] | null = null;
  /** Each parameter's name without its prefix (`@`, `:` or `$`), or null for a `?`. */
  private readonly parameters: (string | null)[] = [];

  constructor(
    private readonly sqlite3: Sqlite3Static,
    private readonly db: Database,
    private readonly stmt: PreparedStatement,
  ) {
    for (let i = 1; i <= stmt.parameterCount; i++) {
      const name = sqlite3.capi.sqlite3_bind_parameter_name(stmt.pointer!, i);
      this.parameters.push(name ? name.slice(1) : null);
    }
  }

  pluck(toggle = true): this {
    this.mode = toggle ? 'pluck' : this.mode === 'pluck' ? 'object' : this.mode;
    return this;
  }

  raw(toggle = true): this {
    this.mode = toggle ? 'raw' : this.mode === 'raw' ? 'object' : this.mode;
    return this;
  }

  run(...params: unknown[]): CacheRunResult {
    const capi = this.sqlite3.capi;
    const before = capi.sqlite3_total_changes(this.db.pointer!);
    this.execute(params, () => false);
    // As better-sqlite3: a statement that changed nothing reports 0, not the previous statement's count.
    const changed = capi.sqlite3_total_changes(this.db.pointer!) !== before;
    return {
      changes: changed ? capi.sqlite3_changes(this.db.pointer!) : 0,
      lastInsertRowid: Number(capi.sqlite3_last_insert_rowid(this.db.pointer!)),
    };
  }

  get(...params: unknown[]): unknown {
    let row: unknown = undefined;
    this.execute(params, () => {
      row = this.row();
      return true;
    });
    return row;
  }

  all(...params: unknown[]): unknown[] {
    const rows: unknown[] = [];
    this.execute(params, () => {
      rows.push(this.row());
      return false;
    });
    return rows;
  }

  /** Binds, steps until `onRow` says it has enough (or the rows end), and always resets. */
  private execute(params: unknown[], onRow: () => boolean): void {
    this.bind(params);
    try {
      while (this.stmt.step()) if (onRow()) break;
    } finally {
      this.stmt.reset(true);
    }
  }

  private row(): unknown {
    if (this.mode === 'pluck') return toJs(this.stmt.get(0));
    const values = this.stmt.get([]).map(toJs);
    if (this.mode === 'raw') return values;
    this.columns ??= this.stmt.getColumnNames();
    const row: Row = {};
    this.columns.forEach((name, i) => (row[name] = values[i]));
    return row;
  }

  /** better-sqlite3's rules: positional values in order (arrays spread), named ones from one object. */
  private bind(params: unknown[]): void {
    const positional: unknown[] = [];
    let named: Row | null = null;
    for (const param of params) {
      if (Array.isArray(param)) positional.push(...(param as unknown[]));
      else if (param !== null && typeof param === 'object' && !(param instanceof Uint8Array)) {
        if (named) throw new TypeError('You cannot specify named parameters in two different objects');
        named = param as Row;
      } else positional.push(param);
    }
    let next = 0;
    this.parameters.forEach((name, i) => {
      let value: unknown;
      if (name === null || /^\d*$/.test(name)) {
        if (next >= positional.length) throw new RangeError('Too few parameter values were provided');
        value = positional[next++];
      } else {
        if (!named || !(name in named)) throw new RangeError(`Missing named parameter "${name}"`);
        value = named[name];
      }
      if (value === undefined)
        throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null');
      this.stmt.bind(i + 1, value as SqlValue);
    });
    if (next < positional.length) throw new RangeError('Too many parameter values were provided');
  }
}

class WasmCacheDatabase implements CacheDatabase {
  constructor(
    private readonly sqlite3: Sqlite3Static,
    private readonly db: Database,
  ) {}

  get open(): boolean {
    return this.db.isOpen();
  }

  prepare<BindParameters extends unknown[] | object = unknown[], Result = unknown>(
    sql: string,
  ): BindParameters extends unknown[]
    ? CacheStatement<BindParameters, Result>
    : CacheStatement<[BindParameters], Result> {
    // One statement class answers every typing the callers give it: the types are theirs to state.
    return new WasmStatement(this.sqlite3, this.db, this.db.prepare(sql)) as never;
  }

  exec(sql: string): this {
    this.db.exec(sql);
    return this;
  }

  pragma(source: string, options: { simple?: boolean } = {}): unknown {
    const statement = this.prepare<unknown[], unknown>(`PRAGMA ${source}`);
    return options.simple ? statement.pluck().get() : statement.all();
  }

  transaction<T>(work: () => T): () => T {
    return () => {
      // Inside a transaction already: a savepoint, as better-sqlite3 nests them.
      const nested = this.sqlite3.capi.sqlite3_get_autocommit(this.db.pointer!) === 0;
      this.db.exec(nested ? 'SAVEPOINT cache_tx' : 'BEGIN');
      try {
        const result = work();
        this.db.exec(nested ? 'RELEASE cache_tx' : 'COMMIT');
        return result;
      } catch (error) {
        if (nested) this.db.exec('ROLLBACK TO cache_tx; RELEASE cache_tx');
        else if (this.sqlite3.capi.sqlite3_get_autocommit(this.db.pointer!) === 0) this.db.exec('ROLLBACK');
        throw error;
      }
    };
  }

  close(): void {
    // oo1 finalizes the statements still open.
    this.db.close();
  }
}

/** The wrapper alone: no settings, no migration (a test writes an old schema with it). */
export function wrapWasmDatabase(sqlite3: Sqlite3Static, db: Database): CacheDatabase {
  return new WasmCacheDatabase(sqlite3, db);
}

/**
 * The settings both hosts share, then the migrations. `journal` is the host's: an in-memory database
 * (tests, the benchmark) keeps its journal in memory whatever is asked; on OPFS see browser-caches.ts.
 */
export function openWasmCacheDatabase(
  sqlite3: Sqlite3Static,
  db: Database,
  name: string,
  journal: { journalMode: string; synchronous: string } = { journalMode: 'MEMORY', synchronous: 'FULL' },
): CacheDatabase {
  const cache = new WasmCacheDatabase(sqlite3, db);
  try {
    cache.pragma(`journal_mode = ${journal.journalMode}`);
    cache.pragma(`synchronous = ${journal.synchronous}`);
    cache.pragma('foreign_keys = ON');
    migrateCache(cache, name);
    return cache;
  } catch (error) {
    cache.close();
    throw error;
  }
}
