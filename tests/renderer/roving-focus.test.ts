/**
 * Where the keys move focus in the menus and the status filter (WAI-ARIA APG menu and toolbar): arrows
 * of the widget's orientation step and wrap, Home and End go to the ends, other keys move nothing;
 * type-ahead goes to the next label starting with the letter. The real key events, in Chromium, are
 * tests/e2e/accessibility.spec.ts's.
 */
import { describe, expect, it } from 'vitest';
import { indexAfterKey, indexStartingWith } from '../../renderer/src/components/roving-focus';

describe('indexAfterKey', () => {
  it('vertical (a menu): Down and Up step and wrap; Left and Right move nothing', () => {
    expect(indexAfterKey('ArrowDown', 0, 4, 'vertical')).toBe(1);
    expect(indexAfterKey('ArrowDown', 3, 4, 'vertical')).toBe(0);
    expect(indexAfterKey('ArrowUp', 2, 4, 'vertical')).toBe(1);
    expect(indexAfterKey('ArrowUp', 0, 4, 'vertical')).toBe(3);
    expect(indexAfterKey('ArrowRight', 0, 4, 'vertical')).toBeNull();
    expect(indexAfterKey('ArrowLeft', 0, 4, 'vertical')).toBeNull();
  });

  it('horizontal (a toolbar): Right and Left step and wrap; Up and Down move nothing', () => {
    expect(indexAfterKey('ArrowRight', 0, 5, 'horizontal')).toBe(1);
    expect(indexAfterKey('ArrowRight', 4, 5, 'horizontal')).toBe(0);
    expect(indexAfterKey('ArrowLeft', 0, 5, 'horizontal')).toBe(4);
    expect(indexAfterKey('ArrowDown', 0, 5, 'horizontal')).toBeNull();
    expect(indexAfterKey('ArrowUp', 0, 5, 'horizontal')).toBeNull();
  });

  it('Home and End go to the ends; other keys and an empty widget move nothing', () => {
    for (const orientation of ['horizontal', 'vertical'] as const) {
      expect(indexAfterKey('Home', 3, 5, orientation)).toBe(0);
      expect(indexAfterKey('End', 1, 5, orientation)).toBe(4);
      expect(indexAfterKey('Enter', 1, 5, orientation)).toBeNull();
      expect(indexAfterKey('a', 1, 5, orientation)).toBeNull();
      expect(indexAfterKey('ArrowDown', 0, 0, orientation)).toBeNull();
    }
  });
});

describe('indexStartingWith (type-ahead)', () => {
  const labels = ['Details', 'Copy link', 'Show PIN', 'Resend invitation', 'Request access again', 'Close'];

  it('goes to the next label starting with the letter, round from the end, ignoring case', () => {
    expect(indexStartingWith(labels, 0, 'r')).toBe(3);
    expect(indexStartingWith(labels, 3, 'R')).toBe(4);
    expect(indexStartingWith(labels, 4, 'r')).toBe(3);
    expect(indexStartingWith(labels, 1, 'c')).toBe(5);
    expect(indexStartingWith(labels, 5, 'c')).toBe(1);
  });

  it('stays on the only match, and finds nothing for a letter no label starts with', () => {
    expect(indexStartingWith(labels, 2, 's')).toBe(2);
    expect(indexStartingWith(labels, 0, 'n')).toBeNull();
  });

  it('ignores keys that are not one printable character', () => {
    expect(indexStartingWith(labels, 0, 'Enter')).toBeNull();
    expect(indexStartingWith(labels, 0, ' ')).toBeNull();
    expect(indexStartingWith(labels, 0, 'ArrowDown')).toBeNull();
  });
});
