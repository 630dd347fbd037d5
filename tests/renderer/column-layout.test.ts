/**
 * The table's columns fitted to the window: Connect and the row's menu always end the row within the
 * width there is (from a 1024 px window up), the recipient and the status always shown, the lowest
 * priority shrunk and then left out first, the agent's widths kept longest; and the Columns dialog's and
 * resize handles' changes to the setting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABLE_COLUMNS, type TableColumn, type TableColumnsSetting } from '../../shared/ipc/settings';
import {
  columnOrder,
  DEFAULT_COLUMNS,
  fitColumns,
  isShown,
  moveColumn,
  preferredWidth,
  resizeColumn,
  setShown,
} from '../../renderer/src/table/column-layout';
import { COLUMN_SPECS } from '../../renderer/src/table/columns';

/** The room in the table at a window width: the 212 px sidebar and a 15 px vertical scrollbar off. */
const roomAt = (windowWidth: number) => windowWidth - 212 - 15;
const keys = (setting: TableColumnsSetting, room: number) =>
  fitColumns(setting, room).columns.map((c) => c.key);
const widthOf = (setting: TableColumnsSetting, room: number, key: string) =>
  fitColumns(setting, room).columns.find((c) => c.key === key)?.width;

describe('fitColumns', () => {
  it('at 1024, 1280 and 1440 px: exactly the room, Connect and the menu last, the time left readable', () => {
    for (const window of [1024, 1280, 1440]) {
      const layout = fitColumns(DEFAULT_COLUMNS, roomAt(window));
      expect(layout.width, `${window}`).toBe(roomAt(window));
      expect(layout.columns.slice(-2), `${window}`).toEqual([
        { key: 'connect', width: 112 },
        { key: 'actions', width: 44 },
      ]);
      expect(layout.columns[0]!.key).toBe('recipientName');
      expect(widthOf(DEFAULT_COLUMNS, roomAt(window), 'expiresAt')).toBeGreaterThanOrEqual(112);
      expect(layout.template.split(' ')).toHaveLength(layout.columns.length);
    }
    expect(keys(DEFAULT_COLUMNS, roomAt(1024))).toEqual([
      'recipientName',
      'status',
      'assignee',
      'expiresAt',
      'connect',
      'actions',
    ]);
    expect(fitColumns(DEFAULT_COLUMNS, roomAt(1024)).dropped).toEqual([
      'scheduledAt',
      'createdAt',
      'comments',
      'channel',
      'recipientEmail',
    ]);
    expect(fitColumns(DEFAULT_COLUMNS, roomAt(1280)).dropped).toEqual(['scheduledAt', 'createdAt']);
    expect(fitColumns(DEFAULT_COLUMNS, roomAt(1440)).dropped).toEqual([]);
  });

  it('on a wide window gives the room left to the comments, or else to the recipient', () => {
    const wide = fitColumns(DEFAULT_COLUMNS, 2_000);
    // Every column but the ticket, which starts hidden.
    expect(wide.columns.map((c) => c.key)).toEqual([
      ...TABLE_COLUMNS.filter((k) => k !== 'ticket'),
      'connect',
      'actions',
    ]);
    expect(wide.width).toBe(2_000);
    const others = wide.columns.filter((c) => c.key !== 'comments');
    for (const { key, width } of others.slice(0, -2))
      expect(width).toBe(COLUMN_SPECS[key as TableColumn].width);
    const noComments = setShown(DEFAULT_COLUMNS, 'comments', false);
    expect(widthOf(noComments, 2_000, 'recipientName')).toBeGreaterThan(COLUMN_SPECS.recipientName.width);
  });

  it('shrinks and leaves out the lowest priority first, never the recipient or the status', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_500 }),
        fc.subarray([...TABLE_COLUMNS.filter((k) => k !== 'recipientName')]),
        fc.shuffledSubarray([...TABLE_COLUMNS], { minLength: 0 }),
        (room, hidden, order) => {
          const setting: TableColumnsSetting = { order, hidden, widths: {} };
          const layout = fitColumns(setting, room);
          const shown = layout.columns.map((c) => c.key).slice(0, -2) as TableColumn[];
          expect(shown).toContain('recipientName');
          if (!hidden.includes('status')) expect(shown).toContain('status');
          expect(layout.columns.slice(-2).map((c) => c.key)).toEqual(['connect', 'actions']);
          // Everything left out ranks below everything kept that could have been left out.
          const kept = shown.filter((k) => !COLUMN_SPECS[k].essential).map((k) => COLUMN_SPECS[k].priority);
          for (const key of layout.dropped) {
            for (const priority of kept) expect(COLUMN_SPECS[key].priority).toBeLessThan(priority);
          }
          // No column below its least; the row is the room, unless even the least is more.
          for (const { key, width } of layout.columns.slice(0, -2)) {
            expect(width).toBeGreaterThanOrEqual(COLUMN_SPECS[key as TableColumn].minWidth);
          }
          expect(layout.width).toBeGreaterThanOrEqual(room);
          if (layout.width > room) expect(layout.dropped.length + hidden.length).toBeGreaterThan(0);
          // In the agent's order.
          expect(shown).toEqual(columnOrder(setting).filter((k) => shown.includes(k)));
        },
      ),
    );
  });

  it('keeps the widths the agent set longest, and the ones that fit as they are', () => {
    const widened = resizeColumn(DEFAULT_COLUMNS, 'scheduledAt', 300);
    expect(widthOf(widened, 3_000, 'scheduledAt')).toBe(300);
    // Short of room, the columns at their default width give way before the one the agent widened.
    expect(widthOf(widened, roomAt(1700), 'scheduledAt')).toBe(300);
    expect(widthOf(widened, roomAt(1700), 'comments')).toBe(COLUMN_SPECS.comments.minWidth);
  });
});

describe('the changes to the setting', () => {
  it('orders, moves, shows and hides, and sizes columns within their limits', () => {
    expect(columnOrder({ order: ['status', 'recipientName'], hidden: [], widths: {} })).toEqual([
      'status',
      'recipientName',
      ...TABLE_COLUMNS.filter((k) => k !== 'status' && k !== 'recipientName'),
    ]);
    const moved = moveColumn(DEFAULT_COLUMNS, 'status', -1);
    expect(moved.order.slice(0, 3)).toEqual(['recipientName', 'status', 'recipientEmail']);
    expect(moveColumn(DEFAULT_COLUMNS, 'recipientName', -1)).toBe(DEFAULT_COLUMNS);
    expect(moveColumn(DEFAULT_COLUMNS, TABLE_COLUMNS.at(-1)!, 1)).toBe(DEFAULT_COLUMNS);

    const hidden = setShown(DEFAULT_COLUMNS, 'recipientEmail', false);
    expect(hidden.hidden).toEqual(['ticket', 'recipientEmail']);
    expect(setShown(hidden, 'recipientEmail', true).hidden).toEqual(['ticket']);
    expect(setShown(DEFAULT_COLUMNS, 'recipientName', false)).toBe(DEFAULT_COLUMNS);

    expect(resizeColumn(DEFAULT_COLUMNS, 'expiresAt', 10).widths.expiresAt).toBe(112);
    expect(resizeColumn(DEFAULT_COLUMNS, 'comments', 5_000).widths.comments).toBe(800);
    expect(preferredWidth({ ...DEFAULT_COLUMNS, widths: { status: 40 } }, 'status')).toBe(150);
  });

  it('starts a column added later as the defaults have it, and keeps it so through other changes', () => {
    // Saved before the ticket column existed: nothing hidden, the ticket not in the order.
    const before = { order: TABLE_COLUMNS.filter((k) => k !== 'ticket'), hidden: [], widths: {} };
    expect(isShown(before, 'ticket')).toBe(false);
    expect(isShown(before, 'comments')).toBe(true);
    expect(isShown(moveColumn(before, 'status', -1), 'ticket')).toBe(false);
    expect(isShown(setShown(before, 'comments', false), 'ticket')).toBe(false);
    const shown = setShown(before, 'ticket', true);
    expect(isShown(shown, 'ticket')).toBe(true);
    expect(shown.order).toContain('ticket');
    expect(fitColumns(shown, 3_000).columns.map((c) => c.key)).toContain('ticket');
    expect(fitColumns(before, 3_000).columns.map((c) => c.key)).not.toContain('ticket');
  });
});
