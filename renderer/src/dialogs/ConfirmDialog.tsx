/** Delete asks first: it is final. (Close asks for its outcome: CloseRequestDialog.) */
import { useId, useState } from 'react';
import { Dialog } from '../components/Dialog';
import { useRequestRow } from '../hooks/useRequestRow';
import { useTranslator } from '../i18n/translation';
import { useAppStore } from '../store/context';

export function ConfirmDialog({ rowId, action }: { rowId: string; action: 'delete' }) {
  const store = useAppStore();
  const row = useRequestRow(rowId);
  const [busy, setBusy] = useState(false);
  const bodyId = useId();
  const t = useTranslator();
  const name = row?.recipientName ?? '';
  const close = () => store.getState().closeDialog();
  const confirm = async () => {
    setBusy(true);
    const done = await store.getState().act(rowId, { type: action });
    setBusy(false);
    if (done) close();
  };
  return (
    <Dialog title={t.t('confirm.deleteTitle')} onClose={close} alert describedBy={bodyId}>
      <p id={bodyId}>{t.t('confirm.deleteBody', { name })}</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} data-autofocus>
          {t.t('confirm.cancel')}
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void confirm()}>
          {t.t('confirm.deleteConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
