/**
 * Back by itself: the service stops and starts again on the same port, and the core — on the real
 * reconnection schedule, as unlucky as its random draws can make it — is Live again without anyone
 * clicking Retry now, having never planned a wait longer than 4 s (so Live within 5 s of the service).
 * And Retry now: with a wait so long that only the command can be what reconnects, it does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '@shared/ipc/views';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { TestCore } from '../support/core-harness';

describe('reconnecting after the service comes back', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;

  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    core = t = undefined;
  });

  /** Each wait the core announced (`nextAttemptAt`), from the moment it announced it. */
  function plannedWaits(): number[] {
    return core!.events
      .filter((e) => e.name === 'connection' && (e.payload as ConnectionView).nextAttemptAt !== null)
      .map((e) => (e.payload as ConnectionView).nextAttemptAt! - e.at);
  }

  async function state(): Promise<ConnectionView['state']> {
    return (await core!.invoke('connection.get', {})).state;
  }

  it('is Live again by itself, every wait at most 4 s however long the service was away', async () => {
    t = await startTestService();
    // The draws start lucky (the shortest wait) and turn as unlucky as they can be (the longest).
    let unlucky = false;
    core = await TestCore.start({
      connection: { startJitterMs: 0, random: () => (unlucky ? 0.9999 : 0) },
    });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();

    const port = new URL(t.url).port;
    await t.stop();
    // Three refused attempts in a row: Offline.
    await core.until(async () => (await state()) === 'offline', 'the core to go offline');
    unlucky = true;
    const planned = plannedWaits().length;
    await core.until(() => plannedWaits().length >= planned + 2, 'two more refused attempts');

    t = await t.restart({ flags: ['--port', port] });
    await core.untilLive(20_000);

    const waits = plannedWaits();
    expect(waits.length).toBeGreaterThanOrEqual(planned + 2);
    expect(Math.max(...waits)).toBeLessThanOrEqual(4_000);
    expect(Math.max(...waits.slice(planned))).toBeGreaterThan(3_900); // the unlucky draws were used
  }, 60_000);

  it('Retry now tries at once instead of waiting out the planned wait', async () => {
    t = await startTestService();
    // Every wait an hour: nothing but connection.retryNow can bring the core back within the test.
    core = await TestCore.start({
      connection: { startJitterMs: 0, backoff: { baseMs: 3_600_000, maxMs: 3_600_000 } },
    });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();

    const port = new URL(t.url).port;
    const planned = plannedWaits().length;
    await t.stop();
    await core.until(() => plannedWaits().length > planned, 'the core to plan its next attempt');
    expect(await state()).not.toBe('live');

    t = await t.restart({ flags: ['--port', port] });
    await core.invoke('connection.retryNow', {});
    await core.untilLive(20_000);
    expect(plannedWaits().length).toBe(planned + 1); // no attempt but the one asked for
  }, 60_000);
});
