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
  /** Whether the list shows (the agent may close it with Escape while the `/` stays). */
  readonly open: boolean;
  /** The option highlighted, an index into the matches. */
  readonly active: number;
  /** The text the agent closed the list on: it opens again once the text changes. */
  readonly closedOn: string | null;
}

export const PICKER_CLOSED: PickerState = { open: false, active: 0, closedOn: null };

/** The canned messages the box's text offers, in order; none when the text is not `/name`. */
export function pickerMatches<T extends CannedMessage>(messages: readonly T[], text: string): T[] {
  const query = cannedQuery(text);
  return query === null ? [] : matchCanned(messages, query);
}

/** The picker after the text changed: open on `/…` with its first match highlighted. */
export function pickerAfterInput(state: PickerState, text: string, matchCount: number): PickerState {
  if (cannedQuery(text) === null || matchCount === 0) return { ...PICKER_CLOSED };
  if (state.closedOn === text) return state;
  return { open: true, active: 0, closedOn: null };
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
  if (!state.open || matchCount === 0) return { kind: 'none' };
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
      return { kind: 'close', state: { open: false, active: 0, closedOn: text } };
    default:
      return { kind: 'none' };
  }
}

/** The text a picked canned message fills the box with: in the request's language, else English. */
export function pickedText(message: CannedMessage, language: EmailLanguage): string {
  return cannedText(message, language) ?? '';
}
