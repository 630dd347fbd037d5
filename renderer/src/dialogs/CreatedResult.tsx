/** After Create request: the link and the PIN with copy buttons, or that it is queued offline. */
import type { RequestRow } from '@shared/ipc/views';
import { CopyButton } from '../components/CopyButton';
import { formatPin } from '../domain/format';
import { useAppStore } from '../store/context';
import { STRINGS } from '../strings';

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
  const c = STRINGS.create;
  const actions = (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onAnother}>
        {c.another}
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
          {c.showDetails}
        </button>
      ) : null}
      <button type="button" className="button primary" onClick={onClose} data-autofocus>
        {c.done}
      </button>
    </div>
  );
  if (outcome.queued || !outcome.row) {
    return (
      <>
        <p role="status">{c.queuedBody}</p>
        {actions}
      </>
    );
  }
  const { row } = outcome;
  return (
    <>
      <p role="status">{c.createdBody(row.recipientName)}</p>
      {row.sendInvitation && row.recipientEmail ? (
        <p className="muted">{c.invitationSent(row.recipientEmail)}</p>
      ) : null}
      <dl className="created-values">
        <dt>{c.link}</dt>
        <dd>
          <input
            readOnly
            className="mono"
            value={row.link}
            aria-label={c.link}
            onFocus={(e) => e.target.select()}
          />
          <CopyButton value={row.link} label={c.copyLink} done={STRINGS.actions.done.copyLink} />
        </dd>
        <dt>{c.pin}</dt>
        <dd>
          <span className="pin-digits small">{formatPin(row.pin)}</span>
          <CopyButton value={row.pin} label={c.copyPin} done={STRINGS.actions.done.copyPin} />
        </dd>
      </dl>
      {actions}
    </>
  );
}
