import { useEffect, useState } from 'react';
import { formatAgo, formatDateTime } from '../shaping/format';

/** "updated 12 s ago", ticking once a second, with the exact time on hover. */
export function LastUpdated({ at, label = 'updated' }: { at: number | null | undefined; label?: string }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
  if (!at) return null;
  return (
    <span
      className="muted nowrap"
      style={{ fontSize: 12 }}
      title={formatDateTime(new Date(at).toISOString())}
      data-testid="last-updated"
    >
      {label} {formatAgo(at)}
    </span>
  );
}
