/**
 * Expiry and reminders by the service's clock. The scheduler calls `runDue` every second and at start (so
 * a restart catches up); every action first calls `expireIfDue`, so no one acts on a request the clock
 * has already expired.
 */
import { transition } from '@shared/domain/transitions';
import { iso } from './clock';
import type { ServiceContext } from './context';
import { withWriter } from './request-writer';

const BATCH = 200;

export class ExpiryService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Expires the request if its time has passed (not while Connected: it expires when that ends). */
  expireIfDue(requestId: string): boolean {
    const { store, clock } = this.ctx;
    const row = store.requests.get(requestId);
    if (!row || row.expiresAt > clock.now()) return false;
    return withWriter(this.ctx, (writer) => {
      const current = store.requests.get(requestId);
      if (!current) return false;
      const result = transition(
        {
          status: current.status,
          consent: current.consent,
          expiresAt: current.expiresAt,
          connectedAgentIds: store.requests.connectedAgentIds(current.id),
          deleted: false,
        },
        { type: 'expire' },
        writer.now,
      );
      if (!result.ok) return false;
      writer.change(current, { status: 'expired' }, [{ type: 'expired', actor: { kind: 'system' } }]);
      return true;
    });
  }

  /** Expires what is due and writes the reminders of scheduled requests whose time has come. */
  runDue(): { expired: number; reminded: number } {
    const { store, clock } = this.ctx;
    let expired = 0;
    for (;;) {
      const due = store.requests.dueForExpiry(clock.now(), BATCH);
      for (const id of due) if (this.expireIfDue(id)) expired++;
      if (due.length < BATCH) break;
    }
    let reminded = 0;
    for (const id of store.requests.dueReminders(clock.now(), BATCH)) {
      withWriter(this.ctx, (writer) => {
        const row = store.requests.get(id);
        if (!row || row.reminded || row.scheduledAt === null) return;
        writer.change(row, { reminded: true }, [
          { type: 'reminder', actor: { kind: 'system' }, data: { scheduledAt: iso(row.scheduledAt) } },
        ]);
        reminded++;
      });
    }
    if (expired + reminded > 0) this.ctx.log.info({ expired, reminded }, 'scheduler ran');
    return { expired, reminded };
  }
}
