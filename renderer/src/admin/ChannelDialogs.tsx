/**
 * The channel dialogs: New channel and Edit (name, default expiry as an amount and a unit, participant
 * limit); Members is in MembersDialog.tsx.
 * Inputs are checked with the shared schemas before sending; refusals show beside their fields or above
 * the buttons; everything is disabled, saying why, while the service cannot be reached.
 */
import { useId, type FormEvent } from 'react';
import { LIMITS, TIME } from '@shared/domain/limits';
import type { Channel } from '@shared/protocol/api';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useTranslator } from '../i18n/translation';
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
  const t = useTranslator();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hintId].filter(Boolean).join(' ');
  const minutes = expiryMinutesOf(form);
  const valid =
    Number.isInteger(minutes) &&
    minutes * TIME.MINUTE_MS >= LIMITS.channelExpiryMinMs &&
    minutes * TIME.MINUTE_MS <= LIMITS.channelExpiryMaxMs;
  const limits = t.t('admin.channels.expiryHint', {
    min: formatExpiry(t, LIMITS.channelExpiryMinMs / TIME.MINUTE_MS),
    max: formatExpiry(t, LIMITS.channelExpiryMaxMs / TIME.MINUTE_MS),
  });
  // A fraction of an hour or a day is also said in whole units ("That is 1 h 30 min.").
  const fraction = valid && form.expiryUnit !== 'minutes' && !Number.isInteger(Number(form.expiryAmount));
  const hint = fraction
    ? t.t('admin.hintWithDetail', {
        hint: limits,
        detail: t.t('admin.channels.expiryInMinutes', { text: formatExpiry(t, minutes) }),
      })
    : limits;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{t.t('admin.channels.defaultExpiry')}</label>
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
          aria-label={t.t('admin.channels.expiryUnit')}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => change({ expiryUnit: e.target.value as ExpiryUnit })}
        >
          {EXPIRY_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {t.t(`admin.channels.units.${unit}`)}
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
        {hint}
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
  const t = useTranslator();
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
          buildChannelChanges(t, channel, form),
          (changes) => store.getState().call('admin.updateChannel', { channelId: channel.id, changes }),
          (error) => channelRefusal(t, error),
        )
      : await send(
          buildCreateChannelInput(t, form),
          (input) => store.getState().call('admin.createChannel', input),
          (error) => channelRefusal(t, error),
        );
    if (done.outcome === 'saved') {
      const { name } = done.value;
      store.getState().toast({
        tone: 'info',
        title: channel ? t.t('admin.channels.saved', { name }) : t.t('admin.channels.created', { name }),
      });
    }
    if (done.outcome !== 'refused') onClose();
  };

  return (
    <Dialog
      title={
        channel ? t.t('admin.channels.editTitle', { name: channel.name }) : t.t('admin.channels.createTitle')
      }
      onClose={onClose}
    >
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset className="admin-stack" disabled={busy || !live}>
          <Field label={t.t('admin.channels.name')} error={errors.name}>
            <input
              value={form.name}
              autoComplete="off"
              onChange={(e) => change({ name: e.target.value })}
              data-autofocus
            />
          </Field>
          <ExpiryField form={form} error={errors.defaultExpiry} change={change} />
          <Field
            label={t.t('admin.channels.participantLimit')}
            error={errors.participantLimit}
            hint={t.t('admin.channels.participantLimitHint', {
              min: LIMITS.participantLimitMin,
              max: LIMITS.participantLimitMax,
            })}
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
            {t.t('admin.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || !live}>
            {busy ? t.t('admin.busy') : channel ? t.t('admin.save') : t.t('admin.channels.createSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
