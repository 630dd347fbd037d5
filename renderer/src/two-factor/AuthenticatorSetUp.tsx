/**
 * The secret of a new authenticator set-up, for the agent's app: as a QR code (an SVG drawn by
 * qrcode.react, no canvas or data: image under the content security policy) and as text to type, with
 * Copy. Used at a sign-in the organisation requires it for, and from the account menu.
 */
import { QRCodeSVG } from 'qrcode.react';
import { useId } from 'react';
import type { TwoFactorEnrolment } from '@shared/protocol/api';
import { CopyButton } from '../components/CopyButton';
import { useTranslator } from '../i18n/translation';
import '../styles/two-factor.css';

/** The secret in groups of four, as authenticator apps show and people type it. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function AuthenticatorSetUp({ enrolment }: { readonly enrolment: TwoFactorEnrolment }) {
  const t = useTranslator();
  const id = useId();
  return (
    <div className="two-factor-set-up">
      <QRCodeSVG
        value={enrolment.otpauthUri}
        size={176}
        marginSize={2}
        role="img"
        aria-label={t.t('twoFactor.qrLabel')}
        className="two-factor-qr"
      />
      <div className="field">
        <label htmlFor={id}>{t.t('twoFactor.secretLabel')}</label>
        <input
          id={id}
          className="mono"
          readOnly
          value={grouped(enrolment.secret)}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <CopyButton
        className="button small"
        value={enrolment.secret}
        label={t.t('twoFactor.copySecret')}
        done={t.t('twoFactor.secretCopied')}
      />
    </div>
  );
}
