import { useMemo, useState, type ReactNode } from 'react';
import { exportFileName, toCsv } from '../shaping/csv';
import { compareValues } from '../shaping/sort';
import { EmptyState } from './states';
import { Icon } from './icons';

export interface Column<T> {
  key: string;
  header: string;
  /** The value sorted on and exported; also shown when there is no cell renderer. */
  value: (row: T) => string | number | boolean | null | undefined;
  cell?: (row: T) => ReactNode;
  align?: 'left' | 'right';
  className?: string;
  sortable?: boolean;
}

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  onRowClick?: (row: T) => void;
  /** Names the CSV export; the table gets an export button when given. */
  exportName?: string;
  initialSort?: { key: string; descending: boolean };
  emptyTitle?: string;
  emptyText?: ReactNode;
  /** Sorting happens on the server (the header click is reported instead of reordering rows). */
  onSort?: (key: string, descending: boolean) => void;
  sort?: { key: string; descending: boolean };
  maxHeight?: number;
  testId?: string;
  caption?: string;
  /** Extra attributes of a row's <tr> (data-* for tests, a className to mark it). */
  rowAttributes?: (row: T) => Record<string, string | number | undefined>;
}

/** Downloads text as a file in the browser. */
export function download(text: string | Blob, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const blob = typeof text === 'string' ? new Blob([text], { type }) : text;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A sortable table whose rows can be exported as CSV exactly as sorted. */
export function DataTable<T>(props: DataTableProps<T>) {
  const {
    columns,
    rows,
    rowKey,
    onRowClick,
    exportName,
    emptyTitle,
    emptyText,
    maxHeight,
    testId,
    caption,
    rowAttributes,
  } = props;
  const [localSort, setLocalSort] = useState(props.initialSort ?? null);
  const sort = props.sort ?? localSort;
  const sorted = useMemo(() => {
    if (!sort || props.onSort) return rows;
    const column = columns.find((c) => c.key === sort.key);
    if (!column) return rows;
    return [...rows].sort((a, b) => compareValues(column.value(a), column.value(b), sort.descending));
  }, [rows, columns, sort, props.onSort]);

  const toggle = (key: string) => {
    const descending = sort?.key === key ? !sort.descending : true;
    if (props.onSort) props.onSort(key, descending);
    else setLocalSort({ key, descending });
  };

  const exportCsv = () =>
    download(
      toCsv(
        sorted,
        columns.map((c) => ({ header: c.header, value: c.value })),
      ),
      exportFileName(exportName ?? 'table', 'csv'),
    );

  if (rows.length === 0) {
    return <EmptyState title={emptyTitle ?? 'No rows'}>{emptyText}</EmptyState>;
  }
  return (
    <div data-testid={testId}>
      {exportName && (
        <div className="row" style={{ justifyContent: 'flex-end', padding: '6px 10px 0' }}>
          <button className="button small" onClick={exportCsv} title="Export these rows as CSV">
            <Icon name="download" size={14} /> CSV
          </button>
        </div>
      )}
      <div className="table-wrap" style={maxHeight ? { maxHeight, overflowY: 'auto' } : undefined}>
        <table className="data">
          {caption && <caption className="sr-only">{caption}</caption>}
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  className={c.align === 'right' ? 'num' : undefined}
                  aria-sort={sort?.key === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  {c.sortable === false ? (
                    c.header
                  ) : (
                    <button onClick={() => toggle(c.key)}>
                      {c.header}
                      {sort?.key === c.key ? (sort.descending ? ' ↓' : ' ↑') : ''}
                    </button>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => {
              const { className, ...attributes } = rowAttributes?.(row) ?? {};
              return (
                <tr
                  key={rowKey(row)}
                  {...attributes}
                  className={[onRowClick ? 'clickable' : '', className ?? ''].join(' ').trim() || undefined}
                  onClick={onRowClick ? () => onRowClick(row) : undefined}
                  tabIndex={onRowClick ? 0 : undefined}
                  onKeyDown={
                    onRowClick
                      ? (e) => {
                          if (e.key === 'Enter') onRowClick(row);
                        }
                      : undefined
                  }
                >
                  {columns.map((c) => (
                    <td
                      key={c.key}
                      className={[c.align === 'right' ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}
                    >
                      {c.cell ? c.cell(row) : formatCell(c.value(row))}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function formatCell(value: unknown): ReactNode {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
