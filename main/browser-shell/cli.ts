/**
 * `npm run start:browser -- [flags]`: the agent client in a browser. Starts the core and serves the built
 * renderer on 127.0.0.1, prints the address to open (with its launch key) on one line, and stops
 * gracefully on SIGINT/SIGTERM.
 */
import { prestartCache } from '../core/cache/node/cache-prestart';
import { HELP, parseCli, UsageError, type CliOptions } from './cli-options';

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${HELP}`);
    return 2;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }

  // The cache opens in its worker while the shell and the core are imported (cache-prestart.ts).
  void prestartCache(options.dataDir);
  const [{ pino }, { startBrowserShell }, { setTranslationErrorHandler }] = await Promise.all([
    import('pino'),
    import('./shell'),
    import('@shared/i18n/translator'),
  ]);
  const logger = pino(
    { name: 'browser-shell', level: process.env['SESSIONDESK_LOG_LEVEL'] ?? 'info' },
    pino.destination({ fd: 2, sync: true }),
  );
  // A message that cannot be formatted shows its id to the agent; the log says which and why.
  setTranslationErrorHandler((error) => logger.warn({ err: error }, 'a message could not be formatted'));
  const shell = await startBrowserShell({
    dataDir: options.dataDir,
    port: options.port,
    logger,
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
    ...(options.downloadsDir ? { downloadsDir: options.downloadsDir } : {}),
  });
  console.log(`Sessiondesk agent client (browser shell): ${shell.url}`);

  const signal = await new Promise<string>((resolveSignal) => {
    process.once('SIGINT', () => resolveSignal('SIGINT'));
    process.once('SIGTERM', () => resolveSignal('SIGTERM'));
  });
  logger.info(`${signal}: stopping`);
  await shell.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `${(error as Error).message}: another program uses this port; choose another with --port.`,
      );
    } else console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
