/**
 * The service killed (SIGKILL) and started again while changes stream to the core: once it is back and
 * the core has caught up, the cache holds exactly what the service has — every request at its last seq,
 * every timeline event once — with the cursor at the service's head.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '@shared/protocol/api';
import { Api, expectStatus } from '../../support/api-client';
import { syncAll, timeline } from '../../support/requests';
import { spawnService, type ServiceChild } from '../../support/service-process';
import { TestCore } from '../support/core-harness';

const ADMIN = { email: 'restart-admin@example.com', password: 'restart test password' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

describe('a service restart in the middle of the stream', () => {
  const running: ServiceChild[] = [];
  const folders: string[] = [];
  let core: TestCore | undefined;

  afterEach(async () => {
    await core?.cleanup();
    core = undefined;
    for (const service of running.splice(0)) await service.kill();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  async function start(dataDir: string, port: number): Promise<ServiceChild> {
    const service = await spawnService({
      dataDir,
      port,
      env: {
        SESSIONDESK_ADMIN_EMAIL: ADMIN.email,
        SESSIONDESK_ADMIN_PASSWORD: ADMIN.password,
        SESSIONDESK_LOG_LEVEL: 'warn',
      },
      startupLimitMs: 45_000,
    });
    running.push(service);
    return service;
  }

  async function signIn(url: string): Promise<Api> {
    const api = new Api(url);
    return api.as(expectStatus(await api.post<LoginResponse>('/auth/login', ADMIN), 200).accessToken);
  }

  it('misses nothing and applies nothing twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-restart-'));
    folders.push(dataDir);
    const port = await freePort();
    const first = await start(dataDir, port);
    let api = await signIn(first.url);

    core = await TestCore.start();
    await core.signIn(first.url, ADMIN);
    await core.untilLive();

    // A writer that keeps changing requests (creates and notes) through the kill and after it.
    const ids: string[] = [];
    let writing = true;
    let failedWrites = 0;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        try {
          const created = await api.post('/requests', { recipientName: `Streamed ${i}` });
          if (created.status === 201) {
            ids.push(created.body.id);
            await api.post(`/requests/${created.body.id}/notes`, { text: `note ${i}` });
          }
        } catch {
          failedWrites++;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    })();

    await core.until(async () => (await core!.rows()).length >= 15, 'changes to stream in');
    await first.kill();
    await core.until(async () => (await core!.invoke('connection.get', {})).state !== 'live', 'the drop');

    const second = await start(dataDir, port);
    api = await signIn(second.url);
    await core.untilLive(30_000);
    const countAfterRestart = ids.length;
    await core.until(() => ids.length >= countAfterRestart + 10, 'more changes after the restart');
    writing = false;
    await writer;
    expect(failedWrites).toBeGreaterThan(0); // the premise: the kill cut writes off

    // What the service has, compacted, from 0.
    const truth = (await syncAll(api)).flatMap((c) => (c.type === 'request' ? [c.request] : []));
    await core.until(
      async () => {
        const rows = await core!.rows({ limit: 500 });
        return (
          rows.length === truth.length && rows.every((r) => truth.find((t) => t.id === r.id)?.seq === r.seq)
        );
      },
      'the cache to match the service',
      20_000,
    );

    for (const request of truth) {
      const cached = await core.invoke('requests.get', { requestId: request.id });
      const served = await timeline(api, request.id);
      expect(
        cached!.timeline.map((e) => e.event.id),
        `timeline of ${request.recipientName}`,
      ).toEqual(served.map((e) => e.id));
    }
  }, 120_000);
});
