/**
 * The channel dialogs: New channel and Edit (name, default expiry as an amount and a unit, participant
 * limit); Members is in MembersDialog.tsx.
 * Inputs are checked with the shared schemas before sending; refusals show beside their fields or above
 * the buttons; everything is disabled, saying why, while the service cannot be reached.
 */
import { useId, type FormEvent } from 'react';
import { LIMITS } from '@shared/domain/limits';
import type { Channel } from '@shared/protocol/api';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { ADMIN_STRINGS } from './admin-strings';
import { FormError, OfflineNote } from './AdminFormParts';
import {
  buildChannelChanges,
  buildCreateChannelInput,
  channelFormOf,
  channelRefusal,
  emptyChannelForm,
  EXPIRY_UNITS,
  expiryMinutesOf,
  formatExpiry,
  type ChannelField,
  type ChannelForm,
  type ExpiryUnit,
} from './channel-form';
import { useAdmin } from './use-admin';
import { useAdminForm } from './use-admin-form';

const A = ADMIN_STRINGS;
const C = A.channels;

function fieldsOf(patch: Partial<ChannelForm>): ChannelField[] {
  return Object.keys(patch).map((key) =>
    key === 'expiryAmount' || key === 'expiryUnit' ? 'defaultExpiry' : (key as ChannelField),
  );
}

/** The default expiry: a number and its unit, one label, one error, one hint for both. */
function ExpiryField({
  form,
  error,
  change,
}: {
  readonly form: ChannelForm;
  readonly error: string | undefined;
  readonly change: (patch: Partial<ChannelForm>) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hintId].filter(Boolean).join(' ');
  const minutes = expiryMinutesOf(form);
  const valid =
    Number.isInteger(minutes) &&
    minutes * 60_000 >= LIMITS.channelExpiryMinMs &&
    minutes * 60_000 <= LIMITS.channelExpiryMaxMs;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{C.defaultExpiry}</label>
      <div className="admin-expiry">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          value={form.expiryAmount}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => change({ expiryAmount: e.target.value })}
        />
        <select
          value={form.expiryUnit}
          aria-label={C.expiryUnit}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => change({ expiryUnit: e.target.value as ExpiryUnit })}
        >
          {EXPIRY_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {C.units[unit]}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <p id={hintId} className="field-hint">
        {C.expiryHint}
        {valid && form.expiryUnit !== 'minutes' && !Number.isInteger(Number(form.expiryAmount))
          ? ` ${C.expiryInMinutes(formatExpiry(minutes))}`
          : null}
      </p>
    </div>
  );
}

/** New channel (no `channel`) or Edit. */
export function ChannelFormDialog({
  channel,
  onClose,
}: {
  readonly channel: Channel | null;
  readonly onClose: () => void;
}) {
  const { store, live, offlineReason } = useAdmin();
  const {
    form,
    errors,
    busy,
    change,
    submit: send,
  } = useAdminForm<ChannelForm, ChannelField>(
    () => (channel ? channelFormOf(channel) : emptyChannelForm()),
    fieldsOf,
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = channel
      ? await send(
          buildChannelChanges(channel, form),
          (changes) => store.getState().call('admin.updateChannel', { channelId: channel.id, changes }),
          channelRefusal,
        )
      : await send(
          buildCreateChannelInput(form),
          (input) => store.getState().call('admin.createChannel', input),
          channelRefusal,
        );
    if (done.outcome === 'saved') {
      const { name } = done.value;
      store.getState().toast({ tone: 'info', title: channel ? C.saved(name) : C.created(name) });
    }
    if (done.outcome !== 'refused') onClose();
  };

  return (
    <Dialog title={channel ? C.editTitle(channel.name) : C.createTitle} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset className="admin-stack" disabled={busy || !live}>
          <Field label={C.name} error={errors.name}>
            <input
              value={form.name}
              autoComplete="off"
              onChange={(e) => change({ name: e.target.value })}
              data-autofocus
            />
          </Field>
          <ExpiryField form={form} error={errors.defaultExpiry} change={change} />
          <Field
            label={C.participantLimit}
            error={errors.participantLimit}
            hint={C.participantLimitHint(LIMITS.participantLimitMin, LIMITS.participantLimitMax)}
          >
            <input
              type="number"
              inputMode="numeric"
              min={LIMITS.participantLimitMin}
              max={LIMITS.participantLimitMax}
              step={1}
              value={form.participantLimit}
              onChange={(e) => change({ participantLimit: e.target.value })}
            />
          </Field>
        </fieldset>
        <FormError message={errors.form} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {A.cancel}
          </button>
          <button type="submit" className="button primary" disabled={busy || !live}>
            {busy ? A.busy : channel ? A.save : C.createSubmit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
