/**
 * A row's actions menu: End session (while my remote session runs), Copy link, Show PIN, Resend
 * invitation, Request access again, Assign, Transfer, Release, Pick up, Invite technicians, Leave
 * session, Close, Delete — each unavailable one disabled with the shared rules' reason (or "needs the
 * connection" offline). Opened by its button, Shift+F10 or the menu key.
 */
import type { RequestRow } from '@shared/ipc/views';
import { MenuButton, type MenuItem } from '../components/MenuButton';
import { rowActions, type ActionContext, type RowActionId } from '../domain/row-actions';
import type { AppState } from '../store/app-state';
import { useAppStore } from '../store/context';
import { STRINGS } from '../strings';

const LABELS: Record<RowActionId, string> = {
  disconnect: STRINGS.actions.endSession,
  copyLink: STRINGS.actions.copyLink,
  showPin: STRINGS.actions.showPin,
  resend: STRINGS.actions.resend,
  rerequest: STRINGS.actions.rerequest,
  assign: STRINGS.actions.assign,
  transfer: STRINGS.actions.transfer,
  release: STRINGS.actions.release,
  pickup: STRINGS.actions.pickup,
  invite: STRINGS.actions.invite,
  leave: STRINGS.actions.leave,
  close: STRINGS.actions.close,
  delete: STRINGS.actions.delete,
};

/** What choosing an action does. */
export function runRowAction(state: AppState, row: RequestRow, id: RowActionId): void {
  switch (id) {
    case 'disconnect':
      return void state.endSession(row.id);
    case 'copyLink':
      return void state.copy(row.link, STRINGS.actions.done.copyLink);
    case 'showPin':
      return state.openDialog({ kind: 'pin', rowId: row.id });
    case 'resend':
      return void state.act(row.id, { type: 'resend' });
    case 'rerequest':
      return void state.act(row.id, { type: 'rerequest' });
    case 'release':
      return void state.act(row.id, { type: 'release' });
    case 'pickup':
      return void state.act(row.id, { type: 'pickup' });
    case 'assign':
    case 'transfer':
    case 'invite':
    case 'leave':
      return state.openDialog({ kind: id, rowId: row.id });
    case 'close':
    case 'delete':
      return state.openDialog({ kind: 'confirm', action: id, rowId: row.id });
  }
}

export function RowActionsMenu({
  row,
  ctx,
  active,
  open,
}: {
  row: RequestRow;
  ctx: ActionContext;
  active: boolean;
  open: boolean;
}) {
  const store = useAppStore();
  const items = (): MenuItem[] => [
    {
      id: 'details',
      label: STRINGS.actions.details,
      enabled: true,
      reason: null,
      onSelect: () => store.getState().openDetails(row.id),
    },
    ...rowActions(row, ctx).map(({ id, availability }) => ({
      id,
      label: LABELS[id],
      enabled: availability.enabled,
      reason: availability.reason,
      separatorBefore: id === 'copyLink' || id === 'assign' || id === 'close',
      danger: id === 'delete',
      onSelect: () => runRowAction(store.getState(), row, id),
    })),
  ];
  return (
    <MenuButton
      label={STRINGS.actions.menu(row.recipientName)}
      open={open}
      onOpenChange={(next) => store.getState().openMenu(next ? row.id : null)}
      items={items}
      buttonClassName="icon-button row-menu-button"
      tabIndex={active ? 0 : -1}
    >
      <span aria-hidden="true">⋯</span>
    </MenuButton>
  );
}
