/**
 * One row of the table, absolutely placed at its index (fixed height). It renders again only when its
 * request changed (id, seq, pending state, what runs for it), when it gains or loses focus, or when what the table hands
 * every row changes (names, the rules' inputs, the minute): one store subscription per row, so that
 * scrolling mounts rows cheaply.
 */
import type { RequestRow } from '@shared/ipc/views';
import { memo } from 'react';
import { formatDateTime, formatFullDateTime } from '../domain/format';
import type { Names } from '../domain/people';
import { isLocalRow, type ActionContext } from '../domain/row-actions';
import { useApp, useAppStore } from '../store/context';
import { STRINGS } from '../strings';
import { COLUMNS } from './columns';
import { ConnectCell } from './ConnectCell';
import { ExpiresCell } from './ExpiresCell';
import { RowActionsMenu } from './RowActionsMenu';
import { StatusCell } from './StatusCell';

/** What decides whether a row looks different: cheap to compare, unlike the row object. */
function rowKey(row: RequestRow | undefined): string {
  if (!row) return '';
  return `${row.id}|${row.seq}|${row.updatedAt}|${row.pending?.state ?? ''}|${row.pending?.error?.code ?? ''}|${row.handoff?.kind ?? ''}`;
}

function Cell({
  col,
  children,
  title,
}: {
  col: number;
  children?: React.ReactNode;
  title?: string | undefined;
}) {
  const column = COLUMNS[col]!;
  return (
    <div role="gridcell" aria-colindex={col + 1} className={`cell col-${column.key}`} title={title}>
      {children}
    </div>
  );
}

/** What the table computes once and hands every row. */
export interface RowEnv {
  readonly names: Names;
  readonly ctx: ActionContext | null;
  /** Now, to the minute: "today" for the dates. */
  readonly now: number;
}

function DateCell({ col, at, now }: { col: number; at: string | null; now: number }) {
  if (at === null) return <Cell col={col}>{STRINGS.table.none}</Cell>;
  return (
    <Cell col={col} title={formatFullDateTime(at)}>
      {formatDateTime(at, now)}
    </Cell>
  );
}

/** "Invited" or "Joined" when I help on someone else's request: why it is in my list. */
function MyPart({ row, meId }: { row: RequestRow; meId: string | null }) {
  const mine = row.participants.find((p) => p.agentId === meId);
  if (!mine) return null;
  return (
    <span className="badge badge-part" title={STRINGS.table.myPart[mine.via].hint}>
      {STRINGS.table.myPart[mine.via].label}
    </span>
  );
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
  useApp((s) => rowKey(s.rows.rowAt(index)));
  const row = store.getState().rows.rowAt(index);
  const { names, ctx, now } = env;

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
          <span className="skeleton">{STRINGS.table.loadingRow}</span>
        </div>
      </div>
    );
  }

  const flashed = store.getState().rows.flashedAt(row.id);
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
      <Cell col={0} title={row.recipientName}>
        <button
          type="button"
          className="link-button"
          tabIndex={active ? 0 : -1}
          onClick={() => store.getState().openDetails(row.id)}
        >
          {row.recipientName}
        </button>
      </Cell>
      <Cell col={1} title={row.recipientEmail ?? undefined}>
        {row.recipientEmail ?? STRINGS.table.none}
      </Cell>
      <Cell col={2}>
        <StatusCell row={row} flashedAt={flashed} now={now} />
      </Cell>
      <Cell col={3}>
        {row.assigneeId === null ? (
          <span className="muted">{STRINGS.table.unassigned}</span>
        ) : (
          names.agent(row.assigneeId)
        )}
        <MyPart row={row} meId={ctx?.me.id ?? null} />
      </Cell>
      <Cell col={4}>{names.channel(row.channelId)}</Cell>
      <DateCell col={5} at={row.createdAt} now={now} />
      <DateCell col={6} at={row.scheduledAt} now={now} />
      <Cell col={7}>
        <ExpiresCell row={row} />
      </Cell>
      <Cell col={8} title={row.pending?.error?.message ?? (row.comments || undefined)}>
        {row.pending?.state === 'rejected' ? (
          <span className="error-text">{STRINGS.pending.rejectedHint(row.pending.error?.message ?? '')}</span>
        ) : (
          row.comments
        )}
      </Cell>
      <Cell col={9}>
        {ctx ? <ConnectCell row={row} ctx={ctx} active={active} connecting={connecting} /> : null}
      </Cell>
      <Cell col={10}>
        {ctx && !local ? <RowActionsMenu row={row} ctx={ctx} active={active} open={menuOpen} /> : null}
      </Cell>
    </div>
  );
});
