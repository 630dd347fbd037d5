/**
 * `npm run server -- backup …` and `… restore …`: the data folder's backup and restore from the command
 * line, printing progress and the result, and each refusal as one line saying what to do (exit code 1; a
 * wrong flag exits 2, as the service's own).
 */
import { ConfigError, helpText, loadDataCommand, type DataCommandName } from './config';
import { backupDataFolder, type BackupProgress } from './db/backup';
import { DatabaseTooNewError } from './db/database';
import { DataFolderError } from './db/data-folder';
import { restoreDataFolder } from './db/restore';

export async function runDataCommand(
  command: DataCommandName,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let parsed;
  try {
    parsed = loadDataCommand(command, argv, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (parsed.help) {
    console.log(helpText());
    return 0;
  }
  try {
    if (parsed.command === 'backup') await backup(parsed.dataDir, parsed.folder);
    else restore(parsed.dataDir, parsed.folder);
    return 0;
  } catch (error) {
    if (!(error instanceof DataFolderError || error instanceof DatabaseTooNewError)) throw error;
    console.error(error.message);
    return 1;
  }
}

async function backup(dataDir: string, to: string): Promise<void> {
  console.log(`Backing up ${dataDir} to ${to}`);
  const result = await backupDataFolder({ dataDir, to, onProgress: progressPrinter() });
  console.log(
    `Backup written to ${result.folder}: the database (schema ${result.schemaVersion}, changes up to ` +
      `seq ${result.head}) and the secrets.`,
  );
}

/** Prints pages done / total at the start, every 5 % and at the end. */
function progressPrinter(): (progress: BackupProgress) => void {
  let printed = -1;
  return ({ pagesDone, totalPages }) => {
    const percent = totalPages === 0 ? 100 : Math.floor((pagesDone * 100) / totalPages);
    if (printed >= 0 && percent < printed + 5 && !(percent === 100 && printed < 100)) return;
    printed = percent;
    console.log(`  database: ${pagesDone} / ${totalPages} pages (${percent} %)`);
  };
}

function restore(dataDir: string, from: string): void {
  const result = restoreDataFolder({ dataDir, from, now: new Date() });
  console.log(
    `Restored ${from} into ${dataDir}: schema ${result.schemaVersion}, changes up to seq ${result.head}.`,
  );
  if (result.replacedFolder) console.log(`The files it replaced are in ${result.replacedFolder}.`);
  if (result.resyncThrough !== null) {
    console.log(
      `The change feed goes on from seq ${result.resyncThrough}: clients whose cursor is below it sync again.`,
    );
  } else console.log('Clients whose cursor is past the restored changes sync again.');
}
