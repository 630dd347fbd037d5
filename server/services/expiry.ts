/**
 * What the service's clock does to requests: expiry, reminders, and the end user's permission lapsing
 * once the grace after the last session is over. The scheduler calls `runDue` every second and at start
 * (so a restart catches up); every action first calls `applyDue`, so no one acts on a request in a state
 * the clock has already left.
 */
import { transition, type RequestEvent } from '@shared/domain/transitions';
import type { TimelineEventType } from '@shared/protocol/api';
import { iso } from './clock';
import type { ServiceContext } from './context';
import { requestState, writeState } from './request-state';
import { withWriter } from './request-writer';

const BATCH = 200;

export class ExpiryService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Expires the request if its time has passed (not while Connected: it expires when that ends). */
  async expireIfDue(requestId: string): Promise<boolean> {
    const row = await this.ctx.store.requests.get(requestId);
    if (!row || row.expiresAt > this.ctx.clock.now()) return false;
    return this.apply(requestId, { type: 'expire' }, 'expired');
  }

  /** Ends the end user's permission if the grace after the last session is over: Ready → Waiting. */
  async lapseIfDue(requestId: string): Promise<boolean> {
    const row = await this.ctx.store.requests.get(requestId);
    if (!row || row.consentLapsesAt === null || row.consentLapsesAt > this.ctx.clock.now()) return false;
    return this.apply(requestId, { type: 'lapse' }, 'consent_lapsed');
  }

  /** Whatever the clock has made due for this request, before an action on it. */
  async applyDue(requestId: string): Promise<void> {
    if (!(await this.expireIfDue(requestId))) await this.lapseIfDue(requestId);
  }

  /** Expires what is due, writes the reminders whose time has come, and lapses what is past its grace. */
  async runDue(): Promise<{ expired: number; reminded: number; lapsed: number }> {
    const { store, clock } = this.ctx;
    const expired = await this.each(
      () => store.requests.dueForExpiry(clock.now(), BATCH),
      (id) => this.expireIfDue(id),
    );
    let reminded = 0;
    for (const id of await store.requests.dueReminders(clock.now(), BATCH)) {
      await withWriter(this.ctx, async (writer) => {
        const row = await store.requests.get(id);
        if (!row || row.reminded || row.scheduledAt === null) return;
        await writer.change(row, { reminded: true }, [
          { type: 'reminder', actor: { kind: 'system' }, data: { scheduledAt: iso(row.scheduledAt) } },
        ]);
        reminded++;
      });
    }
    const lapsed = await this.each(
      () => store.requests.dueConsentLapses(clock.now(), BATCH),
      (id) => this.lapseIfDue(id),
    );
    if (expired + reminded + lapsed > 0) this.ctx.log.info({ expired, reminded, lapsed }, 'scheduler ran');
    return { expired, reminded, lapsed };
  }

  /**
   * Applies `work` to every due request, a batch at a time; how many it changed. A batch in which nothing
   * changed would come back the same, so it stops there.
   */
  private async each(due: () => Promise<string[]>, work: (id: string) => Promise<boolean>): Promise<number> {
    let changed = 0;
    for (;;) {
      const ids = await due();
      let inBatch = 0;
      for (const id of ids) if (await work(id)) inBatch++;
      changed += inBatch;
      if (ids.length < BATCH || inBatch === 0) return changed;
    }
  }

  /** The clock's event, applied in one transaction if the state machine accepts it now. */
  private apply(requestId: string, event: RequestEvent, eventType: TimelineEventType): Promise<boolean> {
    const { store } = this.ctx;
    return withWriter(this.ctx, async (writer) => {
      const current = await store.requests.get(requestId);
      if (!current) return false;
      const result = transition(await requestState(store, current), event, writer.now);
      if (!result.ok) return false;
      const patch = await writeState(store, current.id, result.state, writer.now);
      await writer.change(current, patch, [{ type: eventType, actor: { kind: 'system' } }]);
      return true;
    });
  }
}
