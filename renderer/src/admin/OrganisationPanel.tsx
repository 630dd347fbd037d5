/**
 * The Organisation tab: the name end users see and the remote-control app they are asked to start, read
 * from the service when the tab opens (it is not cached: only admins need it, and only online) and
 * saved with only what changed. The join page shows a save at once.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Organisation } from '@shared/protocol/api';
import { ORGANISATION_LIMITS } from '@shared/schemas/organisation-input';
import { Field } from '../components/Field';
import { formatFullDateTime } from '../domain/format';
import { ADMIN_STRINGS } from './admin-strings';
import { FormError, OfflineNote } from './AdminFormParts';
import { withoutFields } from './form-errors';
import {
  buildOrganisationChanges,
  organisationFormOf,
  organisationRefusal,
  type OrganisationErrors,
  type OrganisationForm,
} from './organisation-form';
import { useAdmin } from './use-admin';

const A = ADMIN_STRINGS;
const O = A.organisation;

export function OrganisationPanel() {
  const { store, live, offlineReason } = useAdmin();
  const [saved, setSaved] = useState<Organisation | null>(null);
  const [form, setForm] = useState<OrganisationForm | null>(null);
  const [errors, setErrors] = useState<OrganisationErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!live) return;
    let current = true;
    void store
      .getState()
      .call('organisation.get', {})
      .then((result) => {
        if (!current) return;
        if (result.ok) {
          setSaved(result.value);
          setForm(organisationFormOf(result.value));
        } else setErrors({ form: result.error.message });
      });
    return () => {
      current = false;
    };
  }, [store, live]);

  if (!form || !saved) {
    return (
      <>
        <p className="admin-intro">{O.intro}</p>
        <OfflineNote live={live} reason={offlineReason} />
        {live ? <p className="muted">{O.loading}</p> : null}
        <FormError message={errors.form} />
      </>
    );
  }

  const change = (patch: Partial<OrganisationForm>) => {
    setForm({ ...form, ...patch });
    setErrors(withoutFields(errors, [...(Object.keys(patch) as (keyof OrganisationForm)[]), 'form']));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildOrganisationChanges(form, organisationFormOf(saved));
    if (!built.ok) return setErrors({ form: A.fixFields, ...built.errors });
    if (built.input === null) {
      store.getState().toast({ tone: 'info', title: A.nothingChanged });
      return;
    }
    setBusy(true);
    const result = await store.getState().call('organisation.update', built.input);
    setBusy(false);
    if (!result.ok) return setErrors(organisationRefusal(result.error));
    setSaved(result.value);
    setForm(organisationFormOf(result.value));
    store.getState().toast({ tone: 'info', title: O.saved });
  };

  return (
    <form className="admin-organisation" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <p className="admin-intro">{O.intro}</p>
      <OfflineNote live={live} reason={offlineReason} />
      <fieldset className="admin-stack" disabled={busy || !live}>
        <Field label={O.name} hint={O.nameHint} error={errors.name}>
          <input
            value={form.name}
            maxLength={ORGANISATION_LIMITS.nameMax}
            onChange={(e) => change({ name: e.target.value })}
          />
        </Field>
        <Field label={O.remoteAppName} hint={O.remoteAppNameHint} error={errors.remoteAppName}>
          <input
            value={form.remoteAppName}
            maxLength={ORGANISATION_LIMITS.remoteAppNameMax}
            onChange={(e) => change({ remoteAppName: e.target.value })}
          />
        </Field>
        <Field label={O.remoteAppUrl} hint={O.remoteAppUrlHint} error={errors.remoteAppUrl}>
          <input
            type="url"
            value={form.remoteAppUrl}
            spellCheck={false}
            onChange={(e) => change({ remoteAppUrl: e.target.value })}
          />
        </Field>
        <div className="field field-check">
          <label>
            <input
              type="checkbox"
              checked={form.remoteIdRequired}
              onChange={(e) => change({ remoteIdRequired: e.target.checked })}
              aria-describedby="organisation-remote-id-hint"
            />
            {O.remoteIdRequired}
          </label>
          <p id="organisation-remote-id-hint" className="field-hint">
            {O.remoteIdRequiredHint}
          </p>
        </div>
        <Field
          label={O.remoteAppInstructions}
          hint={`${O.remoteAppInstructionsHint} ${O.count(form.remoteAppInstructions.length, ORGANISATION_LIMITS.instructionsMax)}`}
          error={errors.remoteAppInstructions}
        >
          <textarea
            rows={6}
            value={form.remoteAppInstructions}
            onChange={(e) => change({ remoteAppInstructions: e.target.value })}
          />
        </Field>
      </fieldset>
      <p className="muted">{O.lastChanged(formatFullDateTime(saved.updatedAt))}</p>
      <FormError message={errors.form} />
      <div className="dialog-actions">
        <button type="submit" className="button primary" disabled={busy || !live}>
          {busy ? A.busy : A.save}
        </button>
      </div>
    </form>
  );
}
