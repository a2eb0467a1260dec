import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { describeError } from '../api/client';

export function Skeleton({
  height = 16,
  width,
  lines = 1,
}: {
  height?: number;
  width?: number | string;
  lines?: number;
}) {
  return (
    <div className="stack" aria-busy="true" aria-label="Loading">
      {Array.from({ length: lines }, (_, i) => (
        <div
          key={i}
          className="skeleton"
          style={{ height, width: width ?? (lines > 1 && i === lines - 1 ? '60%' : '100%') }}
        />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="notice" role="alert">
      <span>{describeError(error)}</span>
      {onRetry && (
        <button className="button small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export interface LoadableProps<T> {
  query: Pick<UseQueryResult<T>, 'data' | 'error' | 'isPending' | 'refetch'>;
  /** What shows while the first answer is on its way. */
  skeleton?: ReactNode;
  /** When true for the data, the empty state shows instead of the children. */
  isEmpty?: (data: T) => boolean;
  emptyTitle?: string;
  emptyText?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * The four states of server data in one place: a skeleton while loading, a readable error with a retry, an empty
 * state that says why, or the content. Data already shown stays while a refetch fails (the error shows above it).
 */
export function Loadable<T>({
  query,
  skeleton,
  isEmpty,
  emptyTitle = 'Nothing yet',
  emptyText,
  children,
}: LoadableProps<T>) {
  if (query.data === undefined) {
    if (query.error) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
    return <>{skeleton ?? <Skeleton lines={3} />}</>;
  }
  const content = isEmpty?.(query.data) ? (
    <EmptyState title={emptyTitle}>{emptyText}</EmptyState>
  ) : (
    children(query.data)
  );
  return (
    <>
      {query.error ? <ErrorNotice error={query.error} onRetry={() => void query.refetch()} /> : null}
      {content}
    </>
  );
}

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral';

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge ${tone === 'neutral' ? '' : tone}`} title={title}>
      {children}
    </span>
  );
}
