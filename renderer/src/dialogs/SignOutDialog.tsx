/** Sign out while offline work is still queued: say what would be lost, and ask. */
import { useId } from 'react';
import { Dialog } from '../components/Dialog';
import { useTranslator } from '../i18n/translation';
import { say, type Saying } from '../i18n/words';
import { useAppStore } from '../store/context';

export function SignOutDialog({ message }: { message: Saying }) {
  const store = useAppStore();
  const t = useTranslator();
  const bodyId = useId();
  const close = () => store.getState().closeDialog();
  return (
    <Dialog title={t.t('confirm.signOutTitle')} onClose={close} alert describedBy={bodyId}>
      <p id={bodyId}>{say(t, message)}</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close} data-autofocus>
          {t.t('confirm.cancel')}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            close();
            void store.getState().signOut(true);
          }}
        >
          {t.t('confirm.signOutConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
