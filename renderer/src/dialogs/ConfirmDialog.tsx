/** Close and Delete ask first: both are final. */
import { useId, useState } from 'react';
import { Dialog } from '../components/Dialog';
import { useRequestRow } from '../hooks/useRequestRow';
import { useAppStore } from '../store/context';
import { STRINGS } from '../strings';

export function ConfirmDialog({ rowId, action }: { rowId: string; action: 'close' | 'delete' }) {
  const store = useAppStore();
  const row = useRequestRow(rowId);
  const [busy, setBusy] = useState(false);
  const bodyId = useId();
  const c = STRINGS.confirm;
  const name = row?.recipientName ?? '';
  const close = () => store.getState().closeDialog();
  const confirm = async () => {
    setBusy(true);
    const done = await store.getState().act(rowId, { type: action });
    setBusy(false);
    if (done) close();
  };
  return (
    <Dialog
      title={action === 'close' ? c.closeTitle : c.deleteTitle}
      onClose={close}
      alert
      describedBy={bodyId}
    >
      <p id={bodyId}>{action === 'close' ? c.closeBody(name) : c.deleteBody(name)}</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} data-autofocus>
          {c.cancel}
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void confirm()}>
          {action === 'close' ? c.closeConfirm : c.deleteConfirm}
        </button>
      </div>
    </Dialog>
  );
}
