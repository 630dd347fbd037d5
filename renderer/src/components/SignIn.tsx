/**
 * Sign in: the service's address (hidden when a policy sets it), e-mail and password; refusals in words
 * by their code, field messages beside the fields; "Signing in…" while it runs. With two-factor sign-in,
 * a right password leads to the second step (SecondFactorStep): a code, or setting it up first. When the
 * service offers single sign-on, its button comes first (SsoSignIn), the password form below it or, with
 * the PreferSingleSignOn policy, behind a link.
 */
import { useState, type FormEvent } from 'react';
import type { SecondFactorStep as SecondFactor } from '@shared/ipc/views';
import { fieldMessages, signInError, type CommandError } from '../domain/errors';
import { SecondFactorStep } from '../two-factor/SecondFactorStep';
import { useTranslator } from '../i18n/translation';
import { useApp, useAppStore } from '../store/context';
import { Field } from './Field';
import { SsoSignIn } from './SsoSignIn';

export function SignIn() {
  const store = useAppStore();
  const t = useTranslator();
  const settings = useApp((s) => s.settings);
  const ended = useApp((s) => s.signedOutReason);
  const lockedUrl = settings?.locked.serverUrl !== undefined ? settings.values.serverUrl : null;
  // The last address signed in to, else the one this app was started for (the shell's --server).
  const [serverUrl, setServerUrl] = useState(settings?.values.serverUrl || settings?.defaultServerUrl || '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [secondFactor, setSecondFactor] = useState<SecondFactor['secondFactor'] | null>(null);
  const [ssoWaiting, setSsoWaiting] = useState(false);
  // The policy prefers single sign-on and the service offers it: the password form waits behind a link.
  const [ssoPreferred, setSsoPreferred] = useState(false);
  const [passwordShown, setPasswordShown] = useState(false);
  const passwordHidden = ssoPreferred && !passwordShown;
  // The refusal as the core gave it: worded when shown, so it follows a change of language.
  const [refusal, setRefusal] = useState<CommandError | null>(null);
  const error = refusal ? signInError(t, refusal) : null;
  const fields: Record<string, string> = refusal ? fieldMessages(t, refusal) : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    const result = await store.getState().signIn({
      email,
      password,
      ...(lockedUrl === null && serverUrl.trim() !== '' ? { serverUrl } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setRefusal(result.error);
      return;
    }
    if ('secondFactor' in result.value) {
      setPassword('');
      setSecondFactor(result.value.secondFactor);
    }
  };

  if (secondFactor) {
    return (
      <SecondFactorStep
        step={secondFactor}
        onRestart={(why) => {
          setSecondFactor(null);
          setRefusal(why);
        }}
      />
    );
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={(e) => void submit(e)} aria-busy={busy} noValidate>
        <h1>{t.t('signIn.title')}</h1>
        <p className="muted">{t.t('signIn.intro')}</p>
        {ended && !error ? (
          <p className="notice" role="status">
            {ended}
          </p>
        ) : null}
        {lockedUrl !== null ? (
          <p className="locked-value">
            {t.t('signIn.serverLocked', { url: lockedUrl })}{' '}
            <span className="muted">{settings?.locked.serverUrl ?? t.t('signIn.serverLockedReason')}</span>
          </p>
        ) : (
          <Field
            label={t.t('signIn.serverUrl')}
            hint={t.t('signIn.serverUrlHint')}
            error={fields['serverUrl']}
          >
            <input
              type="url"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.target.value)}
              placeholder={t.t('signIn.serverUrlPlaceholder')}
              autoComplete="url"
              disabled={busy}
            />
          </Field>
        )}
        <SsoSignIn
          serverUrl={lockedUrl ?? serverUrl}
          disabled={busy}
          onWaiting={setSsoWaiting}
          onPreferred={setSsoPreferred}
        />
        {passwordHidden ? (
          <button type="button" className="link-button" onClick={() => setPasswordShown(true)}>
            {t.t('signIn.usePassword')}
          </button>
        ) : null}
        <div className="sign-in-password" hidden={passwordHidden}>
          <Field label={t.t('signIn.email')} error={fields['email']}>
            <input
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="username"
              required
              disabled={busy || ssoWaiting}
              data-autofocus
            />
          </Field>
          <Field label={t.t('signIn.password')} error={fields['password']}>
            <input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
              disabled={busy || ssoWaiting}
            />
          </Field>
          {error ? (
            <div className="form-error" role="alert">
              <p>{error}</p>
            </div>
          ) : null}
          <button type="submit" className="button primary" disabled={busy || ssoWaiting}>
            {busy ? t.t('signIn.signingIn') : t.t('signIn.submit')}
          </button>
        </div>
        {busy ? (
          <p role="status" className="muted">
            {t.t('signIn.signingIn')}
          </p>
        ) : null}
      </form>
    </main>
  );
}
