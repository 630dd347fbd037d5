/**
 * Members of a channel: the release permission per member, Remove (which asks first) and Add a member.
 * Everything is disabled, saying why, while the service cannot be reached.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { errorText } from '@shared/i18n/errors';
import type { Agent, Channel } from '@shared/protocol/api';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useTranslator } from '../i18n/translation';
import { useApp } from '../store/context';
import { FormError, OfflineNote } from './AdminFormParts';
import { addableAgents, memberRows, type MemberRow } from './channel-form';
import { ConfirmRemoval } from './ConfirmRemoval';
import { useAdmin } from './use-admin';

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
  const t = useTranslator();
  const name = { name: member.name };
  return (
    <li className="admin-member">
      <span className="admin-member-name">
        <strong>{member.name}</strong>
        {member.email ? <span className="muted"> {member.email}</span> : null}
        {member.disabled ? (
          <span className="badge badge-disabled">{t.t('admin.members.disabledAgent')}</span>
        ) : null}
      </span>
      <label className="admin-check-inline">
        <input
          type="checkbox"
          checked={member.canRelease}
          disabled={disabled}
          aria-label={t.t('admin.members.canReleaseLabel', name)}
          onChange={(e) => onRelease(e.target.checked)}
        />
        <span aria-hidden="true">{t.t('admin.members.canRelease')}</span>
      </label>
      <button
        type="button"
        className="button small"
        disabled={disabled}
        aria-label={t.t('admin.members.removeLabel', name)}
        onClick={onRemove}
      >
        {t.t('admin.members.remove')}
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
  const t = useTranslator();
  const { store } = useAdmin();
  const names = { name: member.name, channel: channel.name };
  return (
    <ConfirmRemoval
      title={t.t('admin.members.removeTitle', { name: member.name })}
      body={t.t('admin.members.removeBody', names)}
      confirmLabel={t.t('admin.members.removeConfirm')}
      done={t.t('admin.members.removed', names)}
      remove={() =>
        store.getState().call('admin.removeMember', { channelId: channel.id, agentId: member.agentId })
      }
      onClose={onCancel}
      onRemoved={() => {
        onRemoved();
        return Promise.resolve();
      }}
    />
  );
}

export function MembersDialog({
  channel,
  onClose,
}: {
  readonly channel: Channel;
  readonly onClose: () => void;
}) {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const agents = useApp((s) => s.directory.agents);
  const members = useMemo(() => memberRows(t, channel, agents), [t, channel, agents]);
  const candidates = useMemo(() => addableAgents(channel, agents), [channel, agents]);
  const [agentId, setAgentId] = useState('');
  const [canRelease, setCanRelease] = useState(false);
  const [agentError, setAgentError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const refocus = useRef(false);
  const addRef = useRef<HTMLSelectElement>(null);
  const nameOf = (id: string) =>
    agents.find((a: Agent) => a.id === id)?.name ?? t.t('admin.members.unknownAgent');

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
      setError(errorText(t, result.error));
      return false;
    }
    store.getState().toast({ tone: 'info', title: done });
    return true;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (agentId === '') {
      setAgentError(t.t('admin.members.pickAgent'));
      return;
    }
    setAgentError(undefined);
    const added = await setMember(
      agentId,
      canRelease,
      t.t('admin.members.added', { name: nameOf(agentId), channel: channel.name }),
    );
    if (added) {
      setAgentId('');
      setCanRelease(false);
    }
  };

  const locked = busy || !live;
  return (
    <>
      <Dialog
        title={t.t('admin.members.title', { channel: channel.name })}
        onClose={onClose}
        className="dialog-wide"
      >
        <p>{t.t('admin.members.intro')}</p>
        <OfflineNote live={live} reason={offlineReason} />
        {members.length === 0 ? (
          <p className="muted">{t.t('admin.members.none')}</p>
        ) : (
          <ul className="admin-members" aria-label={t.t('admin.members.listLabel')}>
            {members.map((member) => (
              <MemberItem
                key={member.agentId}
                member={member}
                disabled={locked}
                onRelease={(release) =>
                  void setMember(
                    member.agentId,
                    release,
                    release
                      ? t.t('admin.members.releaseOn', { name: member.name })
                      : t.t('admin.members.releaseOff', { name: member.name }),
                  )
                }
                onRemove={() => setRemoving(member)}
              />
            ))}
          </ul>
        )}
        <form onSubmit={(e) => void add(e)} noValidate aria-busy={busy}>
          <fieldset className="admin-add-member" disabled={locked}>
            <legend>{t.t('admin.members.addLegend')}</legend>
            <Field
              label={t.t('admin.members.agent')}
              error={agentError}
              hint={candidates.length === 0 ? t.t('admin.members.everyoneIsMember') : undefined}
            >
              <select
                ref={addRef}
                value={agentId}
                onChange={(e) => {
                  setAgentId(e.target.value);
                  setAgentError(undefined);
                }}
              >
                <option value="">{t.t('admin.members.chooseAgent')}</option>
                {candidates.map((agent) => (
                  <option key={agent.id} value={agent.id}>
                    {t.t(agent.disabled ? 'admin.members.candidateDisabled' : 'admin.members.candidate', {
                      name: agent.name,
                      email: agent.email,
                    })}
                  </option>
                ))}
              </select>
            </Field>
            <label className="admin-check-inline">
              <input type="checkbox" checked={canRelease} onChange={(e) => setCanRelease(e.target.checked)} />
              {t.t('admin.members.addCanRelease')}
            </label>
            <button type="submit" className="button primary">
              {t.t('admin.members.addSubmit')}
            </button>
          </fieldset>
        </form>
        <FormError message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t.t('admin.close')}
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
