/**
 * The canned-message picker of the chat box, as pure logic (tested in Node): typing `/` at the start of
 * the box opens a list of the canned messages whose name matches what follows (`matchCanned`); the arrow
 * keys move through it, Enter picks, Escape closes. Picking fills the box with the message's text in the
 * request's language (`cannedText`).
 */
import { cannedText, matchCanned, type CannedMessage } from '@shared/domain/conversation';
import type { EmailLanguage } from '@shared/domain/languages';

/** What follows a `/` that starts the box, while it is one word (a name); null when it is not a command. */
export function cannedQuery(text: string): string | null {
  const match = /^\/([\p{L}\p{N}_-]*)$/u.exec(text);
  return match ? match[1]! : null;
}

export interface PickerState {
  /** The option highlighted, an index into the matches. */
  readonly active: number;
  /** The text the agent closed the list on (Escape, leaving the box): it opens again once it changes. */
  readonly closedOn: string | null;
}

export const PICKER_START: PickerState = { active: 0, closedOn: null };

/** The canned messages the box's text offers, in order; none when the text is not `/name`. */
export function pickerMatches<T extends CannedMessage>(messages: readonly T[], text: string): T[] {
  const query = cannedQuery(text);
  return query === null ? [] : matchCanned(messages, query);
}

/**
 * Whether the list shows: the text is `/name` with matches (`matchCount`, from `pickerMatches`), and
 * the agent has not closed it on this very text. Derived, so canned messages that arrive after the `/`
 * was typed open it too.
 */
export function pickerOpen(state: PickerState, text: string, matchCount: number): boolean {
  return matchCount > 0 && state.closedOn !== text;
}

/** The picker after the text changed: the first match highlighted, open again unless closed on it. */
export function pickerAfterInput(state: PickerState, text: string): PickerState {
  return { active: 0, closedOn: state.closedOn === text ? text : null };
}

/** Closed on this text (Escape, or the box lost the focus). */
export function pickerClosed(text: string): PickerState {
  return { active: 0, closedOn: text };
}

/** What a key in the box does while the picker is open. */
export type PickerKeyResult =
  | { readonly kind: 'move'; readonly state: PickerState }
  | { readonly kind: 'pick'; readonly index: number }
  | { readonly kind: 'close'; readonly state: PickerState }
  /** Not the picker's: the box handles it as it would. */
  | { readonly kind: 'none' };

export function pickerKey(
  state: PickerState,
  key: string,
  matchCount: number,
  text: string,
): PickerKeyResult {
  if (!pickerOpen(state, text, matchCount)) return { kind: 'none' };
  switch (key) {
    case 'ArrowDown':
      return { kind: 'move', state: { ...state, active: (state.active + 1) % matchCount } };
    case 'ArrowUp':
      return { kind: 'move', state: { ...state, active: (state.active - 1 + matchCount) % matchCount } };
    case 'Home':
      return { kind: 'move', state: { ...state, active: 0 } };
    case 'End':
      return { kind: 'move', state: { ...state, active: matchCount - 1 } };
    case 'Enter':
    case 'Tab':
      return { kind: 'pick', index: Math.min(state.active, matchCount - 1) };
    case 'Escape':
      return { kind: 'close', state: pickerClosed(text) };
    default:
      return { kind: 'none' };
  }
}

/** The text a picked canned message fills the box with: in the request's language, else English. */
export function pickedText(message: CannedMessage, language: EmailLanguage): string {
  return cannedText(message, language) ?? '';
}
