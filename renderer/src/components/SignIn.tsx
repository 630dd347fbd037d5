/**
 * Sign in: the service's address (hidden when a policy sets it), e-mail and password; refusals in words
 * by their code, field messages beside the fields; "Signing in…" while it runs.
 */
import { useState, type FormEvent } from 'react';
import { translator } from '@shared/i18n/translator';
import { fieldMessages, signInError } from '../domain/errors';
import { useApp, useAppStore } from '../store/context';
import { STRINGS } from '../strings';
import { Field } from './Field';

export function SignIn() {
  const store = useAppStore();
  const settings = useApp((s) => s.settings);
  const ended = useApp((s) => s.signedOutReason);
  const lockedUrl = settings?.locked.serverUrl !== undefined ? settings.values.serverUrl : null;
  // The last address signed in to, else the one this app was started for (the shell's --server).
  const [serverUrl, setServerUrl] = useState(settings?.values.serverUrl || settings?.defaultServerUrl || '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    const result = await store.getState().signIn({
      email,
      password,
      ...(lockedUrl === null && serverUrl.trim() !== '' ? { serverUrl } : {}),
    });
    setBusy(false);
    if (result.ok) return;
    // In English until this screen takes the agent's translator (the renderer's conversion).
    setError(signInError(translator('en'), result.error));
    setFields(fieldMessages(translator('en'), result.error));
  };

  const s = STRINGS.signIn;
  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={(e) => void submit(e)} aria-busy={busy} noValidate>
        <h1>{s.title}</h1>
        <p className="muted">{s.intro}</p>
        {ended && !error ? (
          <p className="notice" role="status">
            {ended}
          </p>
        ) : null}
        {lockedUrl !== null ? (
          <p className="locked-value">
            {s.serverLocked(lockedUrl)}{' '}
            <span className="muted">{settings?.locked.serverUrl ?? s.serverLockedReason}</span>
          </p>
        ) : (
          <Field label={s.serverUrl} hint={s.serverUrlHint} error={fields['serverUrl']}>
            <input
              type="url"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.target.value)}
              placeholder={s.serverUrlPlaceholder}
              autoComplete="url"
              disabled={busy}
            />
          </Field>
        )}
        <Field label={s.email} error={fields['email']}>
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="username"
            required
            disabled={busy}
            data-autofocus
          />
        </Field>
        <Field label={s.password} error={fields['password']}>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
            disabled={busy}
          />
        </Field>
        {error ? (
          <div className="form-error" role="alert">
            <p>{error}</p>
          </div>
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? s.signingIn : s.submit}
        </button>
        {busy ? (
          <p role="status" className="muted">
            {s.signingIn}
          </p>
        ) : null}
      </form>
    </main>
  );
}
