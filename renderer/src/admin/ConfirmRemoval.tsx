/**
 * Asks before something is removed for good (a token revoked, a webhook deleted, a member taken off a
 * channel, an agent disabled, an agent's two-factor sign-in reset): the question, the service's refusal if
 * any, then a toast, the dialog closed and `onRemoved`.
 */
import { useId, useState } from 'react';
import { errorText } from '@shared/i18n/errors';
import type { CommandResult } from '@shared/ipc/contract';
import { Dialog } from '../components/Dialog';
import { useTranslator } from '../i18n/translation';
import { FormError, OfflineNote } from './AdminFormParts';
import { useAdmin } from './use-admin';

export function ConfirmRemoval({
  title,
  body,
  confirmLabel,
  done,
  remove,
  onClose,
  onRemoved,
  blockedReason = null,
}: {
  readonly title: string;
  readonly body: string;
  readonly confirmLabel: string;
  /** The toast once removed. */
  readonly done: string;
  readonly remove: () => Promise<CommandResult<unknown>>;
  readonly onClose: () => void;
  readonly onRemoved: () => Promise<void>;
  /** Why it cannot be done (said instead of the question, the button disabled); null: it can. */
  readonly blockedReason?: string | null;
}) {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyId = useId();

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await remove();
    setBusy(false);
    if (!result.ok) {
      setError(errorText(t, result.error));
      return;
    }
    store.getState().toast({ tone: 'info', title: done });
    onClose();
    await onRemoved();
  };

  return (
    <Dialog title={title} onClose={onClose} alert describedBy={bodyId}>
      <p id={bodyId}>{blockedReason ?? body}</p>
      <OfflineNote live={live} reason={offlineReason} />
      <FormError message={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          {t.t('admin.cancel')}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy || !live || blockedReason !== null}
          onClick={() => void confirm()}
        >
          {busy ? t.t('admin.busy') : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
