/**
 * Live / Reconnecting… / Offline since 14:02 in the header; it opens a panel saying why, when the next
 * attempt is, what still works offline, and a Retry now button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { formatDateTime, formatOfflineSince } from '../domain/format';
import { useTranslator } from '../i18n/translation';
import { useNow } from '../store/clock';
import { useApp, useAppStore } from '../store/context';

export function useConnectionLabel(): { state: 'live' | 'reconnecting' | 'offline'; label: string } {
  const t = useTranslator();
  const connection = useApp((s) => s.connection);
  const now = useNow(60_000);
  const state = connection?.state ?? 'reconnecting';
  const label =
    state === 'live'
      ? t.t('connection.live')
      : state === 'reconnecting'
        ? t.t('connection.reconnecting')
        : connection && connection.since > 0
          ? formatOfflineSince(t, connection.since, now)
          : t.t('connection.offline');
  return { state, label };
}

export function ConnectionState() {
  const store = useAppStore();
  const t = useTranslator();
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
        aria-label={t.t('connection.button', { state: label })}
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
            <p>{t.t('connection.liveDetail')}</p>
          ) : (
            <>
              {connection?.reason ? <p>{connection.reason}</p> : null}
              {connection?.nextAttemptAt ? (
                <p className="muted">
                  {t.t('connection.nextAttempt', {
                    time: formatDateTime(t, connection.nextAttemptAt, now),
                  })}
                </p>
              ) : null}
              <p>{t.t('connection.offlineWorks')}</p>
              <p className="muted">{t.t('connection.offlineNeeds')}</p>
              <button type="button" className="button" onClick={() => store.getState().retryNow()}>
                {t.t('connection.retryNow')}
              </button>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
