/**
 * The conversation around a request (issue 19): the chat between the agents on it and the end user, the
 * canned messages admins keep, the wrap-up asked at closing and the end user's rating afterwards. Limits and
 * rules are here once; the service enforces them, the join page and the client explain them.
 */
import type { EmailLanguage } from './languages';
import { DEFAULT_EMAIL_LANGUAGE } from './languages';
import { isFinalStatus, type RequestStatus } from './status';

export const CONVERSATION_LIMITS = {
  /** One chat message, in characters after trimming (agents' and the end user's alike). */
  messageMax: 2_000,
  /** Messages the end user may post on one request per minute; more is refused with a wait. */
  endUserMessagesPerMinute: 10,
  /** Messages one agent may post on one request per minute. */
  agentMessagesPerMinute: 30,
  /** A canned message's name (what the agent types after `/`): letters, digits, `-` and `_`. */
  cannedNameMax: 40,
  cannedTextMax: 1_000,
  /** Canned messages an organisation keeps. */
  cannedMax: 200,
  wrapUpMax: 4_000,
  ratingCommentMax: 2_000,
} as const;

/** Who wrote a chat message. */
export const MESSAGE_AUTHORS = ['agent', 'end_user'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

/** A closed request's outcome, asked at closing (the organisation may require it). */
export const CLOSE_OUTCOMES = ['resolved', 'not_resolved', 'follow_up'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** The end user's answer to "How did we do?": 1 (bad) to 5 (very good). */
export const RATING = { min: 1, max: 5 } as const;

/** Whether the chat takes messages: while the request is neither closed nor expired (nor deleted). */
export function chatIsOpen(status: RequestStatus, deleted = false): boolean {
  return !deleted && !isFinalStatus(status);
}

/** Whether the end user may rate the request: once, after it was closed (not expired, not deleted). */
export function canRate(status: RequestStatus, alreadyRated: boolean, deleted = false): boolean {
  return !deleted && status === 'closed' && !alreadyRated;
}

/** A ready answer an admin keeps: one name, a text per language (at least one). */
export interface CannedMessage {
  readonly id: string;
  readonly name: string;
  readonly texts: Partial<Record<EmailLanguage, string>>;
}

/**
 * The canned message's text in the request's language, else in English, else in the first language it
 * has; null when it has none.
 */
export function cannedText(message: Pick<CannedMessage, 'texts'>, language: EmailLanguage): string | null {
  const texts = message.texts;
  return (
    texts[language] ??
    texts[DEFAULT_EMAIL_LANGUAGE] ??
    Object.values(texts).find((text): text is string => typeof text === 'string') ??
    null
  );
}

/**
 * The canned messages whose name starts with what was typed after `/` (case-insensitive), names that
 * start with it before names that merely contain it, each group by name.
 */
export function matchCanned<T extends Pick<CannedMessage, 'name'>>(
  messages: readonly T[],
  typed: string,
): T[] {
  const query = typed.trim().toLowerCase();
  const byName = (a: T, b: T) => a.name.localeCompare(b.name);
  const starts = messages.filter((m) => m.name.toLowerCase().startsWith(query)).sort(byName);
  const contains = messages
    .filter((m) => !m.name.toLowerCase().startsWith(query) && m.name.toLowerCase().includes(query))
    .sort(byName);
  return [...starts, ...contains];
}

/** The fields of a close an organisation that requires them can find missing. */
export type CloseField = 'outcome' | 'wrapUp';

/**
 * What a close lacks when the organisation requires an outcome and a wrap-up note (`requireCloseOutcome`):
 * the outcome, and a note with more than blanks. None when not required.
 */
export function missingCloseFields(
  input: { readonly outcome?: CloseOutcome | undefined; readonly wrapUp?: string | undefined },
  required: boolean,
): CloseField[] {
  if (!required) return [];
  const missing: CloseField[] = [];
  if (input.outcome === undefined) missing.push('outcome');
  if ((input.wrapUp ?? '').trim() === '') missing.push('wrapUp');
  return missing;
}
