/**
 * A row's actions menu: End session (while my remote session runs), Copy link, Show PIN, Resend
 * invitation, Request access again, Assign, Transfer, Release, Pick up, Invite technicians, Leave
 * session, Close, Delete — each unavailable one disabled with the shared rules' reason (or "needs the
 * connection" offline). Opened by its button, Shift+F10 or the menu key.
 */
import type { MessageId } from '@shared/i18n/translator';
import type { RequestRow } from '@shared/ipc/views';
import { MenuButton, type MenuItem } from '../components/MenuButton';
import { rowActions, type ActionContext, type RowActionId } from '../domain/row-actions';
import { useTranslator } from '../i18n/translation';
import { message } from '../i18n/words';
import type { AppState } from '../store/app-state';
import { useAppStore } from '../store/context';

const LABELS = {
  disconnect: 'actions.endSession',
  copyLink: 'actions.copyLink',
  showPin: 'actions.showPin',
  resend: 'actions.resend',
  smsInvitation: 'actions.smsInvitation',
  rerequest: 'actions.rerequest',
  assign: 'actions.assign',
  transfer: 'actions.transfer',
  release: 'actions.release',
  pickup: 'actions.pickup',
  invite: 'actions.invite',
  leave: 'actions.leave',
  close: 'actions.close',
  delete: 'actions.delete',
} as const satisfies Record<RowActionId, MessageId>;

/** What choosing an action does. */
export function runRowAction(state: AppState, row: RequestRow, id: RowActionId): void {
  switch (id) {
    case 'disconnect':
      return void state.endSession(row.id);
    case 'copyLink':
      return void state.copy(row.link, message('actions.done.copyLink'));
    case 'showPin':
      return state.openDialog({ kind: 'pin', rowId: row.id });
    case 'resend':
      return void state.act(row.id, { type: 'resend' });
    case 'smsInvitation':
      return void state.act(row.id, { type: 'sms_invitation' });
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
      return state.openDialog({ kind: 'closeRequest', rowId: row.id });
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
  const t = useTranslator();
  const items = (): MenuItem[] => [
    {
      id: 'details',
      label: t.t('actions.details'),
      enabled: true,
      reason: null,
      onSelect: () => store.getState().openDetails(row.id),
    },
    ...rowActions(t, row, ctx).map(({ id, availability }) => ({
      id,
      label: t.t(LABELS[id]),
      enabled: availability.enabled,
      reason: availability.reason,
      separatorBefore: id === 'copyLink' || id === 'assign' || id === 'close',
      danger: id === 'delete',
      onSelect: () => runRowAction(store.getState(), row, id),
    })),
  ];
  return (
    <MenuButton
      label={t.t('actions.menu', { name: row.recipientName })}
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
