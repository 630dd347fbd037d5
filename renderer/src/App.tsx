/**
 * The application frame: without `window.sessiondesk` it says the window is not connected to the app
 * (in the browser's language); otherwise it creates the store over the bridge and shows Sign in or the
 * Session Requests window, in the language the core says the client speaks.
 */
import { useEffect, useState } from 'react';
import type { SessiondeskBridge } from '@shared/ipc/contract';
import { hasBridge } from './bridge';
import { MainWindow } from './components/MainWindow';
import { CoreUnavailable, NoBridge } from './components/NoBridge';
import { SignIn } from './components/SignIn';
import { Toasts } from './components/Toasts';
import { useTheme } from './hooks/useTheme';
import {
  AppTranslatorProvider,
  browserLanguage,
  TranslatorProvider,
  useTranslator,
} from './i18n/translation';
import { createAppStore, type AppStore } from './store/app-store';
import { nextFrame } from './store/change-batcher';
import { startClock } from './store/clock';
import { StoreProvider, useApp } from './store/context';

export function App() {
  if (!hasBridge()) {
    return (
      <TranslatorProvider language={browserLanguage()}>
        <NoBridge />
      </TranslatorProvider>
    );
  }
  return <Connected bridge={window.sessiondesk!} />;
}

function Connected({ bridge }: { readonly bridge: SessiondeskBridge }) {
  const [store] = useState<AppStore>(() => createAppStore({ bridge, frame: nextFrame }));
  useEffect(() => store.getState().start(), [store]);
  useEffect(() => startClock(), []);
  return (
    <StoreProvider store={store}>
      <AppTranslatorProvider>
        <Screens />
      </AppTranslatorProvider>
    </StoreProvider>
  );
}

function Screens() {
  useTheme();
  const t = useTranslator();
  const phase = useApp((s) => s.phase);
  return (
    <>
      {phase === 'starting' ? (
        <p className="splash" role="status">
          {t.t('loading')}
        </p>
      ) : phase === 'signedOut' ? (
        <SignIn />
      ) : phase === 'unavailable' ? (
        <CoreUnavailable />
      ) : (
        <MainWindow />
      )}
      <Toasts />
    </>
  );
}
