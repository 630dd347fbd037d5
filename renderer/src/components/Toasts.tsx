/**
 * Transient messages in the window's corner: notifications from the main process (a request became
 * Ready…) with a Show button, and how an action went. Polite for information, assertive for errors.
 */
import { useEffect } from 'react';
import type { Toast } from '../store/app-state';
import { useApp, useAppStore } from '../store/context';
import { STRINGS } from '../strings';

const SHOW_MS = { info: 4_000, notification: 8_000, error: 10_000 } as const;

function ToastView({ toast }: { readonly toast: Toast }) {
  const store = useAppStore();
  useEffect(() => {
    const timer = setTimeout(() => store.getState().dismissToast(toast.id), SHOW_MS[toast.tone]);
    return () => clearTimeout(timer);
  }, [store, toast]);
  return (
    <li className={`toast toast-${toast.tone}`}>
      <div className="toast-text">
        <strong>{toast.title}</strong>
        {toast.body ? <span>{toast.body}</span> : null}
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
          {STRINGS.toasts.show}
        </button>
      ) : null}
      <button
        type="button"
        className="icon-button"
        aria-label={STRINGS.toasts.dismiss}
        onClick={() => store.getState().dismissToast(toast.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}

export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const errors = toasts.filter((t) => t.tone === 'error');
  const others = toasts.filter((t) => t.tone !== 'error');
  return (
    <div className="toasts">
      {/* The live regions hold the lists (a list given another role would no longer be one). */}
      <div role="status" aria-label={STRINGS.toasts.region}>
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
