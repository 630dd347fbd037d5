/**
 * Above the table, one line: the status filter, then the number of rows, the first sync's progress,
 * or what still works offline, and the Columns… button. Its content changes; its size does not (only
 * a table too narrow for a translation's chips wraps it, styles/table.css).
 * The filter is a WAI-ARIA toolbar of toggle buttons: one tab stop (the chip last in focus), Left and
 * Right move and wrap, Home and End go to the ends, Space or Enter presses the chip.
 */
import { REQUEST_STATUSES, type RequestStatus } from '@shared/domain/status';
import { errorText } from '@shared/i18n/errors';
import { useRef, useState, type KeyboardEvent } from 'react';
import { indexAfterKey } from '../components/roving-focus';
import { StatusIcon } from '../components/StatusIcon';
import { useTranslator } from '../i18n/translation';
import { useApp, useAppShallow, useAppStore } from '../store/context';

function StatusFilter() {
  const store = useAppStore();
  const t = useTranslator();
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
      aria-label={t.t('filter.label')}
      onKeyDown={onKeyDown}
    >
      <button
        {...chip(0)}
        className="chip"
        aria-pressed={statuses.length === 0}
        onClick={() => store.getState().clearStatuses()}
      >
        {t.t('filter.all')}
      </button>
      {shown.map((status, index) => (
        <button
          key={status}
          {...chip(index + 1)}
          className={`chip chip-${status}`}
          aria-pressed={statuses.includes(status)}
          title={t.t(`status.${status}.meaning`)}
          onClick={() => store.getState().toggleStatus(status)}
        >
          <StatusIcon status={status} />
          {t.t(`status.${status}.label`)}
        </button>
      ))}
    </div>
  );
}

function TableInfo() {
  const t = useTranslator();
  const { sync, total, loaded, offline } = useAppShallow((s) => ({
    sync: s.sync,
    total: s.table.total,
    loaded: s.table.loaded,
    // Reconnecting says so in the header; the note is for being offline.
    offline: s.connection?.state === 'offline',
  }));
  if (sync && (sync.phase === 'bootstrapping' || sync.phase === 'resyncing')) {
    const { received, total } = sync;
    return (
      <div className="table-info sync-progress" role="status">
        <span>
          {sync.phase === 'bootstrapping' ? t.t('sync.bootstrapping') : t.t('sync.resyncing')}{' '}
          {total === null
            ? t.t('sync.progressSoFar', { received })
            : t.t('sync.progress', { received, total })}
        </span>
        <progress
          aria-label={t.t('sync.progressLabel')}
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
        // Two sentences of their own, a line each.
        title={[t.t('connection.offlineWorks'), t.t('connection.offlineNeeds')].join('\n')}
      >
        {t.t('connection.offlineShort')}
      </p>
    );
  }
  return <p className="table-info muted">{loaded ? t.t('table.rows', { count: total }) : ''}</p>;
}

export function TableToolbar() {
  const store = useAppStore();
  const t = useTranslator();
  const error = useApp((s) => s.table.error);
  return (
    <div className="table-toolbar">
      <StatusFilter />
      {error ? (
        <p className="table-info form-error" role="alert">
          {t.t('table.failed', { message: errorText(t, error) })}
        </p>
      ) : (
        <TableInfo />
      )}
      <button
        type="button"
        className="button small"
        title={t.t('columnsDialog.openHint')}
        onClick={() => store.getState().openDialog({ kind: 'columns' })}
      >
        {t.t('columnsDialog.open')}
      </button>
    </div>
  );
}
