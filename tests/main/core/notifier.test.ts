/**
 * The Notifier: the agent's settings decide what is shown; a busy queue is throttled per channel; each
 * is worded in the language the client speaks when it arrives.
 */
import { describe, expect, it } from 'vitest';
import { translator, type DisplayLanguage } from '@shared/i18n/translator';
import type { NotificationView } from '@shared/ipc/views';
import type { Change, Me } from '@shared/protocol/api';
import { Notifier } from '../../../main/core/notifications/notifier';
import { sessionRequest } from '../support/session-request';

const me: Me = {
  id: 'me',
  email: 'me@example.test',
  name: 'Me',
  roles: ['support_agent'],
  disabled: false,
  twoFactorEnabled: false,
  createdAt: '',
  updatedAt: '',
  privateChannelId: 'private',
  memberships: [
    { channelId: 'desk', canRelease: false },
    { channelId: 'field', canRelease: false },
  ],
};

let seq = 1;
function queued(channelId: string): Change {
  const request = sessionRequest({
    id: `r${seq}`,
    recipientName: `Person ${seq}`,
    channelId,
    assigneeId: null,
    createdBy: 'someone',
    seq,
  });
  return { type: 'request', seq: seq++, request, events: [] };
}

function notifier(settings: { notifications?: boolean; queueNotifications?: boolean; minutes?: number }) {
  let now = 0;
  let language: DisplayLanguage = 'en';
  const shown: NotificationView[] = [];
  const n = new Notifier({
    settings: () => ({
      notifications: settings.notifications ?? true,
      queueNotifications: settings.queueNotifications ?? true,
      queueNotificationMinutes: settings.minutes ?? 1,
    }),
    translator: () => translator(language),
    emit: (view) => shown.push(view),
    now: () => now,
  });
  return {
    shown,
    speak(next: DisplayLanguage) {
      language = next;
    },
    at(ms: number, ...changes: Change[]) {
      now = ms;
      n.onLiveChanges(me, new Map(), changes);
    },
  };
}

describe('Notifier', () => {
  it('shows one queue notification per channel per interval, the interval being the setting', () => {
    const t = notifier({ minutes: 5 });
    t.at(0, queued('desk'), queued('desk'), queued('field'));
    expect(t.shown.map((s) => s.requestId)).toEqual(['r1', 'r3']);
    t.at(4 * 60_000, queued('desk'));
    expect(t.shown).toHaveLength(2);
    t.at(5 * 60_000, queued('desk'));
    expect(t.shown.map((s) => s.kind)).toEqual(['queued', 'queued', 'queued']);
  });

  it('with 0 minutes, notifies each request arriving in a queue (a handful per batch at most)', () => {
    const t = notifier({ minutes: 0 });
    t.at(0, queued('desk'), queued('desk'));
    expect(t.shown).toHaveLength(2);
    t.at(1, ...Array.from({ length: 9 }, () => queued('desk')));
    expect(t.shown).toHaveLength(2 + 5);
  });

  it('words each notification in the language the client speaks when it arrives', () => {
    const t = notifier({ minutes: 0 });
    t.at(0, queued('desk'));
    t.speak('en-XA');
    t.at(1, queued('desk'));
    expect(t.shown.map((s) => s.title)).toEqual([
      expect.stringMatching(/^Person \d+ is waiting in the queue$/),
      expect.stringMatching(/^\[Person \d+ îš ŵáîţîñĝ îñ ţĥé ǫûéûé ·+\]$/),
    ]);
  });

  it('shows nothing with notifications off, and no queue notifications with those off', () => {
    const off = notifier({ notifications: false });
    off.at(0, queued('desk'));
    const noQueues = notifier({ queueNotifications: false });
    noQueues.at(0, queued('desk'));
    expect([...off.shown, ...noQueues.shown]).toEqual([]);
  });
});
