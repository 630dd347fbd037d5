/**
 * The Agents tab: every agent (name, e-mail, roles, Disabled) with Edit, Reset password and Disable or
 * Enable on each row, and Add agent. An action that cannot be taken stays focusable with its reason
 * (offline; an admin's own account cannot be disabled).
 */
import { useMemo, useState } from 'react';
import type { Agent } from '@shared/protocol/api';
import { ReasonButton } from '../components/ReasonButton';
import { useApp } from '../store/context';
import type { OpenDialog } from './admin-dialog';
import { ADMIN_STRINGS } from './admin-strings';
import { rolesLabel, selfGuard, sortedAgents } from './agent-form';
import { useAdmin } from './use-admin';

const A = ADMIN_STRINGS;

function AgentRow({ agent, open }: { readonly agent: Agent; readonly open: OpenDialog }) {
  const { store, meId, live } = useAdmin();
  const [enabling, setEnabling] = useState(false);
  const guard = selfGuard(meId, agent);
  const offline = live ? null : A.offlineReason;
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
          ? { tone: 'info', title: A.agents.enabledDone(agent.name) }
          : { tone: 'error', title: result.error.message },
      );
  };

  return (
    <tr className={agent.disabled ? 'is-disabled' : undefined}>
      <th scope="row">
        <span className="admin-name">{agent.name}</span>
        {self ? <span className="badge admin-you">{A.agents.you}</span> : null}
      </th>
      <td className="ellipsis" title={agent.email}>
        {agent.email}
      </td>
      <td>{rolesLabel(agent.roles)}</td>
      <td>
        {agent.disabled ? (
          <span className="badge badge-disabled">{A.agents.disabled}</span>
        ) : (
          <span className="muted">{A.agents.active}</span>
        )}
      </td>
      <td>
        <div className="admin-row-actions">
          <ReasonButton
            className="button small"
            enabled={live}
            reason={offline}
            aria-label={A.agents.editLabel(agent.name)}
            onClick={() => open({ kind: 'editAgent', agentId: agent.id })}
          >
            {A.agents.edit}
          </ReasonButton>
          <ReasonButton
            className="button small"
            enabled={live}
            reason={offline}
            aria-label={A.agents.resetPasswordLabel(agent.name)}
            onClick={() => open({ kind: 'password', agentId: agent.id })}
          >
            {A.agents.resetPassword}
          </ReasonButton>
          {agent.disabled ? (
            <ReasonButton
              className="button small"
              enabled={live && !enabling}
              reason={offline}
              aria-label={A.agents.enableLabel(agent.name)}
              onClick={() => void enable()}
            >
              {enabling ? A.busy : A.agents.enable}
            </ReasonButton>
          ) : (
            <ReasonButton
              className="button small"
              enabled={live && guard.disable === null}
              reason={guard.disable ?? offline}
              aria-label={A.agents.disableLabel(agent.name)}
              onClick={() => open({ kind: 'disableAgent', agentId: agent.id })}
            >
              {A.agents.disable}
            </ReasonButton>
          )}
        </div>
      </td>
    </tr>
  );
}

export function AgentsPanel({ open }: { readonly open: OpenDialog }) {
  const { live } = useAdmin();
  const agents = useApp((s) => s.directory.agents);
  const rows = useMemo(() => sortedAgents(agents), [agents]);
  const c = A.agents.columns;
  return (
    <>
      <div className="admin-toolbar">
        <p className="muted admin-count">{A.agents.count(rows.length)}</p>
        <ReasonButton
          className="button primary"
          enabled={live}
          reason={live ? null : A.offlineReason}
          onClick={() => open({ kind: 'createAgent' })}
        >
          {A.agents.add}
        </ReasonButton>
      </div>
      {rows.length === 0 ? (
        <p className="muted admin-empty">{A.agents.empty}</p>
      ) : (
        <div className="admin-table-scroll">
          <table className="admin-table admin-agents" aria-label={A.agents.tableLabel}>
            <thead>
              <tr>
                <th scope="col">{c.name}</th>
                <th scope="col">{c.email}</th>
                <th scope="col">{c.roles}</th>
                <th scope="col">{c.status}</th>
                <th scope="col">{c.actions}</th>
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
