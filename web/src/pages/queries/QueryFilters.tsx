import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { Segmented } from '../../components/Drawer';
import { Icon } from '../../components/icons';
import { TIME_RANGES } from '../../shaping/series';
import {
  filterChips,
  fromLocalInput,
  hasFilters,
  removeChip,
  STATUSES,
  toLocalInput,
  type QueriesView,
  type RangeChoice,
} from './filters';

export type UpdateView = (patch: Partial<QueriesView>, options?: { replace?: boolean }) => void;

const RANGE_OPTIONS: { key: RangeChoice | 'any'; label: string }[] = [
  { key: 'any', label: 'Any time' },
  ...TIME_RANGES.map((r) => ({ key: r.key, label: r.label })),
  { key: 'custom', label: 'Custom' },
];

/**
 * The filters of the whole page. Typed values reach the URL (and the server) after a short pause or on Enter, so a
 * search does not fire a request per keystroke; choices apply at once.
 */
export function QueryFilters({
  view,
  update,
  onClear,
  tables,
}: {
  view: QueriesView;
  update: UpdateView;
  onClear: () => void;
  tables: string[];
}) {
  const chips = filterChips(view);
  return (
    <section
      className="card queries-filters"
      data-testid="queries-filters"
      role="search"
      aria-label="Filter the executions"
    >
      <div className="qf-row">
        <label className="field qf-text">
          <span>SQL contains</span>
          <DraftInput
            type="search"
            value={view.text}
            onCommit={(text) => update({ text }, { replace: true })}
            placeholder="e.g. customer_360, sum(, ORDER BY"
            data-testid="filter-text"
          />
        </label>
        <label className="field">
          <span>Status</span>
          <select
            value={view.status}
            data-testid="filter-status"
            onChange={(e) => update({ status: e.target.value as QueriesView['status'] })}
          >
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <span>Duration (ms)</span>
          <div className="qf-pair">
            <DraftInput
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              value={view.minMs === null ? '' : String(view.minMs)}
              onCommit={(v) => update({ minMs: parseMs(v) }, { replace: true })}
              placeholder="min"
              aria-label="Minimum duration in ms"
              data-testid="filter-min-ms"
            />
            <span className="muted">–</span>
            <DraftInput
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              value={view.maxMs === null ? '' : String(view.maxMs)}
              onCommit={(v) => update({ maxMs: parseMs(v) }, { replace: true })}
              placeholder="max"
              aria-label="Maximum duration in ms"
              data-testid="filter-max-ms"
            />
          </div>
        </div>
        <label className="field">
          <span>Table</span>
          <DraftInput
            value={view.table}
            onCommit={(table) => update({ table }, { replace: true })}
            list="queries-tables"
            placeholder="schema.table"
            data-testid="filter-table"
          />
          <datalist id="queries-tables">
            {tables.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>User</span>
          <DraftInput
            value={view.user}
            onCommit={(user) => update({ user }, { replace: true })}
            placeholder="user id"
            data-testid="filter-user"
          />
        </label>
        <label className="field qf-fingerprint">
          <span>Fingerprint</span>
          <DraftInput
            value={view.fingerprint}
            onCommit={(fingerprint) => update({ fingerprint }, { replace: true })}
            placeholder="16 hex digits"
            className="mono"
            data-testid="filter-fingerprint"
          />
        </label>
      </div>
      <div className="qf-row qf-bottom">
        <Segmented
          label="Time range"
          value={view.range === '' ? 'any' : view.range}
          onChange={(key) => update({ range: key === 'any' ? '' : key })}
          options={RANGE_OPTIONS}
        />
        {view.range === 'custom' && (
          <div className="qf-pair" data-testid="filter-custom-range">
            <input
              type="datetime-local"
              aria-label="From"
              value={toLocalInput(view.from)}
              data-testid="filter-from"
              onChange={(e) => update({ range: 'custom', from: fromLocalInput(e.target.value) }, { replace: true })}
            />
            <span className="muted">→</span>
            <input
              type="datetime-local"
              aria-label="To"
              value={toLocalInput(view.to)}
              data-testid="filter-to"
              onChange={(e) => update({ range: 'custom', to: fromLocalInput(e.target.value) }, { replace: true })}
            />
          </div>
        )}
        <div className="qf-chips" aria-label="Active filters">
          {chips.map((c) => (
            <button
              key={c.label}
              type="button"
              className="chip"
              title="Remove this filter"
              onClick={() => update(removeChip(c.keys))}
            >
              {c.label} <Icon name="close" size={12} />
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button small"
          onClick={onClear}
          disabled={!hasFilters(view)}
          data-testid="filter-clear"
        >
          Clear all
        </button>
      </div>
    </section>
  );
}

function parseMs(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * An input that keeps what is being typed to itself and hands it on 400 ms after the last keystroke, on Enter or
 * when left; it takes the outside value again when that changes (a chip removed, "clear all", back button).
 */
function DraftInput({
  value,
  onCommit,
  ...rest
}: { value: string; onCommit: (value: string) => void } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
> & { 'data-testid'?: string }) {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);
  const commitRef = useRef(onCommit);
  commitRef.current = onCommit;

  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);

  const flush = (text: string) => {
    if (text.trim() === committed.current.trim()) return;
    committed.current = text;
    commitRef.current(text);
  };

  useEffect(() => {
    if (draft === committed.current) return undefined;
    const timer = window.setTimeout(() => flush(draft), 400);
    return () => window.clearTimeout(timer);
  }, [draft]);

  return (
    <input
      {...rest}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => flush(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') flush(draft);
      }}
    />
  );
}
