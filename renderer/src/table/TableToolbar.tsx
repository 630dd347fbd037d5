/**
 * Above the table, one line of fixed height: the status filter, then the number of rows, the first
 * sync's progress, or what still works offline, and the Columns… button. Its content changes; its size
 * never does.
 * The filter is a WAI-ARIA toolbar of toggle buttons: one tab stop (the chip last in focus), Left and
 * Right move and wrap, Home and End go to the ends, Space or Enter presses the chip.
 */
import { REQUEST_STATUSES, type RequestStatus } from '@shared/domain/status';
import { useRef, useState, type KeyboardEvent } from 'react';
import { indexAfterKey } from '../components/roving-focus';
import { StatusIcon } from '../components/StatusIcon';
import { formatCount } from '../domain/format';
import { useApp, useAppShallow, useAppStore } from '../store/context';
import { STRINGS } from '../strings';

function StatusFilter() {
  const store = useAppStore();
  const { statuses, view } = useAppShallow((s) => ({ statuses: s.query.statuses, view: s.query.view.type }));
  const shown: readonly RequestStatus[] =
    view === 'past'
      ? ['closed', 'expired']
      : REQUEST_STATUSES.filter((s) => s !== 'closed' && s !== 'expired');
  const toolbar = useRef<HTMLDivElement>(null);
  // The toolbar's one tab stop: "All statuses" (0), then each shown status; kept within the chips shown.
  const [stop, setStop] = useState(0);
  const current = Math.min(stop, shown.length);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = indexAfterKey(event.key, current, shown.length + 1, 'horizontal');
    if (next === null) return;
    event.preventDefault();
    setStop(next);
    toolbar.current?.querySelectorAll<HTMLButtonElement>('.chip')[next]?.focus();
  };
  const chip = (index: number) => ({
    type: 'button' as const,
    tabIndex: index === current ? 0 : -1,
    onFocus: () => setStop(index),
  });

  return (
    <div
      ref={toolbar}
      className="status-filter"
      role="toolbar"
      aria-label={STRINGS.filter.label}
      onKeyDown={onKeyDown}
    >
      <button
        {...chip(0)}
        className="chip"
        aria-pressed={statuses.length === 0}
        onClick={() => store.getState().clearStatuses()}
      >
        {STRINGS.filter.all}
      </button>
      {shown.map((status, index) => (
        <button
          key={status}
          {...chip(index + 1)}
          className={`chip chip-${status}`}
          aria-pressed={statuses.includes(status)}
          title={STRINGS.status[status].meaning}
          onClick={() => store.getState().toggleStatus(status)}
        >
          <StatusIcon status={status} />
          {STRINGS.status[status].label}
        </button>
      ))}
    </div>
  );
}

function TableInfo() {
  const { sync, total, loaded, offline } = useAppShallow((s) => ({
    sync: s.sync,
    total: s.table.total,
    loaded: s.table.loaded,
    // Reconnecting says so in the header; the note is for being offline.
    offline: s.connection?.state === 'offline',
  }));
  if (sync && (sync.phase === 'bootstrapping' || sync.phase === 'resyncing')) {
    const received = formatCount(sync.received);
    const all = sync.total === null ? null : formatCount(sync.total);
    return (
      <div className="table-info sync-progress" role="status">
        <span>
          {sync.phase === 'bootstrapping' ? STRINGS.sync.bootstrapping : STRINGS.sync.resyncing}{' '}
          {STRINGS.sync.progress(received, all)}
        </span>
        <progress
          aria-label={STRINGS.sync.progressLabel}
          max={sync.total ?? undefined}
          value={sync.total === null ? undefined : Math.min(sync.received, sync.total)}
        />
      </div>
    );
  }
  if (offline) {
    return (
      <p
        className="table-info offline-note"
        title={`${STRINGS.connection.offlineWorks} ${STRINGS.connection.offlineNeeds}`}
      >
        {STRINGS.connection.offlineShort}
      </p>
    );
  }
  return (
    <p className="table-info muted">
      {loaded ? (total === 1 ? STRINGS.table.rowsOne : STRINGS.table.rowsTotal(formatCount(total))) : ''}
    </p>
  );
}

export function TableToolbar() {
  const store = useAppStore();
  const error = useApp((s) => s.table.error);
  return (
    <div className="table-toolbar">
      <StatusFilter />
      {error ? (
        <p className="table-info form-error" role="alert">
          {STRINGS.table.failed(error)}
        </p>
      ) : (
        <TableInfo />
      )}
      <button
        type="button"
        className="button small"
        title={STRINGS.columnsDialog.openHint}
        onClick={() => store.getState().openDialog({ kind: 'columns' })}
      >
        {STRINGS.columnsDialog.open}
      </button>
    </div>
  );
}
