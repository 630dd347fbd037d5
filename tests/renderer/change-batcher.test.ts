/** Live `requests` events batched per frame, and tasks that run at most once at a time. */
import { describe, expect, it } from 'vitest';
import { ChangeBatcher, coalesced, type ChangeBatch } from '../../renderer/src/store/change-batcher';

function manualFrames() {
  const queued: (() => void)[] = [];
  return {
    schedule: (callback: () => void) => void queued.push(callback),
    runFrame: () => queued.splice(0).forEach((callback) => callback()),
    get pending() {
      return queued.length;
    },
  };
}

describe('ChangeBatcher', () => {
  it('flushes once per frame with every id that changed', () => {
    const frames = manualFrames();
    const flushed: ChangeBatch[] = [];
    const batcher = new ChangeBatcher(frames.schedule, (batch) => flushed.push(batch));
    for (let i = 0; i < 500; i++) batcher.add({ ids: [`r${i % 50}`], all: false });
    expect(frames.pending).toBe(1);
    expect(flushed).toHaveLength(0);
    frames.runFrame();
    expect(flushed).toHaveLength(1);
    expect(flushed[0]!.ids.size).toBe(50);
    expect(flushed[0]!.all).toBe(false);

    batcher.add({ ids: [], all: true });
    batcher.add({ ids: ['x'], all: false });
    frames.runFrame();
    expect(flushed[1]!.all).toBe(true);
    expect(frames.pending).toBe(0);
  });
});

describe('coalesced', () => {
  it('runs at most one at a time, and once more when asked meanwhile', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const task = coalesced(
      () =>
        new Promise<void>((resolve) => {
          runs++;
          release = resolve;
        }),
    );
    task();
    task();
    task();
    expect(runs).toBe(1);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toBe(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toBe(2);
  });
});
