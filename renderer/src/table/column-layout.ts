/**
 * The agent's columns fitted to the width there is, and the changes the Columns dialog and the resize
 * handles make to them. Pure: the setting and the width are arguments.
 *
 * Fitting: the chosen columns at the widths the agent gave them (or their defaults), then Connect and
 * the row's menu. When that is too wide, the lowest-priority columns shrink to their least width first;
 * when even that is too wide, they are left out, lowest priority first — never the recipient and the
 * status. Room left over goes to the comments (or the recipient), so Connect and the menu always end the
 * row at its right edge, with no sideways scrolling from 1024 px windows up.
 */
import {
  COLUMN_WIDTH_LIMITS,
  DEFAULT_SETTINGS,
  TABLE_COLUMNS,
  type TableColumn,
  type TableColumnsSetting,
} from '@shared/ipc/settings';
import { COLUMN_SPECS, PINNED_COLUMNS, type ColumnKey } from './columns';

export interface LaidOutColumn {
  readonly key: ColumnKey;
  readonly width: number;
}

export interface TableLayout {
  /** What each row shows, in order, with its width in CSS pixels; Connect and the menu last. */
  readonly columns: readonly LaidOutColumn[];
  /** Columns the agent chose that the width could not hold. */
  readonly dropped: readonly TableColumn[];
  /** The CSS grid's `grid-template-columns`. */
  readonly template: string;
  /** The rows' width: the room there is, or more when even the narrowest columns do not fit it. */
  readonly width: number;
}

export const DEFAULT_COLUMNS: TableColumnsSetting = DEFAULT_SETTINGS.tableColumns;

/** Every column in the agent's order: unknown and repeated ones dropped, ones added later at the end. */
export function columnOrder(setting: TableColumnsSetting): TableColumn[] {
  const order = [...new Set(setting.order.filter((key) => TABLE_COLUMNS.includes(key)))];
  return [...order, ...TABLE_COLUMNS.filter((key) => !order.includes(key))];
}

/**
 * Whether the column shows. One added by a later version than the agent's saved setting (not in its
 * order) starts as the defaults have it: shown, unless it is hidden by default (the ticket).
 */
export function isShown(setting: TableColumnsSetting, key: TableColumn): boolean {
  if (key === 'recipientName') return true;
  if (setting.hidden.includes(key)) return false;
  return setting.order.includes(key) || !DEFAULT_COLUMNS.hidden.includes(key);
}

/** The setting naming every column in its order and every hidden one: what a change saves. */
function completed(setting: TableColumnsSetting): TableColumnsSetting {
  const order = columnOrder(setting);
  return { ...setting, order, hidden: order.filter((key) => !isShown(setting, key)) };
}

/** The narrowest and widest a column may be set to. */
export function widthLimits(key: TableColumn): { min: number; max: number } {
  return { min: COLUMN_SPECS[key].minWidth, max: COLUMN_WIDTH_LIMITS.max };
}

const clamp = (value: number, { min, max }: { min: number; max: number }) =>
  Math.round(Math.min(max, Math.max(min, value)));

/** The width the agent wants for a column (theirs, or its default), within its limits. */
export function preferredWidth(setting: TableColumnsSetting, key: TableColumn): number {
  return clamp(setting.widths[key] ?? COLUMN_SPECS[key].width, widthLimits(key));
}

const PINNED_WIDTH = PINNED_COLUMNS.reduce((sum, column) => sum + column.width, 0);
const sum = (widths: Iterable<number>) => [...widths].reduce((a, b) => a + b, 0);
const byPriority = (a: TableColumn, b: TableColumn) => COLUMN_SPECS[a].priority - COLUMN_SPECS[b].priority;

/** The agent's columns fitted to `room` CSS pixels. */
export function fitColumns(setting: TableColumnsSetting, room: number): TableLayout {
  const chosen = columnOrder(setting).filter((key) => isShown(setting, key));
  const budget = Math.max(0, Math.floor(room) - PINNED_WIDTH);

  // Too wide even at their least: leave out the lowest priority first (never an essential one).
  const shown = new Set(chosen);
  const minimum = () => sum([...shown].map((key) => COLUMN_SPECS[key].minWidth));
  const droppable = chosen.filter((key) => !COLUMN_SPECS[key].essential).sort(byPriority);
  const dropped: TableColumn[] = [];
  for (const key of droppable) {
    if (minimum() <= budget) break;
    shown.delete(key);
    dropped.push(key);
  }

  // Too wide as wanted: shrink the lowest priority first, each down to its least — the widths the agent
  // set last of all, so a column just widened does not snap back.
  const widths = new Map([...shown].map((key) => [key, preferredWidth(setting, key)]));
  const setByAgent = (key: TableColumn) => (setting.widths[key] === undefined ? 0 : 1);
  let excess = sum(widths.values()) - budget;
  for (const key of [...shown].sort((a, b) => setByAgent(a) - setByAgent(b) || byPriority(a, b))) {
    if (excess <= 0) break;
    const give = Math.min(excess, widths.get(key)! - COLUMN_SPECS[key].minWidth);
    widths.set(key, widths.get(key)! - give);
    excess -= give;
  }
  // Room left over: the comments take it, else the recipient.
  if (excess < 0) {
    const taker = [...shown].find((key) => COLUMN_SPECS[key].flexible) ?? 'recipientName';
    if (widths.has(taker)) widths.set(taker, widths.get(taker)! - excess);
  }

  const columns: LaidOutColumn[] = [
    ...chosen.filter((key) => shown.has(key)).map((key) => ({ key, width: widths.get(key)! })),
    ...PINNED_COLUMNS,
  ];
  return {
    columns,
    dropped,
    template: columns.map((column) => `${column.width}px`).join(' '),
    width: sum(columns.map((column) => column.width)),
  };
}

// --- Changes -----------------------------------------------------------------------------------------

/** Shows or hides a column (the recipient stays). */
export function setShown(
  setting: TableColumnsSetting,
  key: TableColumn,
  shown: boolean,
): TableColumnsSetting {
  if (key === 'recipientName') return setting;
  const complete = completed(setting);
  const hidden = complete.hidden.filter((k) => k !== key);
  return { ...complete, hidden: shown ? hidden : [...hidden, key] };
}

/** Moves a column one place earlier (-1) or later (+1) in the order. */
export function moveColumn(setting: TableColumnsSetting, key: TableColumn, by: -1 | 1): TableColumnsSetting {
  const order = columnOrder(setting);
  const from = order.indexOf(key);
  const to = from + by;
  if (to < 0 || to >= order.length) return setting;
  order.splice(from, 1);
  order.splice(to, 0, key);
  return { ...completed(setting), order };
}

/** Sets a column's width, within its limits. */
export function resizeColumn(
  setting: TableColumnsSetting,
  key: TableColumn,
  width: number,
): TableColumnsSetting {
  return { ...setting, widths: { ...setting.widths, [key]: clamp(width, widthLimits(key)) } };
}
