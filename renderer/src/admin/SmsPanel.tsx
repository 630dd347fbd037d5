/**
 * The SMS tab: the organisation's SMS gateway (Twilio's Messages API, or a generic HTTP POST with a body
 * template), read from the service when the tab opens (only admins need it, and only online), saved as a
 * whole, tested with one message to a number, removed. Secrets are never shown: their fields say whether
 * one is stored, and left empty keep it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { errorText } from '@shared/i18n/errors';
import type { SmsGateway, SmsTestResult } from '@shared/protocol/sms';
import { Field } from '../components/Field';
import type { CommandError } from '../domain/errors';
import { useTranslator } from '../i18n/translation';
import { FormError, OfflineNote } from './AdminFormParts';
import { refusalErrors, type FormErrors } from './form-errors';
import { smsFieldOf, smsFormOf, smsGatewayInput, type SmsField, type SmsForm } from './sms-form';
import { useAdmin } from './use-admin';

export function SmsPanel() {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  // undefined: not read yet; null: none configured.
  const [saved, setSaved] = useState<SmsGateway | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<CommandError | null>(null);

  useEffect(() => {
    if (!live) return;
    let current = true;
    void store
      .getState()
      .call('organisation.smsGateway', {})
      .then((result) => {
        if (!current) return;
        if (result.ok) setSaved(result.value.gateway);
        else setLoadError(result.error);
      });
    return () => {
      current = false;
    };
  }, [store, live]);

  if (saved === undefined) {
    return (
      <>
        <p className="admin-intro">{t.t('admin.sms.intro')}</p>
        <OfflineNote live={live} reason={offlineReason} />
        {live && !loadError ? <p className="muted">{t.t('admin.sms.loading')}</p> : null}
        <FormError message={loadError ? errorText(t, loadError) : null} />
      </>
    );
  }
  // Keyed by the saved version: a save starts the form again from what the service answered.
  return <SmsFields key={saved?.updatedAt ?? 'none'} saved={saved} onSaved={setSaved} />;
}

function SmsFields({
  saved,
  onSaved,
}: {
  readonly saved: SmsGateway | null;
  readonly onSaved: (gateway: SmsGateway | null) => void;
}) {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const [form, setForm] = useState<SmsForm>(() => smsFormOf(saved));
  const [errors, setErrors] = useState<FormErrors<SmsField>>({});
  const [busy, setBusy] = useState(false);
  const [to, setTo] = useState('');
  const [tested, setTested] = useState<SmsTestResult | null>(null);
  const change = (patch: Partial<SmsForm>) => setForm((current) => ({ ...current, ...patch }));
  const state = () => store.getState();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await state().call('organisation.setSmsGateway', smsGatewayInput(form, saved));
    setBusy(false);
    if (!result.ok) return setErrors(refusalErrors(t, result.error, smsFieldOf));
    setErrors({});
    state().toast({ tone: 'info', title: t.t('admin.sms.saved') });
    onSaved(result.value.gateway);
  };

  const remove = async () => {
    setBusy(true);
    const result = await state().call('organisation.deleteSmsGateway', {});
    setBusy(false);
    if (!result.ok) return setErrors(refusalErrors(t, result.error, smsFieldOf));
    state().toast({ tone: 'info', title: t.t('admin.sms.removed') });
    onSaved(null);
  };

  const test = async () => {
    setBusy(true);
    setTested(null);
    const result = await state().call('organisation.testSmsGateway', { to });
    setBusy(false);
    if (!result.ok) return setErrors(refusalErrors(t, result.error, smsFieldOf));
    setErrors((current) => ({ ...current, to: undefined, form: undefined }));
    setTested(result.value);
  };

  const secretHint = (set: boolean) => (set ? t.t('admin.sms.secretKept') : t.t('admin.sms.secretNone'));
  const tokenSet = saved?.kind === 'twilio' && saved.authTokenSet;
  const headerSet = saved?.kind === 'http' && saved.headers[0]?.valueSet === true;

  return (
    <form className="admin-sms" onSubmit={(e) => void save(e)} noValidate aria-busy={busy}>
      <p className="admin-intro">{t.t('admin.sms.intro')}</p>
      <OfflineNote live={live} reason={offlineReason} />
      <p className="muted" role="status">
        {saved ? t.t('admin.sms.configured', { kind: saved.kind }) : t.t('admin.sms.none')}
      </p>
      <fieldset className="admin-stack" disabled={busy || !live}>
        <Field label={t.t('admin.sms.kind')}>
          <select value={form.kind} onChange={(e) => change({ kind: e.target.value as SmsForm['kind'] })}>
            <option value="twilio">{t.t('admin.sms.kindTwilio')}</option>
            <option value="http">{t.t('admin.sms.kindHttp')}</option>
          </select>
        </Field>
        {form.kind === 'twilio' ? (
          <>
            <Field label={t.t('admin.sms.accountSid')} error={errors.accountSid}>
              <input
                value={form.accountSid}
                spellCheck={false}
                onChange={(e) => change({ accountSid: e.target.value })}
              />
            </Field>
            <Field label={t.t('admin.sms.authToken')} hint={secretHint(tokenSet)} error={errors.authToken}>
              <input
                type="password"
                value={form.authToken}
                autoComplete="off"
                onChange={(e) => change({ authToken: e.target.value })}
              />
            </Field>
            <Field label={t.t('admin.sms.from')} hint={t.t('admin.sms.fromHint')} error={errors.from}>
              <input type="tel" value={form.from} onChange={(e) => change({ from: e.target.value })} />
            </Field>
            <Field label={t.t('admin.sms.messagingServiceSid')} error={errors.messagingServiceSid}>
              <input
                value={form.messagingServiceSid}
                spellCheck={false}
                onChange={(e) => change({ messagingServiceSid: e.target.value })}
              />
            </Field>
            <Field
              label={t.t('admin.sms.baseUrl')}
              hint={t.t('admin.sms.baseUrlHint')}
              error={errors.baseUrl}
            >
              <input
                type="url"
                value={form.baseUrl}
                spellCheck={false}
                onChange={(e) => change({ baseUrl: e.target.value })}
              />
            </Field>
          </>
        ) : (
          <>
            <Field label={t.t('admin.sms.url')} error={errors.url}>
              <input
                type="url"
                value={form.url}
                spellCheck={false}
                onChange={(e) => change({ url: e.target.value })}
              />
            </Field>
            <Field label={t.t('admin.sms.contentType')} error={errors.contentType}>
              <select
                value={form.contentType}
                onChange={(e) => change({ contentType: e.target.value as SmsForm['contentType'] })}
              >
                <option value="application/json">{t.t('admin.sms.contentTypeJson')}</option>
                <option value="application/x-www-form-urlencoded">{t.t('admin.sms.contentTypeForm')}</option>
              </select>
            </Field>
            <Field
              label={t.t('admin.sms.bodyTemplate')}
              hint={t.t('admin.sms.bodyTemplateHint', { to: '{{to}}', text: '{{text}}' })}
              error={errors.bodyTemplate}
            >
              <textarea
                rows={3}
                value={form.bodyTemplate}
                spellCheck={false}
                onChange={(e) => change({ bodyTemplate: e.target.value })}
              />
            </Field>
            <Field label={t.t('admin.sms.headerName')} error={errors.headerName}>
              <input
                value={form.headerName}
                spellCheck={false}
                onChange={(e) => change({ headerName: e.target.value })}
              />
            </Field>
            <Field
              label={t.t('admin.sms.headerValue')}
              hint={secretHint(headerSet)}
              error={errors.headerValue}
            >
              <input
                type="password"
                value={form.headerValue}
                autoComplete="off"
                onChange={(e) => change({ headerValue: e.target.value })}
              />
            </Field>
          </>
        )}
        <FormError message={errors.form} />
        <div className="admin-actions">
          <button type="submit" className="primary">
            {t.t('admin.sms.save')}
          </button>
          {saved ? (
            <button type="button" onClick={() => void remove()}>
              {t.t('admin.sms.remove')}
            </button>
          ) : null}
        </div>
      </fieldset>
      {saved ? (
        <fieldset className="admin-stack" disabled={busy || !live}>
          <legend>{t.t('admin.sms.testTitle')}</legend>
          <Field label={t.t('admin.sms.testTo')} error={errors.to}>
            <input type="tel" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
          <div className="admin-actions">
            <button type="button" onClick={() => void test()}>
              {t.t('admin.sms.test')}
            </button>
          </div>
          {tested ? (
            <p className={tested.sent ? 'notice' : 'form-error'} role="status">
              {tested.sent
                ? t.t('admin.sms.testSent', { status: tested.statusCode ?? 0 })
                : t.t('admin.sms.testFailed', { reason: tested.error ?? '' })}
            </p>
          ) : null}
        </fieldset>
      ) : null}
    </form>
  );
}
