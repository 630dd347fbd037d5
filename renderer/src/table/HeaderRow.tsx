/** The column headers; sortable ones are buttons, and aria-sort says how the table is sorted. */
import { useApp, useAppStore } from '../store/context';
import { STRINGS } from '../strings';
import { COLUMNS } from './columns';

export function HeaderRow() {
  const store = useAppStore();
  const sort = useApp((s) => s.query.sort);
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
        {COLUMNS.map((column, index) => {
          const label = STRINGS.table.columns[column.key];
          const sorted = column.sort !== null && sort.column === column.sort;
          const ariaSort = sorted
            ? sort.direction === 'asc'
              ? 'ascending'
              : 'descending'
            : column.sort
              ? 'none'
              : undefined;
          return (
            <div
              key={column.key}
              role="columnheader"
              aria-colindex={index + 1}
              aria-sort={ariaSort}
              className={`cell col-${column.key}`}
            >
              {column.sort ? (
                <button
                  type="button"
                  className="sort-button"
                  title={STRINGS.table.sortBy(label)}
                  onClick={() => store.getState().setSort(column.sort!)}
                >
                  {label}
                  <span className="sort-mark" aria-hidden="true">
                    {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              ) : column.key === 'actions' ? (
                <span className="visually-hidden">{label}</span>
              ) : (
                label
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
