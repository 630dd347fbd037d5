/** The table's columns, in order: which can sort, and the CSS class that gives each its width. */
import type { SortColumn } from '@shared/ipc/contract';
import type { STRINGS } from '../strings';

export interface Column {
  readonly key: keyof typeof STRINGS.table.columns;
  readonly sort: SortColumn | null;
}

export const COLUMNS: readonly Column[] = [
  { key: 'recipientName', sort: 'recipientName' },
  { key: 'recipientEmail', sort: 'recipientEmail' },
  { key: 'status', sort: 'status' },
  { key: 'assignee', sort: 'assignee' },
  { key: 'channel', sort: 'channel' },
  { key: 'createdAt', sort: 'createdAt' },
  { key: 'scheduledAt', sort: 'scheduledAt' },
  { key: 'expiresAt', sort: 'expiresAt' },
  { key: 'comments', sort: null },
  { key: 'connect', sort: null },
  { key: 'actions', sort: null },
];

/** Fixed row height: live updates never change a row's size, so nothing below it moves. */
export const ROW_HEIGHT = 40;
export const HEADER_HEIGHT = 36;
