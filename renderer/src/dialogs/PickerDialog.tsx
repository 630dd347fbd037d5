/**
 * Assign, Transfer and Invite technicians: the agents (and for Transfer the channels) to choose from,
 * each one the rules refuse shown disabled with the reason.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { RequestActionInput } from '@shared/ipc/contract';
import type { RequestRow } from '@shared/ipc/views';
import { joinUrl } from '@shared/protocol/join-url';
import { Dialog } from '../components/Dialog';
import { formatSessionCode } from '../domain/format';
import { channelLabel } from '../domain/people';
import {
  assignTargets,
  inviteTargets,
  roomOnRequest,
  transferAgentTargets,
  transferChannelTargets,
  type TargetChoice,
} from '../domain/row-actions';
import { useActionContext } from '../hooks/useActionContext';
import { useRequestRow } from '../hooks/useRequestRow';
import { useTranslator } from '../i18n/translation';
import { errorWords } from '../i18n/words';
import { useAppStore } from '../store/context';

type Kind = 'assign' | 'transfer' | 'invite';

interface Option {
  readonly value: string;
  readonly label: string;
  readonly choice: TargetChoice<unknown>;
}

function Choices({
  legend,
  options,
  multiple,
  selected,
  onToggle,
}: {
  legend: string;
  options: readonly Option[];
  multiple: boolean;
  selected: ReadonlySet<string>;
  onToggle: (value: string) => void;
}) {
  const name = useId();
  if (options.length === 0) return null;
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {options.map(({ value, label, choice }) => {
        const reasonId = `${name}-${value}`;
        const enabled = choice.availability.enabled;
        return (
          <label
            key={value}
            className={`choice${enabled ? '' : ' is-disabled'}`}
            title={choice.availability.reason ?? undefined}
          >
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={name}
              value={value}
              checked={selected.has(value)}
              disabled={!enabled}
              aria-describedby={enabled ? undefined : reasonId}
              onChange={() => onToggle(value)}
            />
            <span>{label}</span>
            {!enabled ? (
              <span id={reasonId} className="choice-reason">
                {choice.availability.reason}
              </span>
            ) : null}
          </label>
        );
      })}
    </fieldset>
  );
}

/** Copy join URL and Email join URL: for a colleague the list cannot reach, or who prefers the code. */
function ShareSession({ row }: { row: RequestRow }) {
  const store = useAppStore();
  const t = useTranslator();
  const code = row.sessionCode;
  const email = async () => {
    const result = await store.getState().call('requests.emailJoinUrl', { requestId: row.id });
    store
      .getState()
      .toast(
        result.ok
          ? { tone: 'info', title: t.t('picker.emailJoinUrlOpened') }
          : { tone: 'error', title: errorWords(result.error) },
      );
  };
  return (
    <section className="share-session" aria-labelledby="share-session-heading">
      <h3 id="share-session-heading">{t.t('picker.shareHeading')}</h3>
      {code ? (
        <>
          <p>{t.t('picker.shareIntro', { code: formatSessionCode(code) })}</p>
          <p className="copy-line">
            <span className="mono ellipsis">{joinUrl(code)}</span>
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => void store.getState().copy(joinUrl(code), t.t('picker.joinUrlCopied'))}
            >
              {t.t('picker.copyJoinUrl')}
            </button>
            <button type="button" className="button" onClick={() => void email()}>
              {t.t('picker.emailJoinUrl')}
            </button>
          </div>
        </>
      ) : (
        <p className="muted">{t.t('picker.noSessionCode')}</p>
      )}
    </section>
  );
}

export function PickerDialog({ rowId, kind }: { rowId: string; kind: Kind }) {
  const store = useAppStore();
  const t = useTranslator();
  const row = useRequestRow(rowId);
  const ctx = useActionContext();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => store.getState().closeDialog();

  const { agents, channels } = useMemo(() => {
    if (!row || !ctx) return { agents: [], channels: [] };
    const agentChoices =
      kind === 'assign'
        ? assignTargets(t, row, ctx)
        : kind === 'transfer'
          ? transferAgentTargets(t, row, ctx)
          : inviteTargets(t, row, ctx);
    // Invite: each agent is checked alone; picking several must also fit the channel's limit.
    const room = row && ctx && kind === 'invite' ? roomOnRequest(row, ctx.channels) : Infinity;
    const limit = ctx?.channels.find((c) => c.id === row.channelId)?.participantLimit ?? 0;
    const full = (value: string, choice: TargetChoice<unknown>): TargetChoice<unknown> =>
      selected.size >= room && !selected.has(value) && choice.availability.enabled
        ? { ...choice, availability: { enabled: false, reason: t.t('picker.inviteFull', { limit }) } }
        : choice;
    return {
      agents: agentChoices.map((choice) => ({
        value: `agent:${choice.target.id}`,
        label: choice.target.name,
        choice: full(`agent:${choice.target.id}`, choice),
      })),
      channels:
        kind === 'transfer'
          ? transferChannelTargets(t, row, ctx).map((choice) => ({
              value: `channel:${choice.target.id}`,
              label: channelLabel(t, choice.target),
              choice,
            }))
          : [],
    };
  }, [t, row, ctx, kind, selected]);

  const title =
    kind === 'assign'
      ? t.t('picker.assignTitle')
      : kind === 'transfer'
        ? t.t('picker.transferTitle')
        : t.t('picker.inviteTitle');
  const name = row?.recipientName ?? '';
  const intro =
    kind === 'assign'
      ? t.t('picker.assignIntro', { name })
      : kind === 'transfer'
        ? t.t('picker.transferIntro', { name })
        : t.t('picker.inviteIntro', { name, room: row && ctx ? roomOnRequest(row, ctx.channels) : 0 });

  const toggle = (value: string) => {
    setError(null);
    if (kind !== 'invite') return setSelected(new Set([value]));
    const next = new Set(selected);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    setSelected(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const values = [...selected];
    if (values.length === 0) {
      setError(kind === 'invite' ? t.t('picker.inviteNone') : t.t('picker.noChoice'));
      return;
    }
    const ids = (prefix: string) =>
      values.filter((v) => v.startsWith(prefix)).map((v) => v.slice(prefix.length));
    const trimmed = note.trim();
    let action: RequestActionInput;
    if (kind === 'assign') action = { type: 'assign', agentId: ids('agent:')[0]! };
    else if (kind === 'invite') action = { type: 'invite', agentIds: ids('agent:') };
    else {
      const agentId = ids('agent:')[0];
      const channelId = ids('channel:')[0];
      action = {
        type: 'transfer',
        ...(agentId ? { agentId } : { channelId: channelId! }),
        ...(trimmed ? { note: trimmed } : {}),
      };
    }
    setBusy(true);
    const done = await store.getState().act(rowId, action);
    setBusy(false);
    if (done) close();
  };

  return (
    <Dialog title={title} onClose={close}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{intro}</p>
        <Choices
          legend={kind === 'transfer' ? t.t('picker.toAgent') : t.t('picker.agents')}
          options={agents}
          multiple={kind === 'invite'}
          selected={selected}
          onToggle={toggle}
        />
        <Choices
          legend={t.t('picker.toChannel')}
          options={channels}
          multiple={false}
          selected={selected}
          onToggle={toggle}
        />
        {agents.length === 0 && channels.length === 0 ? (
          <p className="muted">{t.t('actions.noAgents')}</p>
        ) : null}
        {kind === 'invite' && row ? <ShareSession row={row} /> : null}
        {kind === 'transfer' ? (
          <div className="field">
            <label htmlFor="transfer-note">{t.t('picker.note')}</label>
            <textarea id="transfer-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            {t.t('picker.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {kind === 'assign'
              ? t.t('picker.assignSubmit')
              : kind === 'transfer'
                ? t.t('picker.transferSubmit')
                : t.t('picker.inviteSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
