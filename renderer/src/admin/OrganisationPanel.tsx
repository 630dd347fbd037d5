/**
 * The Organisation tab: the name end users see, the remote-control app they are asked to start, and how
 * long their Allow access lasts after a session, read from the service when the tab opens (it is not
 * cached: only admins need it, and only online) and saved with only what changed. The join page shows a
 * save at once.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { AUDIT_RETENTION } from '@shared/domain/audit';
import { CONSENT_GRACE } from '@shared/domain/consent';
import { errorText } from '@shared/i18n/errors';
import type { Organisation } from '@shared/protocol/api';
import { ORGANISATION_LIMITS } from '@shared/schemas/organisation-input';
import { Field } from '../components/Field';
import type { CommandError } from '../domain/errors';
import { useTranslator } from '../i18n/translation';
import { CheckField, FormError, OfflineNote } from './AdminFormParts';
import {
  buildOrganisationChanges,
  organisationFormOf,
  organisationRefusal,
  type OrganisationField,
  type OrganisationForm,
} from './organisation-form';
import { useAdmin } from './use-admin';
import { useAdminForm } from './use-admin-form';

export function OrganisationPanel() {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const [saved, setSaved] = useState<Organisation | null>(null);
  // The refusal itself, worded when shown: in the language of the screen at that moment.
  const [loadError, setLoadError] = useState<CommandError | null>(null);

  useEffect(() => {
    if (!live) return;
    let current = true;
    void store
      .getState()
      .call('organisation.get', {})
      .then((result) => {
        if (!current) return;
        if (result.ok) setSaved(result.value);
        else setLoadError(result.error);
      });
    return () => {
      current = false;
    };
  }, [store, live]);

  if (!saved) {
    return (
      <>
        <p className="admin-intro">{t.t('admin.organisation.intro')}</p>
        <OfflineNote live={live} reason={offlineReason} />
        {live && !loadError ? <p className="muted">{t.t('admin.organisation.loading')}</p> : null}
        <FormError message={loadError ? errorText(t, loadError) : null} />
      </>
    );
  }
  // Keyed by the saved version: a save starts the form again from what the service answered.
  return <OrganisationFields key={saved.updatedAt} saved={saved} onSaved={setSaved} />;
}

function OrganisationFields({
  saved,
  onSaved,
}: {
  readonly saved: Organisation;
  readonly onSaved: (organisation: Organisation) => void;
}) {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const {
    form,
    errors,
    busy,
    change,
    submit: send,
  } = useAdminForm<OrganisationForm, OrganisationField>(() => organisationFormOf(saved));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await send(
      buildOrganisationChanges(t, form, organisationFormOf(saved)),
      (changes) => store.getState().call('organisation.update', changes),
      (error) => organisationRefusal(t, error),
    );
    if (done.outcome === 'unchanged') {
      store.getState().toast({ tone: 'info', title: t.t('admin.nothingChanged') });
    }
    if (done.outcome !== 'saved') return;
    store.getState().toast({ tone: 'info', title: t.t('admin.organisation.saved') });
    onSaved(done.value);
  };

  return (
    <form className="admin-organisation" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <p className="admin-intro">{t.t('admin.organisation.intro')}</p>
      <OfflineNote live={live} reason={offlineReason} />
      <fieldset className="admin-stack" disabled={busy || !live}>
        <Field
          label={t.t('admin.organisation.name')}
          hint={t.t('admin.organisation.nameHint')}
          error={errors.name}
        >
          <input
            value={form.name}
            maxLength={ORGANISATION_LIMITS.nameMax}
            onChange={(e) => change({ name: e.target.value })}
          />
        </Field>
        <Field
          label={t.t('admin.organisation.remoteAppName')}
          hint={t.t('admin.organisation.remoteAppNameHint')}
          error={errors.remoteAppName}
        >
          <input
            value={form.remoteAppName}
            maxLength={ORGANISATION_LIMITS.remoteAppNameMax}
            onChange={(e) => change({ remoteAppName: e.target.value })}
          />
        </Field>
        <Field
          label={t.t('admin.organisation.remoteAppUrl')}
          hint={t.t('admin.organisation.remoteAppUrlHint')}
          error={errors.remoteAppUrl}
        >
          <input
            type="url"
            value={form.remoteAppUrl}
            spellCheck={false}
            onChange={(e) => change({ remoteAppUrl: e.target.value })}
          />
        </Field>
        <CheckField
          label={t.t('admin.organisation.remoteIdRequired')}
          hint={t.t('admin.organisation.remoteIdRequiredHint')}
          checked={form.remoteIdRequired}
          onChange={(remoteIdRequired) => change({ remoteIdRequired })}
        />
        <Field
          label={t.t('admin.organisation.remoteAppInstructions')}
          hint={t.t('admin.hintWithDetail', {
            hint: t.t('admin.organisation.remoteAppInstructionsHint'),
            detail: t.t('admin.organisation.count', {
              n: form.remoteAppInstructions.length,
              max: ORGANISATION_LIMITS.instructionsMax,
            }),
          })}
          error={errors.remoteAppInstructions}
        >
          <textarea
            rows={6}
            value={form.remoteAppInstructions}
            onChange={(e) => change({ remoteAppInstructions: e.target.value })}
          />
        </Field>
        <Field
          label={t.t('admin.organisation.consentGraceMinutes')}
          hint={t.t('admin.organisation.consentGraceMinutesHint', { max: CONSENT_GRACE.maxMinutes })}
          error={errors.consentGraceMinutes}
        >
          <input
            type="number"
            inputMode="numeric"
            min={0}
            max={CONSENT_GRACE.maxMinutes}
            step={1}
            value={form.consentGraceMinutes}
            onChange={(e) => change({ consentGraceMinutes: e.target.value })}
          />
        </Field>
        <Field
          label={t.t('admin.organisation.auditRetentionDays')}
          hint={t.t('admin.organisation.auditRetentionDaysHint', {
            min: AUDIT_RETENTION.minDays,
            max: AUDIT_RETENTION.maxDays,
          })}
          error={errors.auditRetentionDays}
        >
          <input
            type="number"
            inputMode="numeric"
            min={AUDIT_RETENTION.minDays}
            max={AUDIT_RETENTION.maxDays}
            step={1}
            value={form.auditRetentionDays}
            onChange={(e) => change({ auditRetentionDays: e.target.value })}
          />
        </Field>
        <CheckField
          label={t.t('admin.organisation.requireTwoFactor')}
          hint={t.t('admin.organisation.requireTwoFactorHint')}
          checked={form.requireTwoFactor}
          onChange={(requireTwoFactor) => change({ requireTwoFactor })}
        />
        <CheckField
          label={t.t('admin.organisation.requireCloseOutcome')}
          hint={t.t('admin.organisation.requireCloseOutcomeHint')}
          checked={form.requireCloseOutcome}
          onChange={(requireCloseOutcome) => change({ requireCloseOutcome })}
        />
        <CheckField
          label={t.t('admin.organisation.satisfactionEmail')}
          hint={t.t('admin.organisation.satisfactionEmailHint')}
          checked={form.satisfactionEmail}
          onChange={(satisfactionEmail) => change({ satisfactionEmail })}
        />
      </fieldset>
      <p className="muted">
        {t.t('admin.organisation.lastChanged', { when: t.formatDateTime(new Date(saved.updatedAt)) })}
      </p>
      <FormError message={errors.form} />
      <div className="dialog-actions">
        <button type="submit" className="button primary" disabled={busy || !live}>
          {busy ? t.t('admin.busy') : t.t('admin.save')}
        </button>
      </div>
    </form>
  );
}
