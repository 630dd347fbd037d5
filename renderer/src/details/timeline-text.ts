/**
 * A timeline event as a sentence: who did what, in the reader's language, for every event type the
 * service records (shared/protocol/api.ts TIMELINE_EVENT_TYPES). The service stores types and ids (and
 * the names they had); every word is the catalogue's. Pure, so it is tested in Node.
 */
import { RATING } from '@shared/domain/conversation';
import type { Translator } from '@shared/i18n/translator';
import type { TimelineActor, TimelineEvent } from '@shared/protocol/api';
import type { Names } from '../domain/people';
import { outcomeLabel, outcomeOf } from './outcome-label';

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

export function actorName(t: Translator, actor: TimelineActor): string {
  switch (actor.kind) {
    case 'agent':
      return actor.name;
    case 'end_user':
      return t.t('timeline.byEndUser');
    case 'system':
      return t.t('timeline.bySystem');
    case 'integration':
      return actor.onBehalfOf
        ? t.t('timeline.byIntegrationFor', { integration: actor.name, agent: actor.onBehalfOf.name })
        : actor.name;
  }
}

/** "A, B and C" in the reader's language; "someone" for nobody. */
export function joinNames(t: Translator, names: readonly string[]): string {
  return names.length === 0 ? t.t('timeline.someone') : t.formatList(names);
}

export function describeEvent(
  t: Translator,
  event: TimelineEvent,
  names: Names,
  formatTime: (iso: string) => string,
): EventText {
  const who = actorName(t, event.actor);
  const d = event.data;
  const someone = t.t('timeline.someone');
  const agentName = (nameKey: string, idKey: string) =>
    str(d[nameKey]) ?? (str(d[idKey]) ? names.agent(str(d[idKey])) : someone);
  const note = str(d['note']);
  const to = str(d['to']) ?? someone;
  // The service took the agent off the channel: it released or left for them.
  const removed = d['reason'] === 'removed_from_channel';

  let text: string;
  switch (event.type) {
    case 'created':
      text = t.t('timeline.events.created', {
        who,
        channel: names.channelAt(str(d['channelId']), str(d['channelName'])),
      });
      break;
    case 'link_opened':
      text = t.t('timeline.events.link_opened', { who });
      break;
    case 'allowed':
      text = t.t('timeline.events.allowed', { who });
      break;
    case 'denied':
      text = t.t('timeline.events.denied', { who });
      break;
    case 'access_ended':
      text = t.t('timeline.events.access_ended', { who });
      break;
    case 'consent_lapsed':
      text = t.t('timeline.events.consent_lapsed');
      break;
    case 'access_requested_again':
      text = t.t('timeline.events.access_requested_again', { who });
      break;
    case 'connected':
      text = t.t('timeline.events.connected', { who });
      break;
    case 'disconnected':
      text = t.t('timeline.events.disconnected', { who });
      break;
    case 'closed': {
      // Issue 19: the outcome given at closing in the sentence, the wrap-up note under it.
      const outcome = outcomeOf(d['outcome']);
      text = outcome
        ? t.t('timeline.events.closedWithOutcome', { who, outcome: outcomeLabel(t, outcome) })
        : t.t('timeline.events.closed', { who });
      return { who, text, note: str(d['wrapUp']) ?? null };
    }
    case 'ended':
      text = t.t('timeline.events.ended', { who });
      break;
    case 'expired':
      text = t.t('timeline.events.expired');
      break;
    case 'assigned': {
      const target = agentName('agentName', 'agentId');
      text =
        target === who
          ? t.t('timeline.events.assigned_self', { who })
          : t.t('timeline.events.assigned', { who, target });
      break;
    }
    case 'transferred': {
      const channelId = str(d['channelId']);
      const target =
        channelId || str(d['channelName'])
          ? names.channelAt(channelId, str(d['channelName']))
          : agentName('agentName', 'agentId');
      text = t.t('timeline.events.transferred', { who, target });
      break;
    }
    case 'released':
      text = removed
        ? t.t('timeline.events.released_removed', { who, agent: agentName('agentName', 'agentId') })
        : t.t('timeline.events.released', { who });
      break;
    case 'picked_up':
      text = t.t('timeline.events.picked_up', { who });
      break;
    case 'invited': {
      const invited = list(d['agentNames']);
      const targets = joinNames(
        t,
        invited.length > 0 ? invited : list(d['agentIds']).map((id) => names.agent(id)),
      );
      text = t.t('timeline.events.invited', { who, targets });
      break;
    }
    case 'joined':
      text = t.t('timeline.events.joined', { who });
      break;
    case 'left':
      text = removed
        ? t.t('timeline.events.left_removed', { agent: agentName('agentName', 'agentId') })
        : t.t('timeline.events.left', { who });
      break;
    case 'owner_changed': {
      const target = str(d['agentName']) ?? (str(d['agentId']) ? names.agent(str(d['agentId'])) : null);
      text =
        target === null
          ? t.t('timeline.events.owner_changed_none')
          : t.t('timeline.events.owner_changed', { target });
      break;
    }
    case 'note':
      return { who, text: t.t('timeline.events.note', { who }), note: str(d['text']) ?? '' };
    case 'message':
      // A chat message: its text under the sentence, as text (never markup).
      return {
        who,
        text:
          d['byEmail'] === true
            ? t.t('timeline.events.message_email', { who })
            : t.t('timeline.events.message', { who }),
        note: str(d['text']) ?? '',
      };
    case 'rated': {
      const rating = typeof d['rating'] === 'number' ? d['rating'] : 0;
      return {
        who,
        text: t.t('timeline.events.rated', { who, rating, max: RATING.max }),
        note: str(d['comment']),
      };
    }
    case 'rescheduled': {
      const at = str(d['scheduledAt']);
      text = t.t('timeline.events.rescheduled', {
        who,
        when: at ? formatTime(at) : t.t('timeline.unscheduled'),
      });
      break;
    }
    case 'email_queued':
      text = t.t('timeline.events.email_queued', { to });
      break;
    case 'email_sent':
      text = t.t('timeline.events.email_sent', { to });
      break;
    case 'email_failed':
      // The reason is the mail server's own answer (an SMTP error), shown as it came.
      text = t.t('timeline.events.email_failed', { to, reason: str(d['reason']) ?? '' });
      break;
    case 'sms_queued':
      // data: { kind: 'invitation' | 'message', to } with `to` masked by the service but for its last digits.
      text = t.t('timeline.events.sms_queued', { kind: str(d['kind']) ?? 'message', to });
      break;
    case 'sms_sent':
      text = t.t('timeline.events.sms_sent', { to });
      break;
    case 'recipient_phone_changed':
      // data: { to } masked but for its last digits; null when the number was removed.
      text = t.t('timeline.events.recipient_phone_changed', { who, to: str(d['to']) ?? 'none' });
      break;
    case 'sms_failed': {
      // A reason of the service's own has a code, worded here; else it is the gateway's answer (or the
      // network's), shown as it came.
      const status = typeof d['statusCode'] === 'number' ? d['statusCode'] : 0;
      const reason = smsFailureText(t, str(d['reasonCode']), status) ?? str(d['reason']) ?? '';
      text = t.t('timeline.events.sms_failed', { to, reason });
      break;
    }
    case 'reminder':
      text = t.t('timeline.events.reminder');
      break;
    case 'external_ref_changed': {
      // data: the ticket's {system, id, url} as set, or nulls when the reference was removed.
      const system = str(d['system']);
      const id = str(d['id']);
      text = t.t('timeline.events.external_ref_changed', {
        who,
        change: id ? 'set' : 'cleared',
        ticket: id ? `${system ?? ''} ${id}`.trim() : '',
      });
      break;
    }
  }
  return { who, text, note };
}

/** The service's own reason a text message failed, in the agent's language; null when it gave none. */
function smsFailureText(t: Translator, code: string | null, status: number): string | null {
  switch (code) {
    case 'not_configured':
      return t.t('timeline.smsFailure.notConfigured');
    case 'undecryptable':
      return t.t('timeline.smsFailure.undecryptable');
    case 'secrets_unreadable':
      return t.t('timeline.smsFailure.secretsUnreadable');
    case 'http_status':
      return t.t('timeline.smsFailure.httpStatus', { status });
    default:
      return null;
  }
}
