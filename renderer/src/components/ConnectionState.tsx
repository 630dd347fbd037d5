/**
 * Live / Reconnecting… / Offline since 14:02 in the header; it opens a panel saying why, when the next
 * attempt is, what still works offline, and a Retry now button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { formatDateTime, formatOfflineSince } from '../domain/format';
import { useNow } from '../store/clock';
import { useApp, useAppStore } from '../store/context';
import { STRINGS } from '../strings';

export function useConnectionLabel(): { state: 'live' | 'reconnecting' | 'offline'; label: string } {
  const connection = useApp((s) => s.connection);
  const now = useNow(60_000);
  const state = connection?.state ?? 'reconnecting';
  const label =
    state === 'live'
      ? STRINGS.connection.live
      : state === 'reconnecting'
        ? STRINGS.connection.reconnecting
        : connection && connection.since > 0
          ? formatOfflineSince(connection.since, now)
          : STRINGS.connection.offline;
  return { state, label };
}

export function ConnectionState() {
  const store = useAppStore();
  const connection = useApp((s) => s.connection);
  const { state, label } = useConnectionLabel();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const now = useNow(60_000);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  return (
    <div className="connection" ref={ref}>
      <button
        type="button"
        className={`connection-pill is-${state}`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={STRINGS.connection.button(label)}
        onClick={() => setOpen(!open)}
      >
        <span className="dot" aria-hidden="true" />
        <span>{label}</span>
      </button>
      <span className="visually-hidden" role="status">
        {label}
      </span>
      {open ? (
        <div
          id={panelId}
          className="popover connection-panel"
          role="region"
          aria-label={label}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <p className="popover-title">{label}</p>
          {state === 'live' ? (
            <p>{STRINGS.connection.liveDetail}</p>
          ) : (
            <>
              {connection?.reason ? <p>{connection.reason}</p> : null}
              {connection?.nextAttemptAt ? (
                <p className="muted">
                  {STRINGS.connection.nextAttempt(formatDateTime(connection.nextAttemptAt, now))}
                </p>
              ) : null}
              <p>{STRINGS.connection.offlineWorks}</p>
              <p className="muted">{STRINGS.connection.offlineNeeds}</p>
              <button type="button" className="button" onClick={() => store.getState().retryNow()}>
                {STRINGS.connection.retryNow}
              </button>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
