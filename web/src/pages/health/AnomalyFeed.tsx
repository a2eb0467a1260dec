import { Link } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import type { Anomaly } from '../../api/types';
import { useFeed, useFeedLive } from '../../live/LiveFeedProvider';
import { Card } from '../../components/Card';
import { DataTable } from '../../components/DataTable';
import { Badge, Loadable, Skeleton, type Tone } from '../../components/states';
import { formatAgo, formatDateTime, formatNumber, formatTime } from '../../shaping/format';
import { ANOMALY_KINDS, anomalyFactor, anomalyValue } from './shaping';
import { useAcknowledge } from './useAcknowledge';
import { useWorkloadNow } from '../../live/workloadClock';
import { useUrlParams } from '../../urlParams';
import { FilterSelect } from '../../components/FilterSelect';

const PAGE_SIZE = 25;

const SEVERITY_TONE: Record<Anomaly['severity'], Tone> = { high: 'bad', medium: 'warn', low: 'info' };

/** What the anomaly watcher flagged, newest first, live; each can be acknowledged by whoever looked into it. */
export function AnomalyFeed() {
  const [params, set] = useUrlParams();
  const severity = params.get('severity') ?? '';
  const kind = params.get('kind') ?? '';
  const ack = params.get('ack') ?? '';
  const page = Math.max(0, Number(params.get('apage')) || 0);
  const filter = (key: string, value: string) => set({ [key]: value, apage: null });

  const live = useFeedLive();
  const queryClient = useQueryClient();
  // keep the rows on screen while another page or filter loads (no skeleton flash on every new anomaly)
  const anomalies = useQuery({
    queryKey: ['anomalies', { severity, kind, ack, page }],
    queryFn: ({ signal }) =>
      endpoints.anomalies(
        {
          severity: severity || undefined,
          kind: kind || undefined,
          acknowledged: ack === '' ? undefined : ack === 'true',
          page,
          size: PAGE_SIZE,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 60_000 : 5_000,
  });
  useFeed(['anomaly'], () => void queryClient.invalidateQueries({ queryKey: ['anomalies'] }));
  const acknowledge = useAcknowledge();
  const now = useWorkloadNow()();

  const total = anomalies.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(severity || kind || ack);
  return (
    <Card
      title="Anomalies"
      flush
      testId="anomaly-feed"
      actions={
        <div className="toolbar">
          <FilterSelect
            label="Severity"
            anyLabel="every severity"
            value={severity}
            options={['high', 'medium', 'low']}
            onChange={(v) => filter('severity', v)}
            testId="anomaly-severity-filter"
          />
          <FilterSelect
            label="Kind"
            anyLabel="every kind"
            value={kind}
            options={[...new Set([...ANOMALY_KINDS, kind].filter(Boolean))]}
            format={(k) => k.replace(/_/g, ' ')}
            onChange={(v) => filter('kind', v)}
            testId="anomaly-kind-filter"
          />
          <FilterSelect
            label="Acknowledged"
            anyLabel="acknowledged or not"
            value={ack}
            options={['false', 'true']}
            format={(v) => (v === 'true' ? 'acknowledged' : 'open')}
            onChange={(v) => filter('ack', v)}
            testId="anomaly-ack-filter"
          />
        </div>
      }
      footer={
        anomalies.data &&
        total > 0 && (
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <span>
              {formatNumber(total, 0)} {filtered ? 'matching' : 'in all'} · times are workload time · live
            </span>
            <span className="row">
              <button
                className="button small"
                disabled={page === 0}
                onClick={() => set({ apage: page > 1 ? String(page - 1) : null })}
              >
                Newer
              </button>
              <span>
                page {page + 1} of {pages}
              </span>
              <button
                className="button small"
                disabled={page + 1 >= pages}
                onClick={() => set({ apage: String(page + 1) })}
              >
                Older
              </button>
            </span>
          </div>
        )
      }
    >
      <Loadable
        query={anomalies}
        skeleton={
          <div className="card-body">
            <Skeleton lines={6} height={20} />
          </div>
        }
      >
        {(d) => (
          <DataTable
            rows={d.items}
            rowKey={(a) => a.id}
            exportName="anomalies"
            maxHeight={560}
            initialSort={{ key: 'detected', descending: true }}
            emptyTitle={filtered ? 'No anomaly matches these filters' : 'No anomalies detected'}
            emptyText={
              filtered
                ? 'Widen the filters above.'
                : 'The anomaly watcher compares every execution and system sample with its recent norm once it has learned one; what departs from it appears here as it happens.'
            }
            rowAttributes={(a) => ({
              'data-testid': 'anomaly-row',
              'data-id': a.id,
              'data-acknowledged': String(a.acknowledged),
              className: a.acknowledged ? 'row-quiet' : a.severity === 'high' ? 'row-alert' : undefined,
            })}
            columns={[
              {
                key: 'detected',
                header: 'Detected',
                value: (a) => a.detectedAt,
                cell: (a) => (
                  <div className="nowrap" title={`${formatDateTime(a.detectedAt)} (workload time)`}>
                    <div className="mono">{formatTime(a.detectedAt)}</div>
                    <div className="muted text-sm">{formatAgo(a.detectedAt, now)}</div>
                  </div>
                ),
              },
              {
                key: 'severity',
                header: 'Severity · kind',
                value: (a) => ({ high: 3, medium: 2, low: 1 })[a.severity],
                cell: (a) => (
                  <div className="stack" style={{ gap: 3 }}>
                    <span>
                      <Badge tone={SEVERITY_TONE[a.severity]}>{a.severity}</Badge>
                    </span>
                    <span className="nowrap text-sm">{a.kind.replace(/_/g, ' ')}</span>
                  </div>
                ),
              },
              {
                key: 'description',
                header: 'What',
                value: (a) => a.description,
                cell: (a) => (
                  <div className="anomaly-what">
                    <div>{a.description}</div>
                    <div className="muted text-sm">
                      detector {a.detector}
                      {a.metric ? ` · ${a.metric}` : ''}
                      {a.score ? ` · score ${formatNumber(a.score, 1)}` : ''}
                    </div>
                  </div>
                ),
              },
              {
                key: 'observed',
                header: 'Observed vs expected',
                align: 'right',
                value: (a) => anomalyFactor(a) ?? a.observedValue,
                cell: (a) => (
                  <div className="nowrap">
                    <strong>{anomalyValue(a, a.observedValue)}</strong>
                    <span className="muted"> vs {anomalyValue(a, a.expectedValue)}</span>
                    {anomalyFactor(a) !== null && (
                      <div className="text-sm delta-bad">×{formatNumber(anomalyFactor(a), 1)}</div>
                    )}
                  </div>
                ),
              },
              {
                key: 'query',
                header: 'Query',
                value: (a) => a.fingerprint ?? a.queryId,
                sortable: false,
                cell: (a) => (
                  <div className="stack" style={{ gap: 2 }}>
                    {a.fingerprint && (
                      <Link
                        className="mono text-sm"
                        to={`/queries?fingerprint=${encodeURIComponent(a.fingerprint)}`}
                        title="Every execution of this fingerprint"
                      >
                        {a.fingerprint.slice(0, 12)}
                      </Link>
                    )}
                    {a.queryId !== null && (
                      <Link
                        className="text-sm nowrap"
                        to={`/queries/${a.queryId}`}
                        title="The execution that was flagged"
                      >
                        query #{a.queryId}
                      </Link>
                    )}
                    {!a.fingerprint && a.queryId === null && <span className="muted">–</span>}
                  </div>
                ),
              },
              {
                key: 'ack',
                header: 'Acknowledged',
                value: (a) => a.acknowledgedAt ?? (a.acknowledged ? 'yes' : ''),
                sortable: false,
                cell: (a) =>
                  a.acknowledged ? (
                    <span className="text-sm nowrap" title={formatDateTime(a.acknowledgedAt)}>
                      <span className="delta-good">✓</span> {a.acknowledgedBy ?? 'someone'} ·{' '}
                      {formatAgo(a.acknowledgedAt)}
                    </span>
                  ) : (
                    <button
                      className="button small"
                      data-testid="ack-button"
                      disabled={acknowledge.isPending && acknowledge.variables === a.id}
                      onClick={() => acknowledge.mutate(a.id)}
                      title="Mark as looked into: it no longer counts for the health score and the alerts"
                    >
                      {acknowledge.isPending && acknowledge.variables === a.id ? 'Acknowledging…' : 'Acknowledge'}
                    </button>
                  ),
              },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}
