/**
 * The code field of every two-factor step: one field for an authenticator's six digits or a recovery
 * code (the service tells them apart), with the one-time-code autocomplete phones and password managers
 * fill from.
 */
import { Field } from '../components/Field';
import { useTranslator } from '../i18n/translation';

export function CodeField({
  value,
  onChange,
  error,
  disabled,
  recovery = true,
}: {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly disabled: boolean;
  /** Whether a recovery code is accepted here too (not when confirming a new set-up). */
  readonly recovery?: boolean;
}) {
  const t = useTranslator();
  return (
    <Field
      label={t.t('twoFactor.code')}
      hint={recovery ? t.t('twoFactor.codeHint') : t.t('twoFactor.codeHintNew')}
      error={error}
    >
      <input
        type="text"
        className="mono"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="one-time-code"
        spellCheck={false}
        maxLength={40}
        required
        disabled={disabled}
        data-autofocus
      />
    </Field>
  );
}
