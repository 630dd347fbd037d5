/**
 * Members of a channel: the release permission per member, Remove (which asks first) and Add a member.
 * Everything is disabled, saying why, while the service cannot be reached.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Agent, Channel } from '@shared/protocol/api';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useApp } from '../store/context';
import { ADMIN_STRINGS } from './admin-strings';
import { FormError, OfflineNote } from './AdminFormParts';
import { addableAgents, memberRows, type MemberRow } from './channel-form';
import { useAdmin } from './use-admin';

const A = ADMIN_STRINGS;

function MemberItem({
  member,
  disabled,
  onRelease,
  onRemove,
}: {
  readonly member: MemberRow;
  readonly disabled: boolean;
  readonly onRelease: (canRelease: boolean) => void;
  readonly onRemove: () => void;
}) {
  const M = A.members;
  return (
    <li className="admin-member">
      <span className="admin-member-name">
        <strong>{member.name}</strong>
        {member.email ? <span className="muted"> {member.email}</span> : null}
        {member.disabled ? <span className="badge badge-disabled">{M.disabledAgent}</span> : null}
      </span>
      <label className="admin-check-inline">
        <input
          type="checkbox"
          checked={member.canRelease}
          disabled={disabled}
          aria-label={M.canReleaseLabel(member.name)}
          onChange={(e) => onRelease(e.target.checked)}
        />
        <span aria-hidden="true">{M.canRelease}</span>
      </label>
      <button
        type="button"
        className="button small"
        disabled={disabled}
        aria-label={M.removeLabel(member.name)}
        onClick={onRemove}
      >
        {M.remove}
      </button>
    </li>
  );
}

/** Removing a member changes what they see and sends their requests back to the queue: it asks first. */
function RemoveMemberDialog({
  channel,
  member,
  onCancel,
  onRemoved,
}: {
  readonly channel: Channel;
  readonly member: MemberRow;
  readonly onCancel: () => void;
  readonly onRemoved: () => void;
}) {
  const { store, live, offlineReason } = useAdmin();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyId = useId();
  const M = A.members;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await store
      .getState()
      .call('admin.removeMember', { channelId: channel.id, agentId: member.agentId });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    store.getState().toast({ tone: 'info', title: M.removed(member.name, channel.name) });
    onRemoved();
  };
  return (
    <Dialog title={M.removeTitle(member.name)} onClose={onCancel} alert describedBy={bodyId}>
      <p id={bodyId}>{M.removeBody(member.name, channel.name)}</p>
      <OfflineNote live={live} reason={offlineReason} />
      <FormError message={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          {A.cancel}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy || !live}
          onClick={() => void confirm()}
        >
          {busy ? A.busy : M.removeConfirm}
        </button>
      </div>
    </Dialog>
  );
}

export function MembersDialog({
  channel,
  onClose,
}: {
  readonly channel: Channel;
  readonly onClose: () => void;
}) {
  const { store, live, offlineReason } = useAdmin();
  const agents = useApp((s) => s.directory.agents);
  const members = useMemo(() => memberRows(channel, agents), [channel, agents]);
  const candidates = useMemo(() => addableAgents(channel, agents), [channel, agents]);
  const [agentId, setAgentId] = useState('');
  const [canRelease, setCanRelease] = useState(false);
  const [agentError, setAgentError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const refocus = useRef(false);
  const addRef = useRef<HTMLSelectElement>(null);
  const M = A.members;
  const nameOf = (id: string) => agents.find((a: Agent) => a.id === id)?.name ?? M.unknownAgent;

  // After a removal, the Remove button that opened the confirmation is gone: focus goes to Add a member.
  useEffect(() => {
    if (!refocus.current || removing) return;
    refocus.current = false;
    addRef.current?.focus();
  }, [removing]);

  const setMember = async (id: string, release: boolean, done: string) => {
    setBusy(true);
    setError(null);
    const result = await store
      .getState()
      .call('admin.setMember', { channelId: channel.id, agentId: id, canRelease: release });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return false;
    }
    store.getState().toast({ tone: 'info', title: done });
    return true;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (agentId === '') {
      setAgentError(M.pickAgent);
      return;
    }
    setAgentError(undefined);
    const added = await setMember(agentId, canRelease, M.added(nameOf(agentId), channel.name));
    if (added) {
      setAgentId('');
      setCanRelease(false);
    }
  };

  const locked = busy || !live;
  return (
    <>
      <Dialog title={M.title(channel.name)} onClose={onClose} className="dialog-wide">
        <p>{M.intro}</p>
        <OfflineNote live={live} reason={offlineReason} />
        {members.length === 0 ? (
          <p className="muted">{M.none}</p>
        ) : (
          <ul className="admin-members" aria-label={M.listLabel}>
            {members.map((member) => (
              <MemberItem
                key={member.agentId}
                member={member}
                disabled={locked}
                onRelease={(release) =>
                  void setMember(
                    member.agentId,
                    release,
                    release ? M.releaseOn(member.name) : M.releaseOff(member.name),
                  )
                }
                onRemove={() => setRemoving(member)}
              />
            ))}
          </ul>
        )}
        <form onSubmit={(e) => void add(e)} noValidate aria-busy={busy}>
          <fieldset className="admin-add-member" disabled={locked}>
            <legend>{M.addLegend}</legend>
            <Field
              label={M.agent}
              error={agentError}
              hint={candidates.length === 0 ? M.everyoneIsMember : undefined}
            >
              <select
                ref={addRef}
                value={agentId}
                onChange={(e) => {
                  setAgentId(e.target.value);
                  setAgentError(undefined);
                }}
              >
                <option value="">{M.chooseAgent}</option>
                {candidates.map((agent) => (
                  <option key={agent.id} value={agent.id}>
                    {agent.disabled
                      ? `${agent.name} (${agent.email}, ${M.disabledAgent})`
                      : `${agent.name} (${agent.email})`}
                  </option>
                ))}
              </select>
            </Field>
            <label className="admin-check-inline">
              <input type="checkbox" checked={canRelease} onChange={(e) => setCanRelease(e.target.checked)} />
              {M.addCanRelease}
            </label>
            <button type="submit" className="button primary">
              {M.addSubmit}
            </button>
          </fieldset>
        </form>
        <FormError message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {A.close}
          </button>
        </div>
      </Dialog>
      {removing ? (
        <RemoveMemberDialog
          channel={channel}
          member={removing}
          onCancel={() => setRemoving(null)}
          onRemoved={() => {
            refocus.current = true;
            setRemoving(null);
          }}
        />
      ) : null}
    </>
  );
}
