/**
 * A timeline event as a sentence: who did what, in the catalogue's words, for every event type the
 * service records (shared/protocol/api.ts TIMELINE_EVENT_TYPES). Pure, so it is tested in Node.
 */
import type { TimelineActor, TimelineEvent } from '@shared/protocol/api';
import type { Names } from '../domain/people';
import { STRINGS } from '../strings';

export interface EventText {
  /** Who did it: an agent's name, "The end user" or "Sessiondesk". */
  readonly who: string;
  readonly text: string;
  /** A note's text, or a note left with a transfer or release, shown under the sentence. */
  readonly note: string | null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function actorName(actor: TimelineActor): string {
  switch (actor.kind) {
    case 'agent':
      return actor.name;
    case 'end_user':
      return STRINGS.timeline.byEndUser;
    case 'system':
      return STRINGS.timeline.bySystem;
  }
}

/** "A, B and C" */
export function joinNames(names: readonly string[]): string {
  return names.length === 0 ? STRINGS.timeline.someone : STRINGS.timeline.list(names);
}

export function describeEvent(
  event: TimelineEvent,
  names: Names,
  formatTime: (iso: string) => string,
): EventText {
  const who = actorName(event.actor);
  const d = event.data;
  const e = STRINGS.timeline.events;
  const agentName = (nameKey: string, idKey: string) =>
    str(d[nameKey]) ?? (str(d[idKey]) ? names.agent(str(d[idKey])) : STRINGS.timeline.someone);
  const note = str(d['note']);
  const to = str(d['to']) ?? STRINGS.timeline.someone;
  const removed = d['reason'] === 'removed_from_channel' ? STRINGS.timeline.removedFromChannel : '';

  let text: string;
  switch (event.type) {
    case 'created':
      text = e.created(who, str(d['channelName']) ?? names.channel(str(d['channelId']) ?? ''));
      break;
    case 'link_opened':
      text = e.link_opened(who);
      break;
    case 'allowed':
      text = e.allowed(who);
      break;
    case 'denied':
      text = e.denied(who);
      break;
    case 'access_ended':
      text = e.access_ended(who);
      break;
    case 'consent_lapsed':
      text = e.consent_lapsed();
      break;
    case 'access_requested_again':
      text = e.access_requested_again(who);
      break;
    case 'connected':
      text = e.connected(who);
      break;
    case 'disconnected':
      text = e.disconnected(who);
      break;
    case 'closed':
      text = e.closed(who);
      break;
    case 'ended':
      text = e.ended(who);
      break;
    case 'expired':
      text = e.expired();
      break;
    case 'assigned':
      text = e.assigned(who, agentName('agentName', 'agentId'));
      break;
    case 'transferred':
      text = e.transferred(
        who,
        str(d['channelName']) ??
          (str(d['channelId']) ? names.channel(str(d['channelId'])!) : agentName('agentName', 'agentId')),
      );
      break;
    case 'released':
      text = e.released(who) + removed;
      break;
    case 'picked_up':
      text = e.picked_up(who);
      break;
    case 'invited': {
      const invited = list(d['agentNames']);
      text = e.invited(
        who,
        joinNames(invited.length > 0 ? invited : list(d['agentIds']).map((id) => names.agent(id))),
      );
      break;
    }
    case 'joined':
      text = e.joined(who);
      break;
    case 'left':
      text = e.left(who) + removed;
      break;
    case 'owner_changed':
      text = e.owner_changed(
        str(d['agentName']) ?? (str(d['agentId']) ? names.agent(str(d['agentId'])) : null),
      );
      break;
    case 'note':
      return { who, text: e.note(who), note: str(d['text']) ?? '' };
    case 'rescheduled': {
      const at = str(d['scheduledAt']);
      text = e.rescheduled(who, at ? formatTime(at) : STRINGS.timeline.unscheduled);
      break;
    }
    case 'email_queued':
      text = e.email_queued(to);
      break;
    case 'email_sent':
      text = e.email_sent(to);
      break;
    case 'email_failed':
      text = e.email_failed(to, str(d['reason']) ?? '');
      break;
    case 'reminder':
      text = e.reminder();
      break;
  }
  return { who, text, note };
}
