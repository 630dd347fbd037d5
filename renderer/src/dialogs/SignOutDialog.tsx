/** Sign out while offline work is still queued: say what would be lost, and ask. */
import { useId } from 'react';
import { Dialog } from '../components/Dialog';
import { useAppStore } from '../store/context';
import { STRINGS } from '../strings';

export function SignOutDialog({ message }: { message: string }) {
  const store = useAppStore();
  const bodyId = useId();
  const close = () => store.getState().closeDialog();
  return (
    <Dialog title={STRINGS.confirm.signOutTitle} onClose={close} alert describedBy={bodyId}>
      <p id={bodyId}>{message}</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} data-autofocus>
          {STRINGS.confirm.cancel}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            close();
            void store.getState().signOut(true);
          }}
        >
          {STRINGS.confirm.signOutConfirm}
        </button>
      </div>
    </Dialog>
  );
}
