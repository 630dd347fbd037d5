/**
 * Transient messages in the window's corner: notifications from the main process (a request became
 * Ready…) with a Show button, and how an action went. Polite for information, assertive for errors.
 */
import { useEffect } from 'react';
import { useTranslator } from '../i18n/translation';
import { say } from '../i18n/words';
import type { Toast } from '../store/app-state';
import { useApp, useAppStore } from '../store/context';

const SHOW_MS = { info: 4_000, notification: 8_000, error: 10_000 } as const;

function ToastView({ toast }: { readonly toast: Toast }) {
  const store = useAppStore();
  const t = useTranslator();
  useEffect(() => {
    const timer = setTimeout(() => store.getState().dismissToast(toast.id), SHOW_MS[toast.tone]);
    return () => clearTimeout(timer);
  }, [store, toast]);
  return (
    <li className={`toast toast-${toast.tone}`}>
      <div className="toast-text">
        <strong>{say(t, toast.title)}</strong>
        {toast.body ? <span>{say(t, toast.body)}</span> : null}
      </div>
      {toast.requestId ? (
        <button
          type="button"
          className="button small"
          onClick={() => {
            store.getState().openDetails(toast.requestId!);
            store.getState().dismissToast(toast.id);
          }}
        >
          {t.t('toasts.show')}
        </button>
      ) : null}
      <button
        type="button"
        className="icon-button"
        aria-label={t.t('toasts.dismiss')}
        onClick={() => store.getState().dismissToast(toast.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}

export function Toasts() {
  const t = useTranslator();
  const toasts = useApp((s) => s.toasts);
  const errors = toasts.filter((toast) => toast.tone === 'error');
  const others = toasts.filter((toast) => toast.tone !== 'error');
  return (
    <div className="toasts">
      {/* The live regions hold the lists (a list given another role would no longer be one). */}
      <div role="status" aria-label={t.t('toasts.region')}>
        <ul className="toast-list">
          {others.map((toast) => (
            <ToastView key={toast.id} toast={toast} />
          ))}
        </ul>
      </div>
      <div role="alert">
        <ul className="toast-list">
          {errors.map((toast) => (
            <ToastView key={toast.id} toast={toast} />
          ))}
        </ul>
      </div>
    </div>
  );
}
