/** Shown when the page runs outside the desktop app and the browser shell: nothing to talk to. */
import { useTranslator } from '../i18n/translation';

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
