/**
 * The column headers, as the layout fits them: sortable ones are buttons (aria-sort says how the table
 * is sorted), and each of the agent's columns has a handle to resize it.
 */
import type { TableColumn } from '@shared/ipc/settings';
import { useTranslator } from '../i18n/translation';
import { useApp, useAppStore } from '../store/context';
import { resizeColumn, widthLimits, DEFAULT_COLUMNS, type TableLayout } from './column-layout';
import { ColumnResizer } from './ColumnResizer';
import { COLUMN_SPECS, type ColumnKey } from './columns';

function isTableColumn(key: ColumnKey): key is TableColumn {
  return key in COLUMN_SPECS;
}

export function HeaderRow({ layout }: { layout: TableLayout }) {
  const store = useAppStore();
  const t = useTranslator();
  const sort = useApp((s) => s.query.sort);
  const resize = (key: TableColumn, width: number, save: boolean) => {
    const setting = store.getState().settings?.values.tableColumns ?? DEFAULT_COLUMNS;
    void store.getState().setTableColumns(resizeColumn(setting, key, width), save);
  };
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
        {layout.columns.map(({ key, width }, index) => {
          const label = t.t(`table.columns.${key}`);
          const column = isTableColumn(key) ? key : null;
          const sortBy = column === null ? null : COLUMN_SPECS[column].sort;
          const sorted = sortBy !== null && sort.column === sortBy;
          const ariaSort = sorted
            ? sort.direction === 'asc'
              ? 'ascending'
              : 'descending'
            : sortBy
              ? 'none'
              : undefined;
          return (
            <div
              key={key}
              role="columnheader"
              aria-colindex={index + 1}
              aria-sort={ariaSort}
              className={`cell col-${key}`}
            >
              {sortBy ? (
                <button
                  type="button"
                  className="sort-button"
                  title={t.t('table.sortBy', { column: label })}
                  onClick={() => store.getState().setSort(sortBy)}
                >
                  <span className="sort-label">{label}</span>
                  <span className="sort-mark" aria-hidden="true">
                    {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              ) : key === 'actions' ? (
                <span className="visually-hidden">{label}</span>
              ) : (
                // Its whole name where a long translation is cut short (the sort button's title says it).
                <span className="header-label" title={label}>
                  {label}
                </span>
              )}
              {column ? (
                <ColumnResizer
                  label={label}
                  width={width}
                  {...widthLimits(column)}
                  onResize={(next, save) => resize(column, next, save)}
                />
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
