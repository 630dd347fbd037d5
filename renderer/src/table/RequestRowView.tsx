/**
 * One row of the table, absolutely placed at its index (fixed height), its cells in the columns the
 * layout fits. It renders again only when its request changed (id, seq, pending state, what runs for
 * it), when it gains or loses focus, or when what the table hands every row changes (names, the rules'
 * inputs, the minute, the columns): one store subscription per row, so that scrolling mounts rows cheaply.
 */
import { errorText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import type { RequestRow } from '@shared/ipc/views';
import { memo } from 'react';
import { formatDateTime, formatFullDateTime } from '../domain/format';
import type { Names } from '../domain/people';
import { ticketLabel } from '../domain/ticket';
import { isLocalRow, type ActionContext } from '../domain/row-actions';
import { useTranslator } from '../i18n/translation';
import { useApp, useAppStore } from '../store/context';
import type { TableLayout } from './column-layout';
import type { ColumnKey } from './columns';
import { ConnectCell } from './ConnectCell';
import { ExpiresCell } from './ExpiresCell';
import { RowActionsMenu } from './RowActionsMenu';
import { StatusCell } from './StatusCell';

/** What decides whether a row looks different: cheap to compare, unlike the row object. */
function rowKey(row: RequestRow | undefined): string {
  if (!row) return '';
  return `${row.id}|${row.seq}|${row.updatedAt}|${row.pending?.state ?? ''}|${row.pending?.error?.code ?? ''}|${row.handoff?.kind ?? ''}|${row.unread}`;
}

/** What the table computes once and hands every row. */
export interface RowEnv {
  readonly names: Names;
  readonly ctx: ActionContext | null;
  /** Now, to the minute: "today" for the dates. */
  readonly now: number;
  /** The columns shown, in order. */
  readonly layout: TableLayout;
}

function DateCell({ at, now }: { at: string | null; now: number }) {
  const t = useTranslator();
  if (at === null) return t.t('table.none');
  return formatDateTime(t, at, now);
}

/** "Invited" or "Joined" when I help on someone else's request: why it is in my list. */
function MyPart({ row, meId }: { row: RequestRow; meId: string | null }) {
  const t = useTranslator();
  const mine = row.participants.find((p) => p.agentId === meId);
  if (!mine) return null;
  return (
    <span className="badge badge-part" title={t.t(`table.myPart.${mine.via}.hint`)}>
      {t.t(`table.myPart.${mine.via}.label`)}
    </span>
  );
}

/** The end user's chat messages the agent has not read yet, as a badge with its sentence. */
function Unread({ count }: { count: number }) {
  const t = useTranslator();
  if (count <= 0) return null;
  const label = t.t('table.unread', { count });
  return (
    <span className="badge badge-unread" role="img" aria-label={label} title={label}>
      {count}
    </span>
  );
}

/** A cell's tooltip: its whole text, where the column may cut it short. */
function cellTitle(t: Translator, names: Names, column: ColumnKey, row: RequestRow): string | undefined {
  switch (column) {
    case 'recipientName':
      return row.recipientName;
    case 'recipientEmail':
      return row.recipientEmail ?? undefined;
    case 'assignee':
      return row.assigneeId === null ? t.t('table.unassigned') : names.agent(row.assigneeId);
    case 'channel':
      return names.channel(row.channelId);
    case 'createdAt':
      return formatFullDateTime(t, row.createdAt);
    case 'scheduledAt':
      return row.scheduledAt === null ? undefined : formatFullDateTime(t, row.scheduledAt);
    case 'comments':
      return row.pending?.error ? errorText(t, row.pending.error) : row.comments || undefined;
    case 'ticket':
      return row.externalRef ? ticketLabel(row.externalRef) : undefined;
    default:
      return undefined;
  }
}

interface CellProps {
  readonly column: ColumnKey;
  readonly row: RequestRow;
  readonly env: RowEnv;
  readonly active: boolean;
  readonly menuOpen: boolean;
  readonly connecting: boolean;
}

function CellContent({ column, row, env, active, menuOpen, connecting }: CellProps) {
  const store = useAppStore();
  const t = useTranslator();
  const { names, ctx, now } = env;
  switch (column) {
    case 'recipientName':
      return (
        <>
          <button
            type="button"
            className="link-button"
            tabIndex={active ? 0 : -1}
            onClick={() => store.getState().openDetails(row.id)}
          >
            {row.recipientName}
          </button>
          <Unread count={row.unread} />
        </>
      );
    case 'recipientEmail':
      return row.recipientEmail ?? t.t('table.none');
    case 'status':
      return <StatusCell row={row} flashedAt={store.getState().rows.flashedAt(row.id)} now={now} />;
    case 'assignee':
      return (
        <>
          {row.assigneeId === null ? (
            <span className="muted">{t.t('table.unassigned')}</span>
          ) : (
            names.agent(row.assigneeId)
          )}
          <MyPart row={row} meId={ctx?.me.id ?? null} />
        </>
      );
    case 'channel':
      return names.channel(row.channelId);
    case 'createdAt':
      return <DateCell at={row.createdAt} now={now} />;
    case 'scheduledAt':
      return <DateCell at={row.scheduledAt} now={now} />;
    case 'expiresAt':
      return <ExpiresCell row={row} />;
    case 'comments':
      return row.pending?.state === 'rejected' ? (
        <span className="error-text">
          {t.t('pending.rejectedHint', {
            message: row.pending.error ? errorText(t, row.pending.error) : '',
          })}
        </span>
      ) : (
        row.comments
      );
    case 'ticket':
      return row.externalRef ? (
        ticketLabel(row.externalRef)
      ) : (
        <span className="muted">{t.t('table.none')}</span>
      );
    case 'connect':
      return ctx ? <ConnectCell row={row} ctx={ctx} active={active} connecting={connecting} /> : null;
    case 'actions':
      return ctx && !isLocalRow(row) ? (
        <RowActionsMenu row={row} ctx={ctx} active={active} open={menuOpen} />
      ) : null;
  }
}

export interface RowProps {
  readonly index: number;
  readonly top: number;
  readonly env: RowEnv;
  readonly active: boolean;
  readonly menuOpen: boolean;
  readonly connecting: boolean;
}

export const RequestRowView = memo(function RequestRowView({
  index,
  top,
  env,
  active,
  menuOpen,
  connecting,
}: RowProps) {
  const store = useAppStore();
  const t = useTranslator();
  useApp((s) => rowKey(s.rows.rowAt(index)));
  const row = store.getState().rows.rowAt(index);

  const position = { transform: `translateY(${top}px)` };
  if (!row) {
    return (
      <div
        role="row"
        aria-rowindex={index + 2}
        aria-busy="true"
        className="grid-row is-loading"
        style={position}
        data-index={index}
      >
        <div role="gridcell" aria-colindex={1} className="cell col-recipientName">
          <span className="skeleton">{t.t('table.loadingRow')}</span>
        </div>
      </div>
    );
  }

  const local = isLocalRow(row);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      tabIndex={active ? 0 : -1}
      data-index={index}
      data-request-id={row.id}
      className={`grid-row${active ? ' is-active' : ''}${local ? ' is-pending' : ''}${row.pending?.state === 'rejected' ? ' is-rejected' : ''}`}
      style={position}
      onFocus={(event) => {
        if (event.target === event.currentTarget && !active) store.getState().setActive(index);
      }}
      onMouseDown={() => {
        if (!active) store.getState().setActive(index);
      }}
      onDoubleClick={() => store.getState().openDetails(row.id)}
    >
      {env.layout.columns.map(({ key }, index) => (
        <div
          key={key}
          role="gridcell"
          aria-colindex={index + 1}
          className={`cell col-${key}`}
          title={cellTitle(t, env.names, key, row)}
        >
          <CellContent
            column={key}
            row={row}
            env={env}
            active={active}
            menuOpen={menuOpen}
            connecting={connecting}
          />
        </div>
      ))}
    </div>
  );
});
