/**
 * Settings: the remote-control client and its path (or the custom command), notifications, queue
 * notifications, theme. A setting a policy sets is shown locked, with the policy's reason.
 */
import { useState, type FormEvent } from 'react';
import { translator } from '@shared/i18n/translator';
import { THEMES, type SettingName, type UserSettings } from '@shared/ipc/settings';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { fieldMessages } from '../domain/errors';
import { useApp, useAppStore } from '../store/context';
import { STRINGS } from '../strings';

function LockBadge({ reason }: { reason: string | undefined }) {
  if (reason === undefined) return null;
  return (
    <span className="badge badge-locked" title={STRINGS.settings.lockedReason(reason)}>
      <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2H13v7H3V7h1.5ZM6 7h4V5a2 2 0 0 0-4 0v2Z" />
      </svg>
      {STRINGS.settings.locked}
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
  const close = () => store.getState().closeDialog();
  const t = STRINGS.settings;
  if (!view || !values) return null;

  const locked = (name: SettingName) => view.locked[name];
  const lockedHint = (name: SettingName, hint: string) =>
    locked(name) ? t.lockedReason(locked(name)!) : hint;
  const set = (patch: Partial<UserSettings>) => setValues({ ...values, ...patch });
  const client = view.remoteClients.find((c) => c.id === values.remoteClient);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patch: Record<string, unknown> = {};
    for (const name of Object.keys(values) as SettingName[]) {
      if (name === 'serverUrl' || locked(name) !== undefined) continue;
      if (values[name] !== view.values[name]) patch[name] = values[name];
    }
    setBusy(true);
    const result = await store.getState().updateSettings(patch);
    setBusy(false);
    if (result.ok) {
      store.getState().toast({ tone: 'info', title: t.saved });
      close();
      return;
    }
    // In English until this dialog takes the agent's translator (the Settings conversion).
    setErrors(fieldMessages(translator('en'), result.error));
    setFormError(result.error.message);
  };

  return (
    <Dialog title={t.title} onClose={close} className="dialog-wide">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="form-grid" disabled={busy}>
          <Field
            label={t.remoteClient}
            hint={lockedHint('remoteClient', t.remoteClientHint)}
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
                  {STRINGS.remoteClients[c.id]}
                </option>
              ))}
            </select>
          </Field>
          {client?.usesExecutable !== false ? (
            <Field
              label={t.remoteClientPath}
              hint={lockedHint('remoteClientPath', t.remoteClientPathHint)}
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
          ) : (
            <Field
              label={t.customCommand}
              hint={lockedHint('customCommand', t.customCommandHint)}
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
          )}
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
                {t[name]}
                <LockBadge reason={locked(name)} />
              </label>
              <p id={`${name}-hint`} className="field-hint">
                {lockedHint(name, t[`${name}Hint`])}
              </p>
            </div>
          ))}
          <Field
            label={t.queueNotificationMinutes}
            hint={lockedHint('queueNotificationMinutes', t.queueNotificationMinutesHint)}
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
              {t.theme}
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
                {t.themes[theme]}
              </label>
            ))}
            {locked('theme') ? <p className="field-hint">{t.lockedReason(locked('theme')!)}</p> : null}
          </fieldset>
          {!view.autoUpdate ? <p className="muted span-2">{t.autoUpdateOff}</p> : null}
        </fieldset>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            {t.cancel}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t.saving : t.save}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
