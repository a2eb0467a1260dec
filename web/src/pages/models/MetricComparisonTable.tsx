import type { MetricComparison } from '../../shaping/models';
import { formatMetric } from '../../shaping/models';

const ROLE_LABEL = { model: 'model', baseline: 'baseline', serving: 'serving then' } as const;

/**
 * A model's test metrics side by side with its baselines' (and the model that served when it was tested); the best
 * value of each judged row is marked.
 */
export function MetricComparisonTable({
  comparison,
  showTitle = true,
}: {
  comparison: MetricComparison;
  showTitle?: boolean;
}) {
  if (comparison.rows.length === 0) return null;
  return (
    <div className="metric-compare">
      {showTitle && <h3 className="muted">{comparison.title}</h3>}
      <div className="table-wrap">
        <table className="data compact">
          <thead>
            <tr>
              <th>metric</th>
              {comparison.columns.map((c) => (
                <th key={c.key} className={`num col-${c.role}`}>
                  {c.label}
                  <span className="col-role">{ROLE_LABEL[c.role]}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((r) => (
              <tr key={r.key}>
                <td className="nowrap" title={r.better ? `${r.better} is better` : undefined}>
                  {r.label}
                </td>
                {r.values.map((v, i) => (
                  <td
                    key={comparison.columns[i].key}
                    className={`num nowrap col-${comparison.columns[i].role}${i === r.best ? ' best' : ''}`}
                    title={i === r.best ? 'best of the row' : undefined}
                  >
                    {formatMetric(v, r.format)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
