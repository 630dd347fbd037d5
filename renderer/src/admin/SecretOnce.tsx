/**
 * A secret the service shows this once (an integration token, a webhook signing secret): read-only,
 * selected and focused so it can be copied at once, with Copy and the warning that it cannot be seen
 * again. The dialog around it closes with Done.
 */
import { useEffect, useId, useRef } from 'react';
import { CopyButton } from '../components/CopyButton';
import { useTranslator } from '../i18n/translation';

export function SecretOnce({
  label,
  secret,
  intro,
  copied,
  onDone,
}: {
  readonly label: string;
  readonly secret: string;
  /** What the secret is for, before the warning. */
  readonly intro: string;
  /** The toast once it is on the clipboard. */
  readonly copied: string;
  readonly onDone: () => void;
}) {
  const t = useTranslator();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  return (
    <div className="admin-stack">
      <p>{intro}</p>
      <p className="notice integrations-once" id={`${id}-warning`}>
        {t.t('integrations.secretOnceWarning')}
      </p>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          ref={input}
          id={id}
          className="mono"
          readOnly
          value={secret}
          aria-describedby={`${id}-warning`}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <div className="dialog-actions">
        <CopyButton value={secret} label={t.t('integrations.copySecret')} done={copied} />
        <button type="button" className="button primary" onClick={onDone}>
          {t.t('integrations.done')}
        </button>
      </div>
    </div>
  );
}
