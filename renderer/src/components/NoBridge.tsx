/**
 * The screens shown instead of the client: the page runs outside every host (nothing to talk to), or the
 * host's core could not start (the web console's cache held by another tab of the browser).
 */
import { errorText } from '@shared/i18n/errors';
import { useTranslator } from '../i18n/translation';
import { useApp } from '../store/context';

export function NoBridge() {
  const t = useTranslator();
  return (
    <main className="no-bridge">
      <h1>{t.t('appName')}</h1>
      <p className="tagline">{t.t('tagline')}</p>
      <p role="alert" className="notice">
        {t.t('noBridge')}
      </p>
      <p className="muted">{t.t('noBridgeHelp')}</p>
    </main>
  );
}

export function CoreUnavailable() {
  const t = useTranslator();
  const error = useApp((s) => s.startError);
  return (
    <main className="no-bridge">
      <h1>{t.t('appName')}</h1>
      <p role="alert" className="notice">
        {error ? errorText(t, error) : t.t('coreUnavailable')}
      </p>
      <button type="button" className="button primary" onClick={() => location.reload()}>
        {t.t('coreUnavailableReload')}
      </button>
    </main>
  );
}
