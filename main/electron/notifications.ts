/**
 * OS notifications for the core's `notification` events. A click brings the window forward and asks the
 * renderer to show the request (a `navigate` event).
 */
import { Notification } from 'electron';
import type { NotificationView } from '@shared/ipc/views';

/** Shown notifications are kept referenced until closed or clicked, or a click may never arrive. */
const MAX_LIVE = 50;

export class Notifier {
  private readonly live = new Set<Notification>();

  constructor(private readonly onClick: (requestId: string) => void) {}

  show(view: NotificationView): void {
    if (!Notification.isSupported()) return;
    if (typeof view?.title !== 'string' || typeof view.body !== 'string') return;
    const notification = new Notification({ title: view.title, body: view.body });
    const forget = () => this.live.delete(notification);
    notification.on('click', () => {
      forget();
      this.onClick(view.requestId);
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    this.live.add(notification);
    if (this.live.size > MAX_LIVE) {
      const oldest = this.live.values().next().value;
      if (oldest) this.live.delete(oldest);
    }
    notification.show();
  }
}
