/**
 * Stopping the service as an operator does (`npm run server`, then SIGTERM): an open change stream is
 * closed with 1001 `shutting_down`, the close code the client reads as "the service is going away,
 * reconnect later", and the process exits cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '@shared/protocol/api';
import { STREAM_CLOSE } from '@shared/protocol/stream';
import { Api, expectStatus } from '../support/api-client';
import { spawnService, type ServiceChild } from '../support/service-process';
import { StreamClient } from '../support/stream-client';

const CREDENTIALS = { email: 'shutdown-admin@example.com', password: 'a long enough password' };

let service: ServiceChild | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await service?.kill();
  service = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('SIGTERM', () => {
  it('closes open change streams with 1001 shutting_down, then exits with 0', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-shutdown-'));
    service = await spawnService({
      dataDir,
      env: {
        SESSIONDESK_ADMIN_EMAIL: CREDENTIALS.email,
        SESSIONDESK_ADMIN_PASSWORD: CREDENTIALS.password,
        SESSIONDESK_LOG_LEVEL: 'warn',
      },
      startupLimitMs: 45_000,
    });
    const login = expectStatus(
      await new Api(service.url).post<LoginResponse>('/auth/login', CREDENTIALS),
      200,
    );
    const stream = await StreamClient.open(service.url, login.accessToken, 0);
    await stream.waitFor((messages) => messages.some((m) => m.type === 'ready'));

    const stopped = service.stop();
    expect(await stream.closed).toEqual(STREAM_CLOSE.shuttingDown);
    await stopped;
    expect(await service.exited).toEqual({ code: 0, signal: null });
  });
});
