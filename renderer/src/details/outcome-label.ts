/** A close outcome's words (issue 19): one list for the Close dialog, the timeline and the reports. */
import { CLOSE_OUTCOMES, type CloseOutcome } from '@shared/domain/conversation';
import type { Translator } from '@shared/i18n/translator';

const LABEL = {
  resolved: 'closeRequest.outcome.resolved',
  not_resolved: 'closeRequest.outcome.not_resolved',
  follow_up: 'closeRequest.outcome.follow_up',
} as const satisfies Record<CloseOutcome, string>;

export function outcomeLabel(t: Translator, outcome: CloseOutcome): string {
  return t.t(LABEL[outcome]);
}

/** The outcome a timeline event's data names, or null (none, or one this client does not know). */
export function outcomeOf(value: unknown): CloseOutcome | null {
  return (CLOSE_OUTCOMES as readonly unknown[]).includes(value) ? (value as CloseOutcome) : null;
}
