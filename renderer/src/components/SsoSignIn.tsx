/**
 * Single sign-on on the sign-in screen (issue 18): the organisation's button first ("Sign in with
 * Contoso") when the service offers it, then "Continue in your browser…" with Cancel while the agent
 * signs in at their provider. Electron's core opens the system browser and answers once signed in (the
 * `account` event opens the window); the browser shell's page goes to the provider itself and comes back
 * signed in, or asks here why not. With the service's address set by policy, first launch is one click.
 */
import { useEffect, useState } from 'react';
import { signInError, type CommandError } from '../domain/errors';
import { useTranslator } from '../i18n/translation';
import { useAppStore } from '../store/context';

/** How long typing in the address pauses before the service is asked whether it offers SSO. */
const ASK_AFTER_TYPING_MS = 400;

interface Props {
  /** The service to sign in to: the policy's, or the one typed ('' for the last one). */
  readonly serverUrl: string;
  /** The password form is busy: no second sign-in meanwhile. */
  readonly disabled: boolean;
  /** Reports that SSO is waiting, so the password form holds still. */
  readonly onWaiting: (waiting: boolean) => void;
  /** Reports whether the policy prefers SSO and the service offers it: the password form waits behind a link. */
  readonly onPreferred: (preferred: boolean) => void;
}

export function SsoSignIn({ serverUrl, disabled, onWaiting, onPreferred }: Props) {
  const store = useAppStore();
  const t = useTranslator();
  // The service's answer, for the address it was asked about: a typed change hides it until asked again.
  const [answer, setAnswer] = useState<{ serverUrl: string; label: string | null } | null>(null);
  const offer = answer?.serverUrl === serverUrl ? answer : null;
  const [waiting, setWaiting] = useState(false);
  const [refusal, setRefusal] = useState<CommandError | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void store
        .getState()
        .call('account.ssoStatus', serverUrl.trim() === '' ? {} : { serverUrl })
        .then((status) => {
          if (!current) return;
          const offered = status.ok && status.value.enabled;
          setAnswer(offered ? { serverUrl, label: status.value.label } : null);
          onPreferred(offered && (status.value.preferred || status.value.ssoOnly));
        });
    }, ASK_AFTER_TYPING_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [serverUrl, store, onPreferred]);

  // Back from the provider in the browser shell's tab: why the sign-in failed, if it did.
  useEffect(() => {
    void store
      .getState()
      .call('account.takeSsoRefusal', {})
      .then((taken) => {
        if (taken.ok && taken.value && taken.value.code !== 'sso_cancelled') setRefusal(taken.value);
      });
  }, [store]);

  const wait = (value: boolean) => {
    setWaiting(value);
    onWaiting(value);
  };

  const start = async () => {
    setRefusal(null);
    wait(true);
    const result = await store
      .getState()
      .call('account.signInWithSso', serverUrl.trim() === '' ? {} : { serverUrl });
    if (result.ok && result.value.status === 'continueInPage') {
      window.location.assign(result.value.authorizationUrl);
      return;
    }
    wait(false);
    // Cancelled by the agent: nothing to explain.
    if (!result.ok && result.error.code !== 'sso_cancelled') setRefusal(result.error);
  };

  const cancel = () => void store.getState().call('account.cancelSso', {});

  if (!offer && !refusal) return null;
  return (
    <section className="sso-sign-in" aria-live="polite">
      {waiting ? (
        <div className="sso-waiting" role="status">
          <p>
            <strong>{t.t('signIn.ssoWaiting')}</strong>
          </p>
          <p className="muted">{t.t('signIn.ssoWaitingHint')}</p>
          <button type="button" className="button" onClick={cancel}>
            {t.t('signIn.ssoCancel')}
          </button>
        </div>
      ) : offer ? (
        <button type="button" className="button primary" onClick={() => void start()} disabled={disabled}>
          {offer.label ?? t.t('signIn.ssoDefaultLabel')}
        </button>
      ) : null}
      {refusal ? (
        <div className="form-error" role="alert">
          <p>{signInError(t, refusal)}</p>
        </div>
      ) : null}
      {offer ? <p className="sso-separator muted">{t.t('signIn.orPassword')}</p> : null}
    </section>
  );
}
