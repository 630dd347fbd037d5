/**
 * `npm run server`: starts the session request service from the command line, prints where it listens
 * (and the first admin's generated password, once), and stops gracefully on SIGINT/SIGTERM; or, given
 * `backup` or `restore` first, runs that command on the data folder (`data-commands.ts`).
 */
import { ConfigError, helpText, isDataCommand, loadConfig } from './config';
import { runDataCommand } from './data-commands';
import { DatabaseTooNewError } from './db/database';
import { DataFolderError } from './db/data-folder';
import { startService } from './service';

async function main(): Promise<number> {
  const [first, ...rest] = process.argv.slice(2);
  if (isDataCommand(first)) return runDataCommand(first, rest, process.env);
  let parsed;
  try {
    parsed = loadConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    console.log(helpText());
    return 0;
  }

  const service = await startService({ config: parsed.config });
  console.log(`Sessiondesk service listening on ${service.url}`);
  if (service.publicUrl !== service.url) console.log(`Links point to ${service.publicUrl}`);
  if (service.firstAdmin) {
    console.log(`First admin: ${service.firstAdmin.email}`);
    if (service.firstAdmin.password) {
      console.log(`Password:    ${service.firstAdmin.password}   (shown once: sign in and keep it safe)`);
    }
  }

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      console.log(`${signal}: stopping after the work in flight…`);
      resolve();
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  await service.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DatabaseTooNewError || error instanceof DataFolderError)
      console.error(error.message);
    else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `${(error as Error).message}: another program uses this port; choose another with --port.`,
      );
    } else console.error(error);
    process.exit(1);
  },
);
