/**
 * The Session Requests table: an ARIA grid over every matching request, virtualized (only the rows on
 * screen exist in the page; the scrollbar spans all of them). Rows have a fixed height and the columns
 * the widths the layout fits to the table's width, so live updates never move anything; Connect and
 * the row's menu end every row. Keyboard: arrows, Page Up/Down, Home/End move the
 * focused row; Enter opens its details; Shift+F10 or the menu key opens its actions; Ctrl/Cmd+Enter
 * connects.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { availability } from '../domain/row-actions';
import { useActionContext } from '../hooks/useActionContext';
import { useNames } from '../hooks/useNames';
import { useTranslator } from '../i18n/translation';
import { useNow } from '../store/clock';
import { useApp, useAppShallow, useAppStore } from '../store/context';
import { HEADER_HEIGHT, ROW_HEIGHT } from './columns';
import { HeaderRow } from './HeaderRow';
import { RequestRowView, type RowEnv } from './RequestRowView';
import { useTableLayout } from './use-table-layout';

function EmptyState() {
  const t = useTranslator();
  const { search, filtered, shown } = useAppShallow((s) => ({
    search: s.query.search,
    filtered: s.query.statuses.length > 0,
    shown: s.table.loaded && s.table.total === 0,
  }));
  if (!shown) return null;
  return (
    <p className="grid-empty" role="status">
      {search
        ? t.t('table.emptySearch', { search })
        : filtered
          ? t.t('table.emptyFilter')
          : t.t('table.empty')}
    </p>
  );
}

export function RequestsTable() {
  const store = useAppStore();
  const t = useTranslator();
  const total = useApp((s) => s.table.total);
  const loaded = useApp((s) => s.table.loaded);
  const query = useApp((s) => s.query);
  const activeIndex = useApp((s) => s.activeIndex);
  const menuRowId = useApp((s) => s.menuRowId);
  // Rows move under their indexes with live updates: which row has the menu or a Connect is by id.
  useApp((s) => s.table.version);
  const connecting = useApp((s) => s.connecting);
  const ctx = useActionContext();
  const names = useNames();
  const now = useNow(60_000);
  const scrollRef = useRef<HTMLDivElement>(null);
  const layout = useTableLayout(scrollRef);
  const env = useMemo<RowEnv>(() => ({ names, ctx, now, layout }), [names, ctx, now, layout]);
  /** Set by keyboard moves: focus the active row once it is rendered. */
  const wantsFocus = useRef(false);
  const lastScrollTop = useRef(0);

  // The virtualizer's methods change every render; this component does not rely on memoizing them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    store.getState().setRange(first, last + 1);
  }, [store, first, last]);

  // A new query starts at the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [query]);

  useEffect(() => {
    if (!wantsFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (row) {
      wantsFocus.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(index, total - 1));
    store.getState().setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    wantsFocus.current = true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    // A row's actions menu is a portal: its keys bubble here through the React tree, not the page's.
    // Only keys pressed in the grid itself move it.
    if (!event.currentTarget.contains(target)) return;
    const onRow = target.getAttribute('role') === 'row';
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const state = store.getState();
    const row = state.rows.rowAt(state.activeIndex);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        return moveTo(state.activeIndex + 1);
      case 'ArrowUp':
        event.preventDefault();
        return moveTo(state.activeIndex - 1);
      case 'PageDown':
        event.preventDefault();
        return moveTo(state.activeIndex + page);
      case 'PageUp':
        event.preventDefault();
        return moveTo(state.activeIndex - page);
      case 'Home':
        if (!onRow) return;
        event.preventDefault();
        return moveTo(0);
      case 'End':
        if (!onRow) return;
        event.preventDefault();
        return moveTo(total - 1);
      case 'Enter':
        if (!onRow || !row) return;
        event.preventDefault();
        if ((event.ctrlKey || event.metaKey) && ctx && availability(t, row, 'connect', ctx).enabled) {
          void state.connect(row.id);
        } else state.openDetails(row.id);
        return;
      case 'ContextMenu':
        if (!row) return;
        event.preventDefault();
        return state.openMenu(row.id);
      case 'F10':
        if (!event.shiftKey || !row) return;
        event.preventDefault();
        return state.openMenu(row.id);
    }
  };

  return (
    <div
      className="grid-scroll"
      ref={scrollRef}
      onScroll={(event) => {
        // A menu stays with its row: scrolling rows away (not sideways) closes it.
        const top = event.currentTarget.scrollTop;
        if (top !== lastScrollTop.current && store.getState().menuRowId !== null)
          store.getState().openMenu(null);
        lastScrollTop.current = top;
      }}
    >
      <div
        role="grid"
        className="grid"
        aria-label={t.t('table.label')}
        aria-rowcount={total + 1}
        aria-colcount={layout.columns.length}
        aria-busy={!loaded}
        onKeyDown={onKeyDown}
        style={{ '--cols': layout.template, '--grid-width': `${layout.width}px` } as CSSProperties}
      >
        <HeaderRow layout={layout} />
        <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const id = store.getState().rows.rowAt(item.index)?.id;
            return (
              <RequestRowView
                key={item.index}
                index={item.index}
                top={item.start - HEADER_HEIGHT}
                env={env}
                active={item.index === activeIndex}
                menuOpen={id !== undefined && id === menuRowId}
                connecting={id !== undefined && connecting.has(id)}
              />
            );
          })}
        </div>
        <EmptyState />
      </div>
    </div>
  );
}
