/**
 * Live `requests` events, batched per animation frame: however many arrive between two frames, the
 * store hears once, with every id that changed (or "all"), and re-reads only what is on screen.
 */
import type { EventPayloads } from '@shared/ipc/contract';

export interface ChangeBatch {
  readonly ids: ReadonlySet<string>;
  readonly all: boolean;
}

/** Runs a callback at the next frame. */
export type FrameScheduler = (callback: () => void) => void;

export class ChangeBatcher {
  private ids = new Set<string>();
  private all = false;
  private scheduled = false;

  constructor(
    private readonly schedule: FrameScheduler,
    private readonly flush: (batch: ChangeBatch) => void,
  ) {}

  add(payload: EventPayloads['requests']): void {
    if (payload.all) this.all = true;
    else for (const id of payload.ids) this.ids.add(id);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      const batch = { ids: this.ids, all: this.all };
      this.ids = new Set();
      this.all = false;
      this.flush(batch);
    });
  }
}

/**
 * The next animation frame, or a timer when frames do not come (a hidden window gets none): whichever
 * is first, once.
 */
export function nextFrame(callback: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    callback();
  };
  requestAnimationFrame(run);
  setTimeout(run, 250);
}

/**
 * An async task that runs at most once at a time: asked for while running, it runs once more after.
 * For the sidebar's counts and the open request's details, re-read after live changes.
 */
export function coalesced(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void task()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return run;
}
