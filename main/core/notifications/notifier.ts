/**
 * Turns live changes into notifications for the shell, as the agent's settings allow: off entirely, or
 * without the queue's; and at most one "waiting in the queue" per channel in the agent's interval (a
 * minute by default), so a busy queue does not bury the agent in notifications. Each is worded in the
 * language the client speaks when it arrives.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import type { Translator } from '@shared/i18n/translator';
import type { NotificationView } from '@shared/ipc/views';
import type { Change, Me } from '@shared/protocol/api';
import { notificationsFor } from './notification-rules';

const MINUTE_MS = 60_000;
/** After a long time offline, a catch-up can carry many changes: a handful of notifications is enough. */
const MAX_PER_BATCH = 5;

export interface NotifierOptions {
  readonly settings: () => {
    readonly notifications: boolean;
    readonly queueNotifications: boolean;
    readonly queueNotificationMinutes: number;
  };
  /** The translator of the language the client speaks now. */
  readonly translator: () => Translator;
  readonly emit: (notification: NotificationView) => void;
  /** The request whose details are on screen, if any (its chat messages are seen, not notified). */
  readonly onScreen?: () => string | null;
  readonly now?: () => number;
}

export class Notifier {
  private readonly lastQueued = new Map<string, number>();

  constructor(private readonly options: NotifierOptions) {}

  onLiveChanges(
    me: Me,
    before: ReadonlyMap<string, SessionRequest | null>,
    changes: readonly Change[],
  ): void {
    const settings = this.options.settings();
    if (!settings.notifications) return;
    const now = (this.options.now ?? Date.now)();
    const t = this.options.translator();
    let sent = 0;
    for (const change of changes) {
      if (change.type !== 'request') continue;
      const found = notificationsFor(
        t,
        before.get(change.request.id) ?? null,
        change.request,
        change.events,
        {
          me,
          queues: settings.queueNotifications,
          onScreen: this.options.onScreen?.() ?? null,
        },
      );
      for (const notification of found) {
        if (notification.kind === 'queued') {
          const channel = change.request.channelId;
          const interval = settings.queueNotificationMinutes * MINUTE_MS;
          if (now - (this.lastQueued.get(channel) ?? -Infinity) < interval) continue;
          this.lastQueued.set(channel, now);
        }
        if (sent++ >= MAX_PER_BATCH) return;
        this.options.emit(notification);
      }
    }
  }
}
