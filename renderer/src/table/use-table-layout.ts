/** The agent's columns fitted to the table's width, measured as it changes (window, details panel). */
import { useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { useApp } from '../store/context';
import { DEFAULT_COLUMNS, fitColumns, type TableLayout } from './column-layout';

export function useTableLayout(scrollRef: RefObject<HTMLElement | null>): TableLayout {
  const setting = useApp((s) => s.settings?.values.tableColumns ?? DEFAULT_COLUMNS);
  const [room, setRoom] = useState(0);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    // The width inside the scroll area: a vertical scrollbar's share is not room for columns.
    const measure = () => setRoom(element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [scrollRef]);
  return useMemo(() => fitColumns(setting, room), [setting, room]);
}
