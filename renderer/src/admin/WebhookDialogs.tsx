/**
 * The webhook dialogs: Add webhook and Edit (address, events, description, whether payloads carry the
 * request's link and PIN) — a new endpoint's signing secret is then shown once; Rotate secret (how long
 * the old secret keeps signing beside the new one), which shows the new secret once; and Delete, which
 * asks first.
 */
import { useId, useState, type FormEvent } from 'react';
import { INTEGRATION_LIMITS, WEBHOOK_EVENT_TYPES } from '@shared/domain/integrations';
import { errorText } from '@shared/i18n/errors';
import type { WebhookEndpoint } from '@shared/protocol/integrations';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useTranslator } from '../i18n/translation';
import { FormError, OfflineNote } from './AdminFormParts';
import { ConfirmRemoval } from './ConfirmRemoval';
import { CheckList } from './CheckList';
import { formatExpiry } from './channel-form';
import {
  buildCreateWebhookInput,
  buildWebhookChanges,
  DEFAULT_OVERLAP,
  emptyWebhookForm,
  OVERLAP_CHOICES,
  webhookFormOf,
  webhookRefusal,
  type WebhookField,
  type WebhookForm,
} from './integration-forms';
import { SecretOnce } from './SecretOnce';
import { useAdmin } from './use-admin';
import { useAdminForm } from './use-admin-form';

/** Add webhook (no `endpoint`) or Edit. */
export function WebhookFormDialog({
  endpoint,
  onClose,
  onSaved,
}: {
  readonly endpoint: WebhookEndpoint | null;
  readonly onClose: () => void;
  readonly onSaved: () => Promise<void>;
}) {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const {
    form,
    errors,
    busy,
    change,
    submit: send,
  } = useAdminForm<WebhookForm, WebhookField>(() =>
    endpoint ? webhookFormOf(endpoint) : emptyWebhookForm(),
  );
  const [secret, setSecret] = useState<string | null>(null);
  const includeSecretsHint = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (endpoint) {
      const done = await send(
        buildWebhookChanges(t, endpoint, form),
        (changes) => store.getState().call('integrations.updateWebhook', { webhookId: endpoint.id, changes }),
        (error) => webhookRefusal(t, error),
      );
      if (done.outcome === 'saved') {
        store
          .getState()
          .toast({ tone: 'info', title: t.t('integrations.webhooks.saved', { url: done.value.url }) });
        await onSaved();
      }
      if (done.outcome !== 'refused') onClose();
      return;
    }
    const done = await send(
      buildCreateWebhookInput(t, form),
      (input) => store.getState().call('integrations.createWebhook', input),
      (error) => webhookRefusal(t, error),
    );
    if (done.outcome !== 'saved') return;
    setSecret(done.value.secret);
    await onSaved();
  };

  if (secret !== null) {
    return (
      <Dialog title={t.t('integrations.webhooks.createdTitle')} onClose={onClose}>
        <SecretOnce
          label={t.t('integrations.webhooks.secretLabel')}
          secret={secret}
          intro={t.t('integrations.webhooks.createdIntro', { url: form.url.trim() })}
          copied={t.t('integrations.webhooks.copied')}
          onDone={onClose}
        />
      </Dialog>
    );
  }

  return (
    <Dialog
      title={
        endpoint
          ? t.t('integrations.webhooks.editTitle', { url: endpoint.url })
          : t.t('integrations.webhooks.createTitle')
      }
      onClose={onClose}
      className="dialog-wide"
    >
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset className="admin-stack" disabled={busy || !live}>
          <Field
            label={t.t('integrations.webhooks.url')}
            error={errors.url}
            hint={t.t('integrations.webhooks.urlHint')}
          >
            <input
              type="url"
              inputMode="url"
              value={form.url}
              maxLength={INTEGRATION_LIMITS.webhookUrlMax}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => change({ url: e.target.value })}
              data-autofocus
            />
          </Field>
          <CheckList
            legend={t.t('integrations.webhooks.events')}
            all={WEBHOOK_EVENT_TYPES}
            chosen={form.events}
            error={errors.events}
            label={(event) => t.t(`integrations.events.${event}`)}
            hint={(event) => <code>{event}</code>}
            onChange={(events) => change({ events })}
          />
          <Field label={t.t('integrations.webhooks.description')} error={errors.description}>
            <input
              value={form.description}
              maxLength={INTEGRATION_LIMITS.webhookDescriptionMax}
              autoComplete="off"
              onChange={(e) => change({ description: e.target.value })}
            />
          </Field>
          <div className={`field admin-check${errors.includeSecrets ? ' has-error' : ''}`}>
            <label>
              <input
                type="checkbox"
                checked={form.includeSecrets}
                aria-describedby={includeSecretsHint}
                onChange={(e) => change({ includeSecrets: e.target.checked })}
              />
              {t.t('integrations.webhooks.includeSecrets')}
            </label>
            <span id={includeSecretsHint} className="field-hint">
              {errors.includeSecrets ?? t.t('integrations.webhooks.includeSecretsHint')}
            </span>
          </div>
        </fieldset>
        <FormError message={errors.form} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t.t('admin.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || !live}>
            {busy
              ? t.t('admin.busy')
              : endpoint
                ? t.t('admin.save')
                : t.t('integrations.webhooks.createSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A new signing secret; the old one keeps signing beside it for the overlap chosen. */
export function RotateSecretDialog({
  endpoint,
  onClose,
  onRotated,
}: {
  readonly endpoint: WebhookEndpoint;
  readonly onClose: () => void;
  readonly onRotated: () => Promise<void>;
}) {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const [overlap, setOverlap] = useState<number>(DEFAULT_OVERLAP);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const url = { url: endpoint.url };

  const rotate = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await store
      .getState()
      .call('integrations.rotateWebhookSecret', { webhookId: endpoint.id, overlapMinutes: overlap });
    setBusy(false);
    if (!result.ok) {
      setError(errorText(t, result.error));
      return;
    }
    setSecret(result.value.secret);
    await onRotated();
  };

  if (secret !== null) {
    return (
      <Dialog title={t.t('integrations.webhooks.rotatedTitle')} onClose={onClose}>
        <SecretOnce
          label={t.t('integrations.webhooks.secretLabel')}
          secret={secret}
          intro={
            overlap === 0
              ? t.t('integrations.webhooks.rotatedIntroNow', url)
              : t.t('integrations.webhooks.rotatedIntro', { ...url, overlap: formatExpiry(t, overlap) })
          }
          copied={t.t('integrations.webhooks.copied')}
          onDone={onClose}
        />
      </Dialog>
    );
  }

  return (
    <Dialog title={t.t('integrations.webhooks.rotateTitle', url)} onClose={onClose}>
      <form onSubmit={(e) => void rotate(e)} noValidate aria-busy={busy}>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset className="admin-stack" disabled={busy || !live}>
          <Field label={t.t('integrations.webhooks.overlap')} hint={t.t('integrations.webhooks.overlapHint')}>
            <select value={overlap} onChange={(e) => setOverlap(Number(e.target.value))} data-autofocus>
              {OVERLAP_CHOICES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes === 0 ? t.t('integrations.webhooks.overlapNone') : formatExpiry(t, minutes)}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <FormError message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t.t('admin.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || !live}>
            {busy ? t.t('admin.busy') : t.t('integrations.webhooks.rotateSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Deleting stops every delivery to the endpoint and forgets its log: it asks first. */
export function DeleteWebhookDialog({
  endpoint,
  onClose,
  onDeleted,
}: {
  readonly endpoint: WebhookEndpoint;
  readonly onClose: () => void;
  readonly onDeleted: () => Promise<void>;
}) {
  const t = useTranslator();
  const { store } = useAdmin();
  const url = { url: endpoint.url };
  return (
    <ConfirmRemoval
      title={t.t('integrations.webhooks.deleteTitle')}
      body={t.t('integrations.webhooks.deleteBody', url)}
      confirmLabel={t.t('integrations.webhooks.deleteConfirm')}
      done={t.t('integrations.webhooks.deleted', url)}
      remove={() => store.getState().call('integrations.deleteWebhook', { webhookId: endpoint.id })}
      onClose={onClose}
      onRemoved={onDeleted}
    />
  );
}
