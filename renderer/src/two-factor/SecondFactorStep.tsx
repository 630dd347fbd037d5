/**
 * The sign-in's second step, after a right password: a code of the agent's authenticator app or a
 * recovery code. When the organisation requires two-factor sign-in and the agent has none yet, the step
 * sets it up first (the QR code and the key), and the recovery codes are shown once signed in.
 * A challenge that has ended (too slow, or used) goes back to the password with the reason.
 */
import { useState, type FormEvent } from 'react';
import type { SecondFactorStep as Step } from '@shared/ipc/views';
import { fieldMessages, signInError, type CommandError } from '../domain/errors';
import { useTranslator } from '../i18n/translation';
import { useAppStore } from '../store/context';
import { AuthenticatorSetUp } from './AuthenticatorSetUp';
import { CodeField } from './CodeField';

export function SecondFactorStep({
  step,
  onRestart,
}: {
  readonly step: Step['secondFactor'];
  /** Back to the password, with why (null: the agent chose to). */
  readonly onRestart: (why: CommandError | null) => void;
}) {
  const store = useAppStore();
  const t = useTranslator();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CommandError | null>(null);
  const error = refusal && !refusal.fields ? signInError(t, refusal) : null;
  const fields = refusal ? fieldMessages(t, refusal) : {};
  const enrolment = step.enrolment;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    const result = await store.getState().finishSignIn(code);
    setBusy(false);
    if (result.ok) return;
    if (result.error.code === 'second_factor_expired' || result.error.code === 'not_signed_in') {
      onRestart(result.error);
      return;
    }
    setRefusal(result.error);
  };

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={(e) => void submit(e)} aria-busy={busy} noValidate>
        <h1>{enrolment ? t.t('signIn.enrolTitle') : t.t('signIn.secondFactorTitle')}</h1>
        {enrolment ? (
          <>
            <p className="muted">{t.t('signIn.enrolIntro')}</p>
            <AuthenticatorSetUp enrolment={enrolment} />
          </>
        ) : (
          <p className="muted">{t.t('signIn.secondFactorIntro')}</p>
        )}
        <CodeField
          value={code}
          onChange={setCode}
          error={fields['code']}
          disabled={busy}
          recovery={enrolment === null}
        />
        {error ? (
          <div className="form-error" role="alert">
            <p>{error}</p>
          </div>
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t.t('signIn.signingIn') : t.t('signIn.verify')}
        </button>
        <button type="button" className="button link" onClick={() => onRestart(null)} disabled={busy}>
          {t.t('signIn.startOver')}
        </button>
        {busy ? (
          <p role="status" className="muted">
            {t.t('signIn.signingIn')}
          </p>
        ) : null}
      </form>
    </main>
  );
}
