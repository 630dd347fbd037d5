/**
 * The cache's database as CacheStore and the SQL classes use it, whichever engine runs it: better-sqlite3
 * in Node (`node/node-cache-database.ts`) or SQLite compiled to WebAssembly in a browser's Worker
 * (`browser/wasm-cache-database.ts`). The interface is better-sqlite3's own, cut to what the cache calls,
 * so both engines answer alike: rows as objects (or the first column, `pluck`; or arrays, `raw`),
 * integers as numbers, NULL as null, `run()`'s `changes` and `lastInsertRowid`, named parameters as
 * `@name` in the SQL and `name` in the object. The versioned migrations are here, common to both; a cache
 * written by a newer Sessiondesk is refused rather than misread.
 */
import { CACHE_MIGRATIONS } from './cache-migrations';

export interface CacheRunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

/** A prepared statement; `pluck` and `raw` switch how it answers from then on and return it. */
export interface CacheStatement<BindParameters extends unknown[] = unknown[], Result = unknown> {
  run(...params: BindParameters): CacheRunResult;
  get(...params: BindParameters): Result | undefined;
  all(...params: BindParameters): Result[];
  pluck(toggle?: boolean): this;
  raw(toggle?: boolean): this;
}

export interface CacheDatabase {
  /** False once closed. */
  readonly open: boolean;
  prepare<BindParameters extends unknown[] | object = unknown[], Result = unknown>(
    sql: string,
  ): BindParameters extends unknown[]
    ? CacheStatement<BindParameters, Result>
    : CacheStatement<[BindParameters], Result>;
  /** Runs one or more statements, no parameters, no result. */
  exec(sql: string): this;
  /** `PRAGMA <source>`: its rows as objects, or with `simple` the first row's first column. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** `work` in a transaction (a savepoint inside another), committed when it returns, else rolled back. */
  transaction<T>(work: () => T): () => T;
  close(): void;
}

export class CacheTooNewError extends Error {
  override readonly name = 'CacheTooNewError';
  readonly code = 'cache_too_new';
  constructor(file: string, found: number, known: number) {
    super(
      `The cache ${file} has schema version ${found}, newer than this Sessiondesk knows (${known}). ` +
        'Update Sessiondesk, or sign out and in again to rebuild it.',
    );
  }
}

/** Applies the migrations the cache has not seen, each in its own transaction. Returns the version. */
export function migrateCache(db: CacheDatabase, file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = CACHE_MIGRATIONS.length;
  if (current > latest) throw new CacheTooNewError(file, current, latest);
  for (let version = current + 1; version <= latest; version++) {
    db.transaction(() => {
      db.exec(CACHE_MIGRATIONS[version - 1]!);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return latest;
}
