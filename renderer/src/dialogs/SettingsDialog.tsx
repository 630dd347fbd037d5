/**
 * Settings: the remote-control client and its path (or the custom command), notifications, queue
 * notifications, theme, language. In the web console the path and the update note are hidden
 * (`settings-fields.ts`): no program starts there, and the console updates with the service. A setting a policy sets is shown locked, with the policy's reason.
 * A new language applies as soon as it is saved: the core re-sends the settings with the language to
 * display, and every screen re-renders in it, keeping what is open and typed.
 */
import { useState, type FormEvent } from 'react';
import { errorText } from '@shared/i18n/errors';
import { translator } from '@shared/i18n/translator';
import { THEMES, type LanguageSetting, type SettingName, type UserSettings } from '@shared/ipc/settings';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { fieldMessages } from '../domain/errors';
import { useTranslator } from '../i18n/translation';
import { useApp, useAppStore } from '../store/context';
import { languageChoices } from './language-choices';
import { appliesHere, settingsFields } from './settings-fields';

function LockBadge({ reason }: { reason: string | undefined }) {
  const t = useTranslator();
  if (reason === undefined) return null;
  return (
    <span className="badge badge-locked" title={t.t('settings.lockedReason', { reason })}>
      <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2H13v7H3V7h1.5ZM6 7h4V5a2 2 0 0 0-4 0v2Z" />
      </svg>
      {t.t('settings.locked')}
    </span>
  );
}

export function SettingsDialog() {
  const store = useAppStore();
  const view = useApp((s) => s.settings);
  const [values, setValues] = useState<UserSettings | null>(view?.values ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = useTranslator();
  const close = () => store.getState().closeDialog();
  if (!view || !values) return null;

  const locked = (name: SettingName) => view.locked[name];
  const lockedText = (name: SettingName) => {
    const reason = locked(name);
    return reason === undefined ? undefined : t.t('settings.lockedReason', { reason });
  };
  /** A locked setting's hint is why it is locked. */
  const lockedHint = (name: SettingName, hint: string) => lockedText(name) ?? hint;
  const set = (patch: Partial<UserSettings>) => setValues({ ...values, ...patch });
  const fields = settingsFields(view, values.remoteClient);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patch: Record<string, unknown> = {};
    for (const name of Object.keys(values) as SettingName[]) {
      if (name === 'serverUrl' || locked(name) !== undefined || !appliesHere(view, name)) continue;
      if (values[name] !== view.values[name]) patch[name] = values[name];
    }
    setBusy(true);
    const result = await store.getState().updateSettings(patch);
    setBusy(false);
    if (result.ok) {
      // In the language just chosen, which the screens switch to as this closes.
      const words = translator(result.value.displayLanguage);
      store.getState().toast({ tone: 'info', title: words.t('settings.saved') });
      close();
      return;
    }
    setErrors(fieldMessages(t, result.error));
    setFormError(errorText(t, result.error));
  };

  return (
    <Dialog title={t.t('settings.title')} onClose={close} className="dialog-wide">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="form-grid" disabled={busy}>
          <Field
            label={t.t('settings.remoteClient')}
            hint={lockedHint('remoteClient', t.t('settings.remoteClientHint'))}
            error={errors['remoteClient']}
            badge={<LockBadge reason={locked('remoteClient')} />}
          >
            <select
              value={values.remoteClient}
              disabled={locked('remoteClient') !== undefined}
              onChange={(e) => set({ remoteClient: e.target.value as UserSettings['remoteClient'] })}
              data-autofocus
            >
              {view.remoteClients.map((c) => (
                <option key={c.id} value={c.id}>
                  {t.t(`remoteClients.${c.id}`)}
                </option>
              ))}
            </select>
          </Field>
          {fields.remoteClientPath ? (
            <Field
              label={t.t('settings.remoteClientPath')}
              hint={lockedHint('remoteClientPath', t.t('settings.remoteClientPathHint'))}
              error={errors['remoteClientPath']}
              badge={<LockBadge reason={locked('remoteClientPath')} />}
            >
              <input
                value={values.remoteClientPath}
                readOnly={locked('remoteClientPath') !== undefined}
                onChange={(e) => set({ remoteClientPath: e.target.value })}
                spellCheck={false}
                className="mono"
              />
            </Field>
          ) : null}
          {fields.customCommand ? (
            <Field
              label={t.t('settings.customCommand')}
              hint={lockedHint('customCommand', t.t('settings.customCommandHint'))}
              error={errors['customCommand']}
              badge={<LockBadge reason={locked('customCommand')} />}
              className="span-2"
            >
              <input
                value={values.customCommand}
                readOnly={locked('customCommand') !== undefined}
                onChange={(e) => set({ customCommand: e.target.value })}
                spellCheck={false}
                className="mono"
              />
            </Field>
          ) : null}
          {(['notifications', 'queueNotifications'] as const).map((name) => (
            <div key={name} className="field field-check">
              <label>
                <input
                  type="checkbox"
                  checked={values[name]}
                  disabled={locked(name) !== undefined}
                  onChange={(e) => set({ [name]: e.target.checked })}
                  aria-describedby={`${name}-hint`}
                />
                {t.t(`settings.${name}`)}
                <LockBadge reason={locked(name)} />
              </label>
              <p id={`${name}-hint`} className="field-hint">
                {lockedHint(name, t.t(`settings.${name}Hint`))}
              </p>
            </div>
          ))}
          <Field
            label={t.t('settings.queueNotificationMinutes')}
            hint={lockedHint('queueNotificationMinutes', t.t('settings.queueNotificationMinutesHint'))}
            error={errors['queueNotificationMinutes']}
            badge={<LockBadge reason={locked('queueNotificationMinutes')} />}
          >
            <input
              type="number"
              min={0}
              max={60}
              step={1}
              inputMode="numeric"
              value={Number.isNaN(values.queueNotificationMinutes) ? '' : values.queueNotificationMinutes}
              readOnly={locked('queueNotificationMinutes') !== undefined}
              disabled={!values.notifications || !values.queueNotifications}
              onChange={(e) => set({ queueNotificationMinutes: e.target.valueAsNumber })}
            />
          </Field>
          <fieldset className="field span-2 theme-choice" disabled={locked('theme') !== undefined}>
            <legend>
              {t.t('settings.theme')}
              <LockBadge reason={locked('theme')} />
            </legend>
            {THEMES.map((theme) => (
              <label key={theme} className="radio">
                <input
                  type="radio"
                  name="theme"
                  value={theme}
                  checked={values.theme === theme}
                  onChange={() => set({ theme })}
                />
                {t.t(`settings.themes.${theme}`)}
              </label>
            ))}
            {locked('theme') !== undefined ? <p className="field-hint">{lockedText('theme')}</p> : null}
          </fieldset>
          <Field
            label={t.t('settings.language')}
            hint={lockedHint('language', t.t('settings.languageHint'))}
            error={errors['language']}
            badge={<LockBadge reason={locked('language')} />}
          >
            <select
              value={values.language}
              disabled={locked('language') !== undefined}
              onChange={(e) => set({ language: e.target.value as LanguageSetting })}
            >
              {languageChoices(t, view).map((choice) => (
                <option key={choice.value} value={choice.value} lang={choice.lang}>
                  {choice.label}
                </option>
              ))}
            </select>
          </Field>
          {fields.autoUpdateNote ? <p className="muted span-2">{t.t('settings.autoUpdateOff')}</p> : null}
        </fieldset>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            {t.t('settings.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t.t('settings.saving') : t.t('settings.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
