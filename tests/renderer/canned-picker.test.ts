/**
 * The chat box's canned-message picker: `/` then a name opens the list filtered by what follows, the
 * arrow keys move (wrapping), Enter picks, Escape closes until the text changes; the text filled is in
 * the request's language, else English.
 */
import { describe, expect, it } from 'vitest';
import type { CannedMessage } from '../../shared/domain/conversation';
import {
  cannedQuery,
  PICKER_START,
  pickedText,
  pickerAfterInput,
  pickerClosed,
  pickerKey,
  pickerMatches,
  pickerOpen,
  type PickerState,
} from '../../renderer/src/details/canned-picker';

const canned: CannedMessage[] = [
  { id: '1', name: 'readid', texts: { en: 'Please read me the ID.', es: 'Por favor, léame el ID.' } },
  { id: '2', name: 'restart', texts: { en: 'Please restart the app.' } },
  { id: '3', name: 'thanks', texts: { fr: 'Merci !' } },
  { id: '4', name: 'already-read', texts: { en: 'Thanks, I have it.' } },
];

describe('cannedQuery', () => {
  it('is what follows a / that starts the box, while it is one word', () => {
    expect(cannedQuery('/')).toBe('');
    expect(cannedQuery('/re')).toBe('re');
    expect(cannedQuery('/año_1-b')).toBe('año_1-b');
    expect(cannedQuery('re')).toBeNull();
    expect(cannedQuery('/re ad')).toBeNull();
    expect(cannedQuery('say /re')).toBeNull();
    expect(cannedQuery('/re\n')).toBeNull();
  });
});

describe('pickerMatches', () => {
  it('lists names starting with the query first, then names containing it', () => {
    expect(pickerMatches(canned, '/re').map((m) => m.name)).toEqual(['readid', 'restart', 'already-read']);
    expect(pickerMatches(canned, '/READ').map((m) => m.name)).toEqual(['readid', 'already-read']);
    expect(pickerMatches(canned, '/').map((m) => m.name)).toEqual([
      'already-read',
      'readid',
      'restart',
      'thanks',
    ]);
    expect(pickerMatches(canned, '/zzz')).toEqual([]);
    expect(pickerMatches(canned, 'hello')).toEqual([]);
  });
});

describe('the picker’s keys', () => {
  const open = pickerAfterInput(PICKER_START, '/re');

  it('is open on / with matches, the first highlighted, whenever they arrive', () => {
    expect(open).toEqual({ active: 0, closedOn: null });
    expect(pickerOpen(open, '/re', 3)).toBe(true);
    // The canned messages not read yet: closed, and open once they are there.
    expect(pickerOpen(open, '/re', 0)).toBe(false);
    expect(pickerOpen(pickerAfterInput({ active: 2, closedOn: null }, '/r'), '/r', 3)).toBe(true);
    expect(pickerAfterInput({ active: 2, closedOn: null }, '/r').active).toBe(0);
  });

  it('moves with the arrows, wrapping at both ends, and Home and End', () => {
    const move = (state: PickerState, key: string) => {
      const result = pickerKey(state, key, 3, '/re');
      if (result.kind !== 'move') throw new Error(`${key}: ${result.kind}`);
      return result.state;
    };
    const down = move(open, 'ArrowDown');
    expect(down.active).toBe(1);
    expect(move(move(down, 'ArrowDown'), 'ArrowDown').active).toBe(0);
    expect(move(open, 'ArrowUp').active).toBe(2);
    expect(move(open, 'End').active).toBe(2);
    expect(move(down, 'Home').active).toBe(0);
  });

  it('picks the highlighted one with Enter', () => {
    const down = { ...open, active: 1 };
    expect(pickerKey(down, 'Enter', 3, '/re')).toEqual({ kind: 'pick', index: 1 });
  });

  it('closes with Escape (or leaving the box) until the text changes', () => {
    const result = pickerKey(open, 'Escape', 3, '/re');
    expect(result).toEqual({ kind: 'close', state: pickerClosed('/re') });
    if (result.kind !== 'close') return;
    expect(pickerOpen(result.state, '/re', 3)).toBe(false);
    expect(pickerKey(result.state, 'Enter', 3, '/re')).toEqual({ kind: 'none' });
    expect(pickerOpen(pickerAfterInput(result.state, '/re'), '/re', 3)).toBe(false);
    expect(pickerOpen(pickerAfterInput(result.state, '/res'), '/res', 1)).toBe(true);
  });

  it('leaves other keys, and every key while closed, to the box', () => {
    expect(pickerKey(open, 'a', 3, '/re')).toEqual({ kind: 'none' });
    expect(pickerKey(open, 'Enter', 0, '/re')).toEqual({ kind: 'none' });
  });
});

describe('pickedText', () => {
  it('is the text in the request’s language, else English, else the first it has', () => {
    expect(pickedText(canned[0]!, 'es')).toBe('Por favor, léame el ID.');
    expect(pickedText(canned[1]!, 'es')).toBe('Please restart the app.');
    expect(pickedText(canned[2]!, 'de')).toBe('Merci !');
  });
});
