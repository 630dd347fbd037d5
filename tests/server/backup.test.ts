/**
 * Backup and restore of the data folder, on real files with the real service: a backup taken while
 * requests are being created is a whole database with the secrets, which a service started on a restored
 * copy serves (links sent before still open); restore refuses while a service has the database open and a
 * backup from a newer schema, and keeps what it replaced; a client whose cursor is past the restored head
 * is told to sync again, and so is one that saw changes the backup lacks once new ones pass its cursor. The command line's messages and exit codes are those of the real command.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDataFolder, type BackupProgress } from '../../server/db/backup';
import { MIGRATIONS } from '../../server/db/migrations/index';
import { createRequest, head, sync, syncPages } from '../support/requests';
import { startTestService, tokenOf, type TestService } from '../support/service-harness';
import { runServerCommand } from '../support/service-process';

const COMMAND_LIMIT_MS = 90_000;

let scratch: string;
const services: TestService[] = [];

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sessiondesk-backup-'));
});

afterEach(async () => {
  for (const t of services.splice(0)) await t.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

async function started(dataDir?: string): Promise<TestService> {
  const t = await startTestService(dataDir ? { dataDir } : {});
  services.push(t);
  return t;
}

/** Opens a copy of the database read-only, as a person checking a backup would. */
function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('a backup while requests are being created', () => {
  it(
    'is a whole database with the secrets, which a service restored from it serves',
    async () => {
      const t = await started();
      const before = await createRequest(t.admin, 'Sent before the backup');
      for (let i = 0; i < 40; i++) {
        await createRequest(t.admin, `Filler ${i}`, undefined, { comments: 'x'.repeat(400) });
      }

      // Writers go on creating requests through the API while the copy runs, one page per step, so their
      // commits fall between its steps.
      let copying = true;
      let createdDuringCopy = 0;
      const writer = (async () => {
        while (copying) {
          await createRequest(t.admin, 'Written during the backup');
          if (copying) createdDuringCopy++;
        }
      })();
      const steps: BackupProgress[] = [];
      const to = join(scratch, 'backups', 'first');
      let result;
      try {
        result = await backupDataFolder({
          dataDir: t.dataDir,
          to,
          pagesPerStep: 1,
          onProgress: (p) => steps.push(p),
        });
      } finally {
        copying = false;
        await writer;
      }
      expect(createdDuringCopy).toBeGreaterThan(0);
      expect(steps.length).toBeGreaterThan(2);
      expect(steps.at(-1)).toEqual({ pagesDone: result.totalPages, totalPages: result.totalPages });

      // The folder holds the database and the secrets, owner-only; nothing temporary is left beside it.
      expect(readdirSync(to).sort()).toEqual(['secrets.json', 'sessiondesk.db']);
      expect(modeOf(to)).toBe(0o700);
      expect(modeOf(join(to, 'sessiondesk.db'))).toBe(0o600);
      expect(modeOf(join(to, 'secrets.json'))).toBe(0o600);
      expect(readdirSync(join(scratch, 'backups'))).toEqual(['first']);

      const copy = inspect(join(to, 'sessiondesk.db'), (db) => ({
        integrity: db.pragma('integrity_check', { simple: true }),
        head: db.prepare("SELECT value FROM meta WHERE key = 'seq'").pluck().get() as number,
        requests: db.prepare('SELECT count(*) FROM requests').pluck().get() as number,
        // A request without its created event, or whose last change has no event: torn in two.
        torn: db
          .prepare(
            `SELECT count(*) FROM requests r
            WHERE NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.type = 'created')
               OR NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.seq = r.seq)`,
          )
          .pluck()
          .get() as number,
        newestSeq: db.prepare('SELECT max(seq) FROM requests').pluck().get() as number,
      }));
      expect(copy.integrity).toBe('ok');
      expect(copy.torn).toBe(0);
      expect(copy.head).toBe(result.head);
      expect(copy.newestSeq).toBe(copy.head);
      expect(copy.requests).toBeGreaterThanOrEqual(41);

      // A change after the backup: a client that saw it holds a cursor past the restored head.
      await createRequest(t.admin, 'Written after the backup');
      const cursor = await head(t);
      expect(cursor).toBeGreaterThan(result.head);

      const restoredDir = join(scratch, 'restored');
      const restored = await runServerCommand(['restore', '--data-dir', restoredDir, '--from', to]);
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain(`changes up to seq ${result.head}`);

      const second = await started(restoredDir);
      expect(await head(second)).toBe(result.head);
      const served = await second.admin.get(`/requests/${before.id}`);
      expect(served.status).toBe(200);
      // The link sent before the backup opens the join page: the link-token key came along.
      const page = await second.api.call('GET', `/j/${tokenOf(before.link)}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Allow access');

      const stale = await second.admin.get(`/sync?since=${cursor}`);
      expect(stale.status).toBe(410);
      expect(stale.body.error.code).toBe('resync_required');
      expect((await second.admin.get('/sync?since=0')).status).toBe(200);
    },
    COMMAND_LIMIT_MS,
  );
});

describe('npm run server -- backup', () => {
  it(
    'prints its progress and where the backup is, and exits 0',
    async () => {
      const t = await started();
      await createRequest(t.admin, 'Ann');
      const to = join(scratch, 'nightly');
      const result = await runServerCommand(['backup', '--data-dir', t.dataDir, '--to', to]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/database: 0 \/ (\d+) pages \(0 %\)/);
      expect(result.stdout).toMatch(/database: (\d+) \/ \1 pages \(100 %\)/);
      expect(result.stdout).toContain(`Backup written to ${to}`);
      expect(readdirSync(to).sort()).toEqual(['secrets.json', 'sessiondesk.db']);
    },
    COMMAND_LIMIT_MS,
  );

  it(
    'refuses, in one line and with exit code 1, a missing data folder, database or an existing backup',
    async () => {
      const missing = await runServerCommand([
        'backup',
        '--data-dir',
        join(scratch, 'nowhere'),
        '--to',
        join(scratch, 'b1'),
      ]);
      expect(missing.code).toBe(1);
      expect(missing.stderr.trim()).toBe(
        `There is no data folder ${join(scratch, 'nowhere')}: give the service's --data-dir (or SESSIONDESK_DATA_DIR).`,
      );

      const empty = await runServerCommand(['backup', '--data-dir', scratch, '--to', join(scratch, 'b2')]);
      expect(empty.code).toBe(1);
      expect(empty.stderr.trim()).toMatch(/holds no sessiondesk\.db: is it the service's data folder/);

      const t = await started();
      const existing = await runServerCommand(['backup', '--data-dir', t.dataDir, '--to', scratch]);
      expect(existing.code).toBe(1);
      expect(existing.stderr.trim()).toMatch(/exists already: backups are never overwritten/);

      const noFolder = await runServerCommand(['backup', '--data-dir', t.dataDir]);
      expect(noFolder.code).toBe(2);
      expect(noFolder.stderr).toContain('backup needs --to FOLDER');
      for (const r of [missing, empty, existing, noFolder]) expect(r.stderr).not.toMatch(/\n\s+at /);
      // Nothing was written for any of them.
      expect(readdirSync(scratch)).toEqual([]);
    },
    COMMAND_LIMIT_MS,
  );

  it(
    'is listed by --help',
    async () => {
      const help = await runServerCommand(['--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('backup --data-dir DIR --to FOLDER');
      expect(help.stdout).toContain('restore --data-dir DIR --from FOLDER');
    },
    COMMAND_LIMIT_MS,
  );
});

describe('npm run server -- restore', () => {
  it(
    'refuses while the service has the database open, and changes nothing',
    async () => {
      const t = await started();
      const to = join(scratch, 'backup');
      await backupDataFolder({ dataDir: t.dataDir, to });
      const filesBefore = readdirSync(t.dataDir).sort();

      const result = await runServerCommand(['restore', '--data-dir', t.dataDir, '--from', to]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `${join(t.dataDir, 'sessiondesk.db')} is open in a running Sessiondesk service (or another program): ` +
          'stop it (e.g. systemctl stop sessiondesk) and run the restore again.',
      );
      expect(readdirSync(t.dataDir).sort()).toEqual(filesBefore);
      expect((await t.admin.get('/requests')).status).toBe(200);
    },
    COMMAND_LIMIT_MS,
  );

  it(
    'refuses a backup from a newer schema, and changes nothing',
    async () => {
      const t = await started();
      const to = join(scratch, 'backup');
      await backupDataFolder({ dataDir: t.dataDir, to });
      const stamp = new Database(join(to, 'sessiondesk.db'));
      stamp.pragma(`user_version = ${MIGRATIONS.length + 1}`);
      stamp.close();

      const target = join(scratch, 'target');
      const result = await runServerCommand(['restore', '--data-dir', target, '--from', to]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `The database ${join(to, 'sessiondesk.db')} has schema version ${MIGRATIONS.length + 1}, newer than this Sessiondesk knows`,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(target, 'sessiondesk.db'))).toBe(false);
      expect(readdirSync(target)).toEqual([]);
    },
    COMMAND_LIMIT_MS,
  );

  it(
    'keeps the files it replaces in a folder named by the time, which can itself be restored',
    async () => {
      const t = await started();
      const kept = await createRequest(t.admin, 'Kept aside');
      const to = join(scratch, 'backup');
      await backupDataFolder({ dataDir: t.dataDir, to });
      const later = await createRequest(t.admin, 'Only in the replaced files');
      await t.stop();

      const result = await runServerCommand(['restore', '--data-dir', t.dataDir, '--from', to]);
      expect(result.code).toBe(0);
      const replaced = readdirSync(t.dataDir).filter((name) => name.startsWith('replaced-'));
      expect(replaced).toHaveLength(1);
      const replacedFolder = join(t.dataDir, replaced[0]!);
      expect(result.stdout).toContain(`The files it replaced are in ${replacedFolder}.`);
      expect(readdirSync(replacedFolder).sort()).toEqual(['secrets.json', 'sessiondesk.db']);
      expect(modeOf(replacedFolder)).toBe(0o700);
      expect(modeOf(join(t.dataDir, 'sessiondesk.db'))).toBe(0o600);

      let restarted = await t.restart();
      services.push(restarted);
      expect((await restarted.admin.get(`/requests/${kept.id}`)).status).toBe(200);
      expect((await restarted.admin.get(`/requests/${later.id}`)).status).toBe(404);
      await restarted.stop();

      // Undoing the restore: the replaced files are a backup too.
      const undo = await runServerCommand(['restore', '--data-dir', t.dataDir, '--from', replacedFolder]);
      expect(undo.code).toBe(0);
      restarted = await restarted.restart();
      services.push(restarted);
      expect((await restarted.admin.get(`/requests/${later.id}`)).status).toBe(200);
    },
    COMMAND_LIMIT_MS,
  );

  it(
    'tells a client that saw changes the backup lacks to sync again, even once new changes pass its cursor',
    async () => {
      const t = await started();
      await createRequest(t.admin, 'In the backup');
      const to = join(scratch, 'backup');
      const backup = await backupDataFolder({ dataDir: t.dataDir, to });
      await createRequest(t.admin, 'Lost by the restore');
      await createRequest(t.admin, 'Lost too');
      const cursor = await head(t);
      await t.stop();

      const result = await runServerCommand(['restore', '--data-dir', t.dataDir, '--from', to]);
      expect(result.code).toBe(0);
      const restarted = await t.restart();
      services.push(restarted);
      // New changes carry the feed past the cursor of a client that saw the lost ones.
      for (let seq = backup.head; seq <= cursor; seq++) await createRequest(restarted.admin, `New ${seq}`);
      expect(await head(restarted)).toBeGreaterThan(cursor);

      for (const since of [cursor, backup.head + 1]) {
        const stale = await restarted.admin.get(`/sync?since=${since}`);
        expect(stale.status).toBe(410);
        expect(stale.body.error.code).toBe('resync_required');
      }
      // Syncing again from 0 gives a cursor the service takes.
      const next = (await syncPages(restarted.admin)).at(-1)!.next;
      expect((await sync(restarted.admin, next)).changes).toEqual([]);
    },
    COMMAND_LIMIT_MS,
  );

  it(
    'replaces a database too damaged to open, the reason to restore',
    async () => {
      const t = await started();
      const to = join(scratch, 'backup');
      await backupDataFolder({ dataDir: t.dataDir, to });
      const live = join(scratch, 'live');
      mkdirSync(live);
      writeFileSync(join(live, 'sessiondesk.db'), 'not a database '.repeat(500));

      const result = await runServerCommand(['restore', '--data-dir', live, '--from', to]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const replaced = readdirSync(live).filter((name) => name.startsWith('replaced-'));
      expect(readdirSync(join(live, replaced[0]!))).toEqual(['sessiondesk.db']);
      expect(inspect(join(live, 'sessiondesk.db'), (db) => db.pragma('quick_check', { simple: true }))).toBe(
        'ok',
      );
    },
    COMMAND_LIMIT_MS,
  );
});
