/**
 * Connect, on every row: enabled only when the shared rules allow it (Ready, for the assignee and the
 * participants), otherwise disabled with the reason. A refused offline create shows Dismiss instead.
 */
import type { RequestRow } from '@shared/ipc/views';
import { ReasonButton } from '../components/ReasonButton';
import { availability, type ActionContext } from '../domain/row-actions';
import { useTranslator } from '../i18n/translation';
import { useAppStore } from '../store/context';

export function ConnectCell({
  row,
  ctx,
  active,
  connecting,
}: {
  row: RequestRow;
  ctx: ActionContext;
  active: boolean;
  connecting: boolean;
}) {
  const store = useAppStore();
  const t = useTranslator();
  if (row.pending?.state === 'rejected') {
    const outboxId = row.pending.outboxId;
    return (
      <button
        type="button"
        className="button small"
        tabIndex={active ? 0 : -1}
        aria-label={t.t('pending.dismissLabel', { name: row.recipientName })}
        onClick={() => void store.getState().dismissPending(outboxId)}
      >
        {t.t('pending.dismiss')}
      </button>
    );
  }
  const verdict = availability(t, row, 'connect', ctx);
  const enabled = verdict.enabled && !connecting;
  return (
    <ReasonButton
      className={`button small${verdict.enabled ? ' connect-ready' : ''}`}
      enabled={enabled}
      reason={verdict.reason}
      tabIndex={active ? 0 : -1}
      aria-label={t.t('actions.connectLabel', { name: row.recipientName })}
      onClick={() => void store.getState().connect(row.id)}
    >
      {connecting ? t.t('actions.connecting') : t.t('actions.connect')}
    </ReasonButton>
  );
}
