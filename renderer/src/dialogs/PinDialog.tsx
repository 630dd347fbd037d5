/** Show PIN: the 9 digits in groups, where the end user types them, and a copy button. */
import { CopyButton } from '../components/CopyButton';
import { Dialog } from '../components/Dialog';
import { formatPin } from '../domain/format';
import { useRequestRow } from '../hooks/useRequestRow';
import { useAppStore } from '../store/context';
import { STRINGS } from '../strings';

/** `<public-url>/pin`, from the request's link `<public-url>/j/<token>`. */
export function pinPageUrl(link: string): string {
  const at = link.lastIndexOf('/j/');
  return at === -1 ? '' : `${link.slice(0, at)}/pin`;
}

export function PinDialog({ rowId }: { rowId: string }) {
  const store = useAppStore();
  const row = useRequestRow(rowId);
  const close = () => store.getState().closeDialog();
  return (
    <Dialog title={STRINGS.pin.title} onClose={close}>
      {row ? (
        <>
          <p>{STRINGS.pin.body(row.recipientName)}</p>
          <p className="pin-digits">{formatPin(row.pin)}</p>
          <p>
            <span className="muted">{STRINGS.pin.where} </span>
            <span className="mono">{pinPageUrl(row.link)}</span>
          </p>
          <div className="dialog-actions">
            <CopyButton value={row.pin} label={STRINGS.pin.copy} done={STRINGS.actions.done.copyPin} />
            <button type="button" className="button primary" onClick={close} data-autofocus>
              {STRINGS.pin.close}
            </button>
          </div>
        </>
      ) : (
        <p>{STRINGS.details.loading}</p>
      )}
    </Dialog>
  );
}
