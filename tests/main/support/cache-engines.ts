/**
 * The cache's two engines, for tests that check every query on both: better-sqlite3 on a file (the
 * desktop's) and SQLite compiled to WebAssembly (the web console's), here in Node on a database in the
 * module's memory file system, so a name opened again finds what was written (the browser keeps it in
 * OPFS: tests/e2e/wasm-cache.spec.ts). `onStatement` hears each statement run, its parameters written in
 * (better-sqlite3's `verbose`; SQLite's statement trace on the wasm engine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3InitModule, { type Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import Database from 'better-sqlite3';
import { migrateCache, type CacheDatabase } from '../../../main/core/cache/cache-database';
import { CacheStore } from '../../../main/core/cache/cache-store';
import { openWasmCacheDatabase } from '../../../main/core/cache/browser/wasm-cache-database';
import { openNodeCacheDatabase } from '../../../main/core/cache/node/node-cache-database';

let sqlite3: Promise<Sqlite3Static> | null = null;
export const loadSqliteWasm = () => (sqlite3 ??= sqlite3InitModule());

export interface CacheEngine {
  readonly name: 'better-sqlite3' | 'sqlite-wasm';
  /** A new place for a cache: a file in a temporary folder, or a fresh name in the wasm memory. */
  place(): string;
  /** Opens (and migrates) the cache at `place`. */
  open(place: string, onStatement?: (sql: string) => void): Promise<CacheDatabase>;
  /** The database at `place`, not migrated: to write an old or newer schema by hand. */
  raw(place: string): Promise<CacheDatabase>;
  /** Removes what `place` made. */
  cleanup(): void;
}

let unique = 0;

function nodeEngine(): CacheEngine {
  const folders: string[] = [];
  return {
    name: 'better-sqlite3',
    place() {
      const folder = mkdtempSync(join(tmpdir(), 'sessiondesk-cache-engine-'));
      folders.push(folder);
      return join(folder, 'cache.sqlite');
    },
    open(place, onStatement) {
      if (!onStatement) return Promise.resolve(openNodeCacheDatabase(place));
      const db = new Database(place, { verbose: (sql) => onStatement(String(sql)) });
      migrateCache(db, place);
      return Promise.resolve(db);
    },
    raw(place) {
      return Promise.resolve(new Database(place));
    },
    cleanup() {
      for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    },
  };
}

function wasmEngine(): CacheEngine {
  const names: string[] = [];
  const rawDb = async (place: string) => {
    const sqlite3 = await loadSqliteWasm();
    return { sqlite3, db: new sqlite3.oo1.DB(place, 'c') };
  };
  return {
    name: 'sqlite-wasm',
    place() {
      const name = `/cache-${process.pid}-${++unique}.sqlite`;
      names.push(name);
      return name;
    },
    async open(place, onStatement) {
      const { sqlite3, db } = await rawDb(place);
      if (onStatement) {
        const { capi, wasm } = sqlite3;
        // Typed with three arguments; SQLite's (and the binding's) fourth is the callback's context.
        (capi.sqlite3_trace_v2 as unknown as (...args: unknown[]) => number)(
          db.pointer,
          capi.SQLITE_TRACE_STMT,
          (_type: number, _context: number, statement: number, text: number) => {
            // A trigger's statements come as comments ("-- …"): better-sqlite3's verbose omits them.
            if (wasm.cstrToJs(text)?.startsWith('--')) return 0;
            onStatement(capi.sqlite3_expanded_sql(statement) ?? '');
            return 0;
          },
          0,
        );
      }
      return openWasmCacheDatabase(sqlite3, db, place);
    },
    async raw(place) {
      const { sqlite3, db } = await rawDb(place);
      return openWasmCacheDatabaseUnmigrated(sqlite3, db);
    },
    cleanup() {
      // The module's memory file system goes with the test's process: nothing on disk to remove.
      names.length = 0;
    },
  };
}

/** The wasm engine's wrapper over a database at schema version 0, for a test to write by hand. */
async function openWasmCacheDatabaseUnmigrated(
  sqlite3: Sqlite3Static,
  db: InstanceType<Sqlite3Static['oo1']['DB']>,
) {
  const { wrapWasmDatabase } = await import('../../../main/core/cache/browser/wasm-cache-database');
  return wrapWasmDatabase(sqlite3, db);
}

export const CACHE_ENGINES: readonly (() => CacheEngine)[] = [nodeEngine, wasmEngine];
/** For describe.each: each engine by its name. */
export const ENGINES = CACHE_ENGINES.map((make) => ({ name: make().name, make }));

/** A CacheStore over the engine's cache at `place`. */
export async function openStore(engine: CacheEngine, place: string): Promise<CacheStore> {
  return CacheStore.over(await engine.open(place));
}
