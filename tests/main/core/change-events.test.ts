/**
 * One change, one `requests` event: an online create and an action each tell the renderer once, although
 * the cache hears of them twice (the service's HTTP answer, then the stream's echo of the same seq). The
 * echo adds the timeline event the answer lacks, so the one event comes when both are in the cache.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRequest } from '../../support/requests';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { TestCore } from '../support/core-harness';

describe('the core’s requests events', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;

  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    core = t = undefined;
  });

  /**
   * The `requests` events since `mark` that name `ids`, once the stream has brought everything up to
   * now: a request created at the service meanwhile is in the cache (the stream is in order).
   */
  async function eventsNaming(mark: number, ids: (id: string) => boolean, barrier: string) {
    const later = await createRequest(t!.admin, barrier);
    await core!.until(async () => (await core!.rows()).some((r) => r.id === later.id), barrier);
    return core!.events
      .slice(mark)
      .filter((e) => e.name === 'requests')
      .map((e) => e.payload as { ids: string[]; all: boolean })
      .filter((p) => p.all || p.ids.some(ids));
  }

  it('emits one event per online create and one per action, each after its timeline is cached', async () => {
    t = await startTestService();
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();
    await core.until(async () => (await core!.invoke('sync.get', {})).phase === 'live', 'the first sync');

    let mark = core.events.length;
    const created = await core.invoke('requests.create', {
      recipientName: 'Counted once',
      comments: '',
      channelId: t.supportChannel.id,
    });
    expect(created.queued).toBe(false);
    const createEvents = await eventsNaming(
      mark,
      (id) => id === created.rowId || id.startsWith('local:'),
      'After the create',
    );
    expect(createEvents).toHaveLength(1);
    expect((await core.rows()).filter((r) => r.recipientName === 'Counted once').map((r) => r.id)).toEqual([
      created.rowId,
    ]);
    const afterCreate = await core.invoke('requests.get', { requestId: created.rowId });
    expect(afterCreate!.timeline.map((e) => e.event.type)).toContain('created');

    mark = core.events.length;
    await core.invoke('requests.act', { requestId: created.rowId, action: { type: 'release' } });
    const actionEvents = await eventsNaming(mark, (id) => id === created.rowId, 'After the action');
    expect(actionEvents).toHaveLength(1);
    const afterAction = await core.invoke('requests.get', { requestId: created.rowId });
    expect(afterAction!.timeline.at(-1)!.event.type).toBe('released');
  });
});
