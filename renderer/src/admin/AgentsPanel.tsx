/**
 * The Agents tab: every agent (name, e-mail, roles, Disabled, two-factor sign-in) with Edit, Reset
 * password, Reset two-factor and Disable or Enable on each row, and Add agent. An action that cannot be taken stays focusable with its reason
 * (offline; an admin's own account cannot be disabled).
 */
import { useMemo, useState } from 'react';
import { errorText } from '@shared/i18n/errors';
import type { Agent } from '@shared/protocol/api';
import { ReasonButton } from '../components/ReasonButton';
import { useTranslator } from '../i18n/translation';
import { useApp } from '../store/context';
import type { OpenDialog } from './admin-dialog';
import { rolesLabel, selfGuard, sortedAgents } from './agent-form';
import { useAdmin } from './use-admin';

function AgentRow({ agent, open }: { readonly agent: Agent; readonly open: OpenDialog }) {
  const t = useTranslator();
  const { store, meId, live } = useAdmin();
  const [enabling, setEnabling] = useState(false);
  const guard = selfGuard(t, meId, agent);
  const offline = live ? null : t.t('admin.offlineReason');
  const name = { name: agent.name };
  const self = agent.id === meId;

  const enable = async () => {
    setEnabling(true);
    const result = await store
      .getState()
      .call('admin.updateAgent', { agentId: agent.id, changes: { disabled: false } });
    setEnabling(false);
    store
      .getState()
      .toast(
        result.ok
          ? { tone: 'info', title: t.t('admin.agents.enabledDone', name) }
          : { tone: 'error', title: errorText(t, result.error) },
      );
  };

  return (
    <tr className={agent.disabled ? 'is-disabled' : undefined}>
      <th scope="row">
        <span className="admin-name">{agent.name}</span>
        {self ? <span className="badge admin-you">{t.t('admin.agents.you')}</span> : null}
      </th>
      <td className="ellipsis" title={agent.email}>
        {agent.email}
      </td>
      <td>{rolesLabel(t, agent.roles)}</td>
      <td>
        {agent.disabled ? (
          <span className="badge badge-disabled">{t.t('admin.agents.disabled')}</span>
        ) : (
          <span className="muted">{t.t('admin.agents.active')}</span>
        )}
        {agent.twoFactorEnabled ? (
          <span className="badge admin-two-factor">{t.t('admin.agents.twoFactorOn')}</span>
        ) : null}
      </td>
      <td>
        <div className="admin-row-actions">
          <ReasonButton
            className="button small"
            enabled={live}
            reason={offline}
            aria-label={t.t('admin.agents.editLabel', name)}
            onClick={() => open({ kind: 'editAgent', agentId: agent.id })}
          >
            {t.t('admin.agents.edit')}
          </ReasonButton>
          <ReasonButton
            className="button small"
            enabled={live}
            reason={offline}
            aria-label={t.t('admin.agents.resetPasswordLabel', name)}
            onClick={() => open({ kind: 'password', agentId: agent.id })}
          >
            {t.t('admin.agents.resetPassword')}
          </ReasonButton>
          <ReasonButton
            className="button small"
            enabled={live && agent.twoFactorEnabled}
            reason={agent.twoFactorEnabled ? offline : t.t('admin.agents.twoFactorOffReason', name)}
            aria-label={t.t('admin.agents.resetTwoFactorLabel', name)}
            onClick={() => open({ kind: 'resetTwoFactor', agentId: agent.id })}
          >
            {t.t('admin.agents.resetTwoFactor')}
          </ReasonButton>
          {agent.disabled ? (
            <ReasonButton
              className="button small"
              enabled={live && !enabling}
              reason={offline}
              aria-label={t.t('admin.agents.enableLabel', name)}
              onClick={() => void enable()}
            >
              {enabling ? t.t('admin.busy') : t.t('admin.agents.enable')}
            </ReasonButton>
          ) : (
            <ReasonButton
              className="button small"
              enabled={live && guard.disable === null}
              reason={guard.disable ?? offline}
              aria-label={t.t('admin.agents.disableLabel', name)}
              onClick={() => open({ kind: 'disableAgent', agentId: agent.id })}
            >
              {t.t('admin.agents.disable')}
            </ReasonButton>
          )}
        </div>
      </td>
    </tr>
  );
}

export function AgentsPanel({ open }: { readonly open: OpenDialog }) {
  const t = useTranslator();
  const { live } = useAdmin();
  const agents = useApp((s) => s.directory.agents);
  const rows = useMemo(() => sortedAgents(agents), [agents]);
  return (
    <>
      <div className="admin-toolbar">
        <p className="muted admin-count">{t.t('admin.agents.count', { n: rows.length })}</p>
        <ReasonButton
          className="button primary"
          enabled={live}
          reason={live ? null : t.t('admin.offlineReason')}
          onClick={() => open({ kind: 'createAgent' })}
        >
          {t.t('admin.agents.add')}
        </ReasonButton>
      </div>
      {rows.length === 0 ? (
        <p className="muted admin-empty">{t.t('admin.agents.empty')}</p>
      ) : (
        <div className="admin-table-scroll">
          <table className="admin-table admin-agents" aria-label={t.t('admin.agents.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t.t('admin.agents.columns.name')}</th>
                <th scope="col">{t.t('admin.agents.columns.email')}</th>
                <th scope="col">{t.t('admin.agents.columns.roles')}</th>
                <th scope="col">{t.t('admin.agents.columns.status')}</th>
                <th scope="col">{t.t('admin.agents.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((agent) => (
                <AgentRow key={agent.id} agent={agent} open={open} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
