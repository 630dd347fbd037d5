/**
 * The browser shell's command line (`npm run start:browser -- --help`), parsed without side effects so
 * that tests can check it.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Where the shell listens unless --port says otherwise. */
export const DEFAULT_PORT = 7310;

const DEFAULT_DATA_DIR = './.data/browser-shell';

export const HELP = `Usage: npm run start:browser -- [flags]

The Sessiondesk agent client in a browser: the same core as the desktop app, serving the built renderer
(npm run build) on 127.0.0.1. Open the address it prints; it carries this launch's key.

  --server URL      the session request service to sign in to (environment SESSIONDESK_DEFAULT_SERVER_URL)
  --port N          the port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --data-dir DIR    where the client keeps its cache, settings and secrets (default ${DEFAULT_DATA_DIR})
  --downloads-dir DIR  where exports (a report's CSV) are saved (default $XDG_DOWNLOAD_DIR, else ~/Downloads)
  --help            this text

Logs go to stderr as JSON lines (level: SESSIONDESK_LOG_LEVEL, default info).`;

export interface CliOptions {
  readonly help: boolean;
  readonly serverUrl: string | undefined;
  readonly port: number;
  readonly dataDir: string;
  /** Where exports are saved; undefined: the user's Downloads folder. */
  readonly downloadsDir: string | undefined;
}

export class UsageError extends Error {}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        server: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'downloads-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const portText = values.port ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) {
    throw new UsageError(`--port is a number from 0 to 65535, not "${portText}".`);
  }
  const serverUrl = values.server ?? (env['SESSIONDESK_DEFAULT_SERVER_URL'] || undefined);
  if (serverUrl !== undefined) {
    let protocol = '';
    try {
      protocol = new URL(serverUrl).protocol;
    } catch {
      // refused below
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new UsageError(`--server is the service's http(s) address, like https://support.example.com.`);
    }
  }
  return {
    help: values.help ?? false,
    serverUrl,
    port,
    dataDir: resolve(values['data-dir'] ?? DEFAULT_DATA_DIR),
    downloadsDir: values['downloads-dir'] === undefined ? undefined : resolve(values['downloads-dir']),
  };
}
