/** The recovery codes a sign-in that set two-factor sign-in up answered, shown once after it. */
import { Dialog } from '../components/Dialog';
import { useTranslator } from '../i18n/translation';
import { useAppStore } from '../store/context';
import { RecoveryCodesList } from './RecoveryCodesList';

export function RecoveryCodesDialog({ codes }: { readonly codes: readonly string[] }) {
  const store = useAppStore();
  const t = useTranslator();
  const close = () => store.getState().closeDialog();
  return (
    <Dialog title={t.t('twoFactor.recoveryTitle')} onClose={close}>
      <RecoveryCodesList codes={codes}>
        <button type="button" className="button primary" onClick={close} data-autofocus>
          {t.t('twoFactor.done')}
        </button>
      </RecoveryCodesList>
    </Dialog>
  );
}
