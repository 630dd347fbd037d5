/** Recovery codes the service shows this once: listed, with Copy, and the warning to keep them. */
import type { ReactNode } from 'react';
import { CopyButton } from '../components/CopyButton';
import { useTranslator } from '../i18n/translation';
import '../styles/two-factor.css';

export function RecoveryCodesList({
  codes,
  children,
}: {
  readonly codes: readonly string[];
  /** The actions after Copy (Done). */
  readonly children?: ReactNode;
}) {
  const t = useTranslator();
  return (
    <div className="two-factor-stack">
      <p className="notice">{t.t('twoFactor.recoveryIntro')}</p>
      <ol className="two-factor-codes mono" aria-label={t.t('twoFactor.recoveryTitle')}>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="dialog-actions">
        <CopyButton
          value={codes.join('\n')}
          label={t.t('twoFactor.copyCodes')}
          done={t.t('twoFactor.codesCopied')}
        />
        {children}
      </div>
    </div>
  );
}
