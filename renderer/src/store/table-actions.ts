/** The table's query (sidebar view, status filter, search, sort) and its focused row. */
import type { SortColumn } from '@shared/ipc/contract';
import type { AppState } from './app-state';
import type { WindowQuery } from './row-window';

type Set = (partial: Partial<AppState>) => void;
type Get = () => AppState;

/** Text columns sort A→Z first; times newest first. */
const ASCENDING_FIRST: ReadonlySet<SortColumn> = new Set([
  'recipientName',
  'recipientEmail',
  'assignee',
  'channel',
  'status',
]);

export function nextSort(current: WindowQuery['sort'], column: SortColumn): WindowQuery['sort'] {
  if (current.column === column) {
    return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { column, direction: ASCENDING_FIRST.has(column) ? 'asc' : 'desc' };
}

export function tableActions(set: Set, get: Get) {
  const apply = (query: WindowQuery) => {
    set({ query, activeIndex: 0, activeId: null, menuRowId: null });
    get().rows.setQuery(query);
  };
  return {
    setView(view) {
      // A filter chosen for one view rarely fits another (Past has only Closed and Expired).
      apply({ ...get().query, view, statuses: [] });
    },
    setSearch(search) {
      apply({ ...get().query, search });
    },
    toggleStatus(status) {
      const { statuses } = get().query;
      const next = statuses.includes(status) ? statuses.filter((s) => s !== status) : [...statuses, status];
      apply({ ...get().query, statuses: next });
    },
    clearStatuses() {
      apply({ ...get().query, statuses: [] });
    },
    setSort(column) {
      apply({ ...get().query, sort: nextSort(get().query.sort, column) });
    },
    setRange(start, end) {
      get().rows.setRange(start, end);
    },
    setActive(index) {
      const { rows } = get();
      const clamped = Math.max(0, Math.min(index, rows.total - 1));
      set({ activeIndex: clamped, activeId: rows.rowAt(clamped)?.id ?? null });
    },
    openMenu(rowId) {
      set({ menuRowId: rowId });
    },
  } satisfies Partial<AppState>;
}
