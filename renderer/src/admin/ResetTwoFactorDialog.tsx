/**
 * Reset an agent's two-factor sign-in (an agent who lost their phone and their recovery codes): after a
 * confirmation, it is off; when the organisation requires it, the agent sets it up again at sign-in.
 */
import type { Agent } from '@shared/protocol/api';
import { useTranslator } from '../i18n/translation';
import { ConfirmRemoval } from './ConfirmRemoval';
import { useAdmin } from './use-admin';

export function ResetTwoFactorDialog({
  agent,
  onClose,
}: {
  readonly agent: Agent;
  readonly onClose: () => void;
}) {
  const t = useTranslator();
  const { store } = useAdmin();
  const name = { name: agent.name };
  return (
    <ConfirmRemoval
      title={t.t('admin.agents.resetTwoFactorTitle', name)}
      body={t.t('admin.agents.resetTwoFactorBody', name)}
      confirmLabel={t.t('admin.agents.resetTwoFactorConfirm')}
      done={t.t('admin.agents.resetTwoFactorDone', name)}
      remove={() => store.getState().call('admin.resetTwoFactor', { agentId: agent.id })}
      onClose={onClose}
      onRemoved={() => Promise.resolve()}
    />
  );
}
