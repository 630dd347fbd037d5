/**
 * Leave session: a participant leaves and the session goes on. The owner chooses (GoToAssist): Leave,
 * and the longest-standing participant takes it over (or, alone, it goes back to the queue) — the shared
 * rule the service applies names who — or End session, which closes it for everyone.
 */
import { useId, useState } from 'react';
import { ownershipAfterLeave } from '@shared/domain/collaboration';
import type { RequestActionInput } from '@shared/ipc/contract';
import { Dialog } from '../components/Dialog';
import { ReasonButton } from '../components/ReasonButton';
import { availability } from '../domain/row-actions';
import { useActionContext } from '../hooks/useActionContext';
import { useNames } from '../hooks/useNames';
import { useRequestRow } from '../hooks/useRequestRow';
import { useTranslator } from '../i18n/translation';
import { useAppStore } from '../store/context';

export function LeaveDialog({ rowId }: { rowId: string }) {
  const store = useAppStore();
  const row = useRequestRow(rowId);
  const ctx = useActionContext();
  const names = useNames();
  const [busy, setBusy] = useState(false);
  const bodyId = useId();
  const t = useTranslator();
  const close = () => store.getState().closeDialog();
  if (!row || !ctx) return null;

  const owner = row.assigneeId === ctx.me.id;
  const successorId = owner ? ownershipAfterLeave(row, ctx.me.id).assigneeId : null;
  const successor = successorId === null ? null : names.agent(successorId);
  const name = row.recipientName;
  const body = !owner
    ? t.t('leave.participantBody', { name })
    : successor
      ? t.t('leave.ownerBody', { name, successor })
      : t.t('leave.aloneBody', { name });
  const leave = availability(t, row, 'leave', ctx);
  const end = availability(t, row, 'end', ctx);
  const run = async (action: RequestActionInput) => {
    setBusy(true);
    const done = await store.getState().act(rowId, action);
    setBusy(false);
    if (done) close();
  };

  return (
    <Dialog title={t.t('leave.title')} onClose={close} alert describedBy={bodyId}>
      <p id={bodyId}>{body}</p>
      {owner && successor ? <p className="muted">{t.t('leave.leaveHint', { successor })}</p> : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} data-autofocus>
          {t.t('leave.cancel')}
        </button>
        {owner || end.enabled ? (
          <ReasonButton
            className="button danger"
            enabled={end.enabled && !busy}
            reason={end.reason}
            onClick={() => void run({ type: 'end' })}
          >
            {t.t('leave.end')}
          </ReasonButton>
        ) : null}
        <ReasonButton
          className="button primary"
          enabled={leave.enabled && !busy}
          reason={leave.reason}
          onClick={() => void run({ type: 'leave' })}
        >
          {owner && !successor ? t.t('leave.leaveToQueue') : t.t('leave.leave')}
        </ReasonButton>
      </div>
    </Dialog>
  );
}
