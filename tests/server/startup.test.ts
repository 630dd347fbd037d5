/**
 * Starting: the service answers nothing but 503 until it is ready — the first admin exists, the mailer and
 * the scheduler run — so a health check that says ok means a sign-in works. The test knocks on the port
 * from before the service listens until /healthz says ok, then signs in at once. (On a first start the
 * admin's password is hashed after the service listens: the 503s are what it sees meanwhile.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../server/service';
import { Api, type ApiResponse } from '../support/api-client';
import { unusedPort } from '../support/ports';
import { ADMIN, testConfig } from '../support/service-harness';

let running: RunningService | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await running?.stop();
  running = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('starting', () => {
  it('answers 503 until ready; once /healthz says ok, the first admin signs in', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-startup-'));
    const port = await unusedPort();
    const api = new Api(`http://127.0.0.1:${port}`);
    let failed: unknown;
    const starting = startService({
      config: testConfig(dataDir, ['--port', String(port)]),
      logger: pino({ level: 'silent' }),
    }).then(
      (service) => (running = service),
      (error: unknown) => (failed = error),
    );

    const beforeReady: ApiResponse[] = [];
    let signIn: ApiResponse | undefined;
    while (signIn === undefined && failed === undefined) {
      let health: ApiResponse;
      try {
        health = await api.call('GET', '/healthz');
      } catch {
        continue; // not listening yet
      }
      if (health.status === 200) signIn = await api.post('/auth/login', ADMIN);
      else beforeReady.push(health);
    }
    await starting;
    expect(failed).toBeUndefined();

    expect(signIn?.status, JSON.stringify(signIn?.body)).toBe(200);
    for (const answer of beforeReady) {
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe('unavailable');
      expect(answer.headers.get('retry-after')).toBe('1');
    }
  });
});
