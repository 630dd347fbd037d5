/**
 * Account menu → Two-factor sign-in: whether it is on; turning it on (a QR code to scan, then a code to
 * confirm, then the recovery codes shown once), new recovery codes, and turning it off — each change
 * confirmed with a current code. Refusals are worded from their codes (a wrong code, too many tries, the
 * organisation requiring it).
 */
import { useState, type FormEvent } from 'react';
import { errorText } from '@shared/i18n/errors';
import type { TwoFactorEnrolment } from '@shared/protocol/api';
import { Dialog } from '../components/Dialog';
import { fieldMessages, type CommandError } from '../domain/errors';
import { useTranslator } from '../i18n/translation';
import { useApp, useAppStore } from '../store/context';
import { AuthenticatorSetUp } from './AuthenticatorSetUp';
import { CodeField } from './CodeField';
import { RecoveryCodesList } from './RecoveryCodesList';

type Step =
  | { readonly kind: 'status' }
  | { readonly kind: 'setUp'; readonly enrolment: TwoFactorEnrolment }
  | { readonly kind: 'renew' }
  | { readonly kind: 'off' }
  | { readonly kind: 'codes'; readonly codes: readonly string[] };

export function TwoFactorDialog() {
  const store = useAppStore();
  const t = useTranslator();
  const on = useApp((s) => s.account?.agent.twoFactorEnabled === true);
  const [step, setStep] = useState<Step>({ kind: 'status' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CommandError | null>(null);
  const close = () => store.getState().closeDialog();
  const call = store.getState().call;

  const go = (next: Step) => {
    setStep(next);
    setCode('');
    setRefusal(null);
  };

  const start = async () => {
    setBusy(true);
    setRefusal(null);
    const result = await call('account.startTwoFactor', {});
    setBusy(false);
    if (result.ok) go({ kind: 'setUp', enrolment: result.value });
    else setRefusal(result.error);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    if (step.kind === 'setUp' || step.kind === 'renew') {
      const result = await call(
        step.kind === 'setUp' ? 'account.confirmTwoFactor' : 'account.replaceRecoveryCodes',
        { code },
      );
      setBusy(false);
      if (result.ok) go({ kind: 'codes', codes: result.value.recoveryCodes });
      else setRefusal(result.error);
      return;
    }
    const result = await call('account.disableTwoFactor', { code });
    setBusy(false);
    if (!result.ok) {
      setRefusal(result.error);
      return;
    }
    store.getState().toast({ tone: 'info', title: t.t('twoFactor.turnedOff') });
    close();
  };

  const error = refusal && !refusal.fields ? errorText(t, refusal) : null;
  const fields = refusal ? fieldMessages(t, refusal) : {};

  if (step.kind === 'codes') {
    return (
      <Dialog title={t.t('twoFactor.recoveryTitle')} onClose={close}>
        <RecoveryCodesList codes={step.codes}>
          <button type="button" className="button primary" onClick={close} data-autofocus>
            {t.t('twoFactor.done')}
          </button>
        </RecoveryCodesList>
      </Dialog>
    );
  }

  if (step.kind === 'status') {
    return (
      <Dialog title={t.t('twoFactor.title')} onClose={close}>
        <p>{on ? t.t('twoFactor.statusOn') : t.t('twoFactor.statusOff')}</p>
        {error ? (
          <div className="form-error" role="alert">
            <p>{error}</p>
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            {t.t('twoFactor.close')}
          </button>
          {on ? (
            <>
              <button type="button" className="button" onClick={() => go({ kind: 'renew' })}>
                {t.t('twoFactor.newCodes')}
              </button>
              <button type="button" className="button danger" onClick={() => go({ kind: 'off' })}>
                {t.t('twoFactor.turnOff')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => void start()}
              data-autofocus
            >
              {busy ? t.t('twoFactor.busy') : t.t('twoFactor.turnOn')}
            </button>
          )}
        </div>
      </Dialog>
    );
  }

  const submitLabel =
    step.kind === 'setUp'
      ? t.t('twoFactor.turnOn')
      : step.kind === 'renew'
        ? t.t('twoFactor.newCodes')
        : t.t('twoFactor.turnOff');
  return (
    <Dialog title={t.t('twoFactor.title')} onClose={close}>
      <form onSubmit={(e) => void submit(e)} aria-busy={busy} noValidate>
        {step.kind === 'setUp' ? (
          <>
            <p>{t.t('twoFactor.setUpIntro')}</p>
            <AuthenticatorSetUp enrolment={step.enrolment} />
          </>
        ) : (
          <p>{t.t('twoFactor.codeForChange')}</p>
        )}
        <CodeField
          value={code}
          onChange={setCode}
          error={fields['code']}
          disabled={busy}
          recovery={step.kind !== 'setUp'}
        />
        {error ? (
          <div className="form-error" role="alert">
            <p>{error}</p>
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => go({ kind: 'status' })}>
            {t.t('twoFactor.back')}
          </button>
          <button
            type="submit"
            className={step.kind === 'off' ? 'button danger' : 'button primary'}
            disabled={busy}
          >
            {busy ? t.t('twoFactor.busy') : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
