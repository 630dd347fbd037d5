/**
 * The live driver (scripts/bench/driver.ts) in a process of its own. In the bench's process it shared an
 * event loop with Playwright, whose page evaluations and Chromium trace data (tens of MB of JSON) held
 * the loop for long turns: calls went out late and in bursts, and the driver reached 184 of the 500
 * changes/s it asked for. Here nothing else runs: it opens its keep-alive connections, drives, tells its
 * parent when the measured window starts and ends, and answers with what it did.
 */
import { drive, openDriverConnections } from '../bench/driver';
import { closeConnections } from '../bench/http';
import type { DriverReport, FromDriver, ToDriver } from './driver-messages';

const send = (message: FromDriver) => {
  if (process.connected) process.send?.(message);
};

process.once('message', (message: ToDriver) => {
  void (async () => {
    const { base, adminToken, pool, options } = message;
    await openDriverConnections(base, pool.length);
    send({ type: 'connected' });
    const driven = await drive(base, adminToken, pool, options, (phase) => send({ type: 'window', phase }));
    const inWindow = driven.calls.filter(
      (c) => c.sentAt >= driven.windowStart && c.sentAt < driven.windowEnd,
    );
    const report: DriverReport = {
      asked: options.rate,
      reachedPerSecond: inWindow.filter((c) => c.changed).length / options.seconds,
      sentInWindow: inWindow.length,
      unsent: driven.unsent,
      failures: driven.failures.length,
      firstFailure: driven.failures[0] ?? null,
      pool: pool.map((request) => ({ ...request })),
    };
    send({ type: 'done', report });
  })()
    .catch((error: unknown) => send({ type: 'failed', message: (error as Error).stack ?? String(error) }))
    .finally(() => {
      closeConnections();
      process.disconnect?.();
    });
});
