/**
 * The table's columns: which can sort, how wide each is by default and at the least, and which to keep
 * longest when the window is narrow. The agent's choice, order and widths are a setting
 * (`tableColumns`); `column-layout.ts` fits them to the width there is. Connect and the row's menu are
 * pinned at the end of every row, never hidden.
 */
import type { SortColumn } from '@shared/ipc/contract';
import type { TableColumn } from '@shared/ipc/settings';

/** Connect and the row's menu, pinned at the end of every row. */
export type PinnedColumn = 'connect' | 'actions';
/** Every column the table can show: its header is `table.columns.<key>`. */
export type ColumnKey = TableColumn | PinnedColumn;

export interface ColumnSpec {
  readonly sort: SortColumn | null;
  /** Width before the agent sets one, in CSS pixels. */
  readonly width: number;
  /** Narrowest it becomes before it is hidden: its content still reads ("23 h 56 min", "Waiting Denied"). */
  readonly minWidth: number;
  /** Higher is kept longer: a narrow window shrinks, then hides, the lowest first. */
  readonly priority: number;
  /** Never hidden for want of room (the agent may still hide it, the recipient aside). */
  readonly essential?: boolean;
  /** Takes the room left over when it is shown. */
  readonly flexible?: boolean;
}

export const COLUMN_SPECS: Readonly<Record<TableColumn, ColumnSpec>> = {
  recipientName: { sort: 'recipientName', width: 180, minWidth: 140, priority: 100, essential: true },
  status: { sort: 'status', width: 176, minWidth: 150, priority: 95, essential: true },
  expiresAt: { sort: 'expiresAt', width: 112, minWidth: 112, priority: 90 },
  assignee: { sort: 'assignee', width: 140, minWidth: 110, priority: 80 },
  recipientEmail: { sort: 'recipientEmail', width: 200, minWidth: 140, priority: 70 },
  channel: { sort: 'channel', width: 110, minWidth: 90, priority: 60 },
  comments: { sort: null, width: 200, minWidth: 120, priority: 50, flexible: true },
  createdAt: { sort: 'createdAt', width: 104, minWidth: 96, priority: 40 },
  scheduledAt: { sort: 'scheduledAt', width: 104, minWidth: 96, priority: 30 },
  // "freshservice INC-1042": not sorted (the cache keeps no index for it); found by the search instead.
  ticket: { sort: null, width: 160, minWidth: 110, priority: 35 },
};

/** Connect and the row's menu, at the end of every row, in this order. */
export const PINNED_COLUMNS: readonly { readonly key: PinnedColumn; readonly width: number }[] = [
  { key: 'connect', width: 112 },
  { key: 'actions', width: 44 },
];

/** Fixed row height: live updates never change a row's size, so nothing below it moves. */
export const ROW_HEIGHT = 40;
export const HEADER_HEIGHT = 36;
