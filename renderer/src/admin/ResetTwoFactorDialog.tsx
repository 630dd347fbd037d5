/**
 * Reset an agent's two-factor sign-in (an agent who lost their phone and their recovery codes): after a
 * confirmation, it is off; when the organisation requires it, the agent sets it up again at sign-in.
 */
import { useId, useState } from 'react';
import { errorText } from '@shared/i18n/errors';
import type { Agent } from '@shared/protocol/api';
import { Dialog } from '../components/Dialog';
import { useTranslator } from '../i18n/translation';
import { FormError, OfflineNote } from './AdminFormParts';
import { useAdmin } from './use-admin';

export function ResetTwoFactorDialog({
  agent,
  onClose,
}: {
  readonly agent: Agent;
  readonly onClose: () => void;
}) {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyId = useId();
  const name = { name: agent.name };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await store.getState().call('admin.resetTwoFactor', { agentId: agent.id });
    setBusy(false);
    if (!result.ok) {
      setError(errorText(t, result.error));
      return;
    }
    store.getState().toast({ tone: 'info', title: t.t('admin.agents.resetTwoFactorDone', name) });
    onClose();
  };

  return (
    <Dialog
      title={t.t('admin.agents.resetTwoFactorTitle', name)}
      onClose={onClose}
      alert
      describedBy={bodyId}
    >
      <p id={bodyId}>{t.t('admin.agents.resetTwoFactorBody', name)}</p>
      <OfflineNote live={live} reason={offlineReason} />
      <FormError message={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          {t.t('admin.cancel')}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy || !live}
          onClick={() => void confirm()}
        >
          {busy ? t.t('admin.busy') : t.t('admin.agents.resetTwoFactorConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
