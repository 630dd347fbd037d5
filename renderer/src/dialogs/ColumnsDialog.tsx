/**
 * Columns…: which columns the table shows and in what order, by keyboard as well as by mouse — a
 * checkbox per column and Up / Down buttons to move it. Each change shows at once and is kept in the
 * agent's settings. The recipient is always shown; Connect and the row's menu always end the row.
 */
import { useEffect, useId, useRef } from 'react';
import type { TableColumn } from '@shared/ipc/settings';
import { Dialog } from '../components/Dialog';
import { useTranslator } from '../i18n/translation';
import { useApp, useAppStore } from '../store/context';
import { columnOrder, DEFAULT_COLUMNS, isShown, moveColumn, setShown } from '../table/column-layout';

type Direction = 'up' | 'down';

export function ColumnsDialog() {
  const store = useAppStore();
  const setting = useApp((s) => s.settings?.values.tableColumns ?? DEFAULT_COLUMNS);
  const introId = useId();
  const list = useRef<HTMLOListElement>(null);
  /** After a move, the button to give focus back to (the moved column's, or its other one at an end). */
  const refocus = useRef<{ key: TableColumn; direction: Direction } | null>(null);
  const t = useTranslator();
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
    <Dialog title={t.t('columnsDialog.title')} onClose={close} describedBy={introId}>
      <p id={introId}>{t.t('columnsDialog.intro')}</p>
      <ol className="column-choices" aria-label={t.t('columnsDialog.list')} ref={list}>
        {order.map((key, index) => {
          const label = t.t(`table.columns.${key}`);
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
                {always ? <span className="muted"> — {t.t('columnsDialog.alwaysShown')}</span> : null}
              </label>
              <button
                type="button"
                className="button small"
                aria-label={t.t('columnsDialog.moveUp', { column: label })}
                data-move={`${key}:up`}
                disabled={index === 0}
                onClick={() => move(key, 'up')}
              >
                {t.t('columnsDialog.up')}
              </button>
              <button
                type="button"
                className="button small"
                aria-label={t.t('columnsDialog.moveDown', { column: label })}
                data-move={`${key}:down`}
                disabled={index === order.length - 1}
                onClick={() => move(key, 'down')}
              >
                {t.t('columnsDialog.down')}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => change(DEFAULT_COLUMNS)}>
          {t.t('columnsDialog.reset')}
        </button>
        <button type="button" className="button primary" onClick={close}>
          {t.t('columnsDialog.done')}
        </button>
      </div>
    </Dialog>
  );
}
