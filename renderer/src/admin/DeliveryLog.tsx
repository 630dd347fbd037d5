/**
 * A webhook endpoint's delivery log, newest first: event, when, state, the receiver's answer (HTTP status,
 * or why none came), duration, attempts and the next try, with Redeliver on each and Show older for the
 * next page. The service does not push deliveries to the client, so while one is still pending the shown
 * part of the log is read again every few seconds until none is.
 */
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import type { WebhookDelivery, WebhookEndpoint } from '@shared/protocol/integrations';
import { Dialog } from '../components/Dialog';
import { ReasonButton } from '../components/ReasonButton';
import type { CommandError } from '../domain/errors';
import { useTranslator } from '../i18n/translation';
import { FormError } from './AdminFormParts';
import { useAdmin } from './use-admin';

const PAGE = 20;
/** The service allows at most this many in one page (deliveryQuerySchema). */
const MOST = 200;
const PENDING_REREAD_MS = 2_000;

interface Log {
  readonly deliveries: readonly WebhookDelivery[];
  readonly nextCursor: string | null;
}

function answerText(t: Translator, delivery: WebhookDelivery): string {
  if (delivery.lastStatusCode !== null) return String(delivery.lastStatusCode);
  if (delivery.lastError !== null) return delivery.lastError;
  return t.t('integrations.deliveries.noAnswer');
}

function DeliveryRow({
  delivery,
  redeliver,
}: {
  readonly delivery: WebhookDelivery;
  readonly redeliver: (delivery: WebhookDelivery) => Promise<void>;
}) {
  const t = useTranslator();
  const { live } = useAdmin();
  const [busy, setBusy] = useState(false);
  const event = delivery.eventType;
  const reason = !live
    ? t.t('admin.offlineReason')
    : delivery.state === 'pending'
      ? t.t('integrations.deliveries.alreadyPending')
      : null;
  return (
    <tr>
      <th scope="row">
        <code>{event}</code>
        <span className="muted integrations-hint">{t.formatDateTime(new Date(delivery.createdAt))}</span>
      </th>
      <td>{t.t(`integrations.deliveries.states.${delivery.state}`)}</td>
      <td className="ellipsis">{answerText(t, delivery)}</td>
      <td>
        {delivery.lastDurationMs === null
          ? t.t('integrations.notApplicable')
          : t.t('integrations.deliveries.milliseconds', { n: delivery.lastDurationMs })}
      </td>
      <td>{t.formatNumber(delivery.attempts)}</td>
      <td>
        {delivery.nextAttemptAt === null
          ? t.t('integrations.notApplicable')
          : t.formatDateTime(new Date(delivery.nextAttemptAt))}
      </td>
      <td>
        <ReasonButton
          className="button small"
          enabled={reason === null && !busy}
          reason={reason}
          aria-label={t.t('integrations.deliveries.redeliverLabel', {
            event,
            time: t.formatDateTime(new Date(delivery.createdAt)),
          })}
          onClick={() => {
            setBusy(true);
            void redeliver(delivery).finally(() => setBusy(false));
          }}
        >
          {t.t('integrations.deliveries.redeliver')}
        </ReasonButton>
      </td>
    </tr>
  );
}

export function DeliveryLogDialog({
  endpoint,
  onClose,
}: {
  readonly endpoint: WebhookEndpoint;
  readonly onClose: () => void;
}) {
  const t = useTranslator();
  const { store } = useAdmin();
  const [log, setLog] = useState<Log | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  const read = useCallback(
    (cursor: string | undefined, limit: number) =>
      store.getState().call('integrations.deliveries', { webhookId: endpoint.id, cursor, limit }),
    [store, endpoint.id],
  );

  /** The newest deliveries, as many as are shown (at least a page). */
  const newest = useCallback(
    (shown: number) => read(undefined, Math.min(MOST, Math.max(PAGE, shown))),
    [read],
  );
  const show = useCallback((result: Awaited<ReturnType<typeof newest>>) => {
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setLog(result.value);
  }, []);
  const reread = async (shown: number) => show(await newest(shown));

  const shown = log?.deliveries.length ?? 0;
  const pending = log?.deliveries.some((delivery) => delivery.state === 'pending') ?? false;

  useEffect(() => {
    let current = true;
    void newest(PAGE).then((result) => {
      if (current) show(result);
    });
    return () => {
      current = false;
    };
  }, [newest, show]);

  // Read again while a delivery is pending; each answer (a new `log`) sets the next timer.
  useEffect(() => {
    if (!pending) return;
    let current = true;
    const timer = setTimeout(() => {
      void newest(shown).then((result) => {
        if (current) show(result);
      });
    }, PENDING_REREAD_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [pending, shown, newest, show, log]);

  const older = async () => {
    if (!log?.nextCursor) return;
    setLoadingOlder(true);
    const result = await read(log.nextCursor, PAGE);
    setLoadingOlder(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setLog({
      deliveries: [...log.deliveries, ...result.value.deliveries],
      nextCursor: result.value.nextCursor,
    });
  };

  const redeliver = async (delivery: WebhookDelivery) => {
    const result = await store
      .getState()
      .call('integrations.redeliver', { webhookId: endpoint.id, deliveryId: delivery.id });
    if (!result.ok) {
      store.getState().toast({ tone: 'error', title: errorText(t, result.error) });
      return;
    }
    store.getState().toast({
      tone: 'info',
      title: t.t('integrations.deliveries.redelivered', { event: delivery.eventType }),
    });
    await reread(shown);
  };

  return (
    <Dialog
      title={t.t('integrations.deliveries.title', { url: endpoint.url })}
      onClose={onClose}
      className="dialog-wide integrations-log"
    >
      <div className="admin-stack">
        <div className="admin-toolbar">
          <p className="muted admin-count" aria-live="polite">
            {log ? t.t('integrations.deliveries.count', { n: shown }) : t.t('integrations.loading')}
          </p>
          <button type="button" className="button small" onClick={() => void reread(shown)}>
            {t.t('integrations.deliveries.refresh')}
          </button>
        </div>
        <FormError message={error ? errorText(t, error) : null} />
        {log && log.deliveries.length === 0 ? (
          <p className="muted admin-empty">{t.t('integrations.deliveries.empty')}</p>
        ) : null}
        {log && log.deliveries.length > 0 ? (
          <div className="admin-table-scroll">
            <table className="admin-table" aria-label={t.t('integrations.deliveries.tableLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t.t('integrations.deliveries.columns.event')}</th>
                  <th scope="col">{t.t('integrations.deliveries.columns.state')}</th>
                  <th scope="col">{t.t('integrations.deliveries.columns.answer')}</th>
                  <th scope="col">{t.t('integrations.deliveries.columns.duration')}</th>
                  <th scope="col">{t.t('integrations.deliveries.columns.attempts')}</th>
                  <th scope="col">{t.t('integrations.deliveries.columns.nextTry')}</th>
                  <th scope="col">{t.t('integrations.deliveries.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {log.deliveries.map((delivery) => (
                  <DeliveryRow key={delivery.id} delivery={delivery} redeliver={redeliver} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <div className="dialog-actions">
          {log?.nextCursor ? (
            <button type="button" className="button" disabled={loadingOlder} onClick={() => void older()}>
              {loadingOlder ? t.t('integrations.loading') : t.t('integrations.deliveries.older')}
            </button>
          ) : null}
          <button type="button" className="button primary" onClick={onClose} data-autofocus>
            {t.t('admin.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
