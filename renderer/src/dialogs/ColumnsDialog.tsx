/**
 * Columns…: which columns the table shows and in what order, by keyboard as well as by mouse — a
 * checkbox per column and Up / Down buttons to move it. Each change shows at once and is kept in the
 * agent's settings. The recipient is always shown; Connect and the row's menu always end the row.
 */
import { useEffect, useId, useRef } from 'react';
import type { TableColumn } from '@shared/ipc/settings';
import { Dialog } from '../components/Dialog';
import { useApp, useAppStore } from '../store/context';
import { STRINGS } from '../strings';
import { columnOrder, DEFAULT_COLUMNS, isShown, moveColumn, setShown } from '../table/column-layout';

type Direction = 'up' | 'down';

export function ColumnsDialog() {
  const store = useAppStore();
  const setting = useApp((s) => s.settings?.values.tableColumns ?? DEFAULT_COLUMNS);
  const introId = useId();
  const list = useRef<HTMLOListElement>(null);
  /** After a move, the button to give focus back to (the moved column's, or its other one at an end). */
  const refocus = useRef<{ key: TableColumn; direction: Direction } | null>(null);
  const t = STRINGS.columnsDialog;
  const order = columnOrder(setting);
  const close = () => store.getState().closeDialog();
  const change = (next: typeof setting) => void store.getState().setTableColumns(next);

  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted || !list.current) return;
    refocus.current = null;
    const button = (direction: Direction) =>
      list.current!.querySelector<HTMLButtonElement>(`[data-move="${wanted.key}:${direction}"]`);
    const same = button(wanted.direction);
    (same && !same.disabled ? same : button(wanted.direction === 'up' ? 'down' : 'up'))?.focus();
  });

  const move = (key: TableColumn, direction: Direction) => {
    refocus.current = { key, direction };
    change(moveColumn(setting, key, direction === 'up' ? -1 : 1));
  };

  return (
    <Dialog title={t.title} onClose={close} describedBy={introId}>
      <p id={introId}>{t.intro}</p>
      <ol className="column-choices" aria-label={t.list} ref={list}>
        {order.map((key, index) => {
          const label = STRINGS.table.columns[key];
          const always = key === 'recipientName';
          return (
            <li key={key} className="column-choice">
              <label className="column-choice-label">
                <input
                  type="checkbox"
                  checked={isShown(setting, key)}
                  disabled={always}
                  onChange={(event) => change(setShown(setting, key, event.target.checked))}
                  {...(index === 0 ? { 'data-autofocus': true } : {})}
                />
                {label}
                {always ? <span className="muted"> — {t.alwaysShown}</span> : null}
              </label>
              <button
                type="button"
                className="button small"
                aria-label={t.moveUp(label)}
                data-move={`${key}:up`}
                disabled={index === 0}
                onClick={() => move(key, 'up')}
              >
                {t.up}
              </button>
              <button
                type="button"
                className="button small"
                aria-label={t.moveDown(label)}
                data-move={`${key}:down`}
                disabled={index === order.length - 1}
                onClick={() => move(key, 'down')}
              >
                {t.down}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => change(DEFAULT_COLUMNS)}>
          {t.reset}
        </button>
        <button type="button" className="button primary" onClick={close}>
          {t.done}
        </button>
      </div>
    </Dialog>
  );
}
