/** After Create request: the link and the PIN with copy buttons, or that it is queued offline. */
import type { RequestRow } from '@shared/ipc/views';
import { CopyButton } from '../components/CopyButton';
import { formatPin } from '../domain/format';
import { useTranslator } from '../i18n/translation';
import { useAppStore } from '../store/context';

type Outcome =
  | { readonly queued: true }
  | { readonly queued: false; readonly row: RequestRow | null; readonly rowId: string };

export function CreatedResult({
  outcome,
  onAnother,
  onClose,
}: {
  readonly outcome: Outcome;
  readonly onAnother: () => void;
  readonly onClose: () => void;
}) {
  const store = useAppStore();
  const t = useTranslator();
  const actions = (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onAnother}>
        {t.t('create.another')}
      </button>
      {!outcome.queued ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            onClose();
            store.getState().openDetails(outcome.rowId);
          }}
        >
          {t.t('create.showDetails')}
        </button>
      ) : null}
      <button type="button" className="button primary" onClick={onClose} data-autofocus>
        {t.t('create.done')}
      </button>
    </div>
  );
  if (outcome.queued || !outcome.row) {
    return (
      <>
        <p role="status">{t.t('create.queuedBody')}</p>
        {actions}
      </>
    );
  }
  const { row } = outcome;
  return (
    <>
      <p role="status">{t.t('create.createdBody', { name: row.recipientName })}</p>
      {row.sendInvitation && row.recipientEmail ? (
        <p className="muted">{t.t('create.invitationSent', { email: row.recipientEmail })}</p>
      ) : null}
      <dl className="created-values">
        <dt>{t.t('create.link')}</dt>
        <dd>
          <input
            readOnly
            className="mono"
            value={row.link}
            aria-label={t.t('create.link')}
            onFocus={(e) => e.target.select()}
          />
          <CopyButton value={row.link} label={t.t('create.copyLink')} done={t.t('actions.done.copyLink')} />
        </dd>
        <dt>{t.t('create.pin')}</dt>
        <dd>
          <span className="pin-digits small">{formatPin(row.pin)}</span>
          <CopyButton value={row.pin} label={t.t('create.copyPin')} done={t.t('actions.done.copyPin')} />
        </dd>
      </dl>
      {actions}
    </>
  );
}
