/** Show PIN: the 9 digits in groups, where the end user types them, and a copy button. */
import { CopyButton } from '../components/CopyButton';
import { Dialog } from '../components/Dialog';
import { formatPin } from '../domain/format';
import { useRequestRow } from '../hooks/useRequestRow';
import { useTranslator } from '../i18n/translation';
import { useAppStore } from '../store/context';

/** `<public-url>/pin`, from the request's link `<public-url>/j/<token>`. */
export function pinPageUrl(link: string): string {
  const at = link.lastIndexOf('/j/');
  return at === -1 ? '' : `${link.slice(0, at)}/pin`;
}

export function PinDialog({ rowId }: { rowId: string }) {
  const store = useAppStore();
  const t = useTranslator();
  const row = useRequestRow(rowId);
  const close = () => store.getState().closeDialog();
  return (
    <Dialog title={t.t('pin.title')} onClose={close}>
      {row ? (
        <>
          <p>{t.t('pin.body', { name: row.recipientName })}</p>
          <p className="pin-digits">{formatPin(row.pin)}</p>
          <p>
            <span className="muted">{t.t('pin.where')} </span>
            <span className="mono">{pinPageUrl(row.link)}</span>
          </p>
          <div className="dialog-actions">
            <CopyButton value={row.pin} label={t.t('pin.copy')} done={t.t('actions.done.copyPin')} />
            <button type="button" className="button primary" onClick={close} data-autofocus>
              {t.t('pin.close')}
            </button>
          </div>
        </>
      ) : (
        <p>{t.t('details.loading')}</p>
      )}
    </Dialog>
  );
}
