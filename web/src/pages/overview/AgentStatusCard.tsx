import { Link } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useLiveQuery } from '../../api/live';
import { Card } from '../../components/Card';
import { Loadable } from '../../components/states';
import { formatAgo, truncate } from '../../shaping/format';
import { useWorkloadNow } from '../../live/workloadClock';

/** Each agent's state in words and its last decision. */
export function AgentStatusCard() {
  const workloadNow = useWorkloadNow(); // the agents decide on the workload clock
  const agents = useLiveQuery({
    queryKey: ['agents'],
    queryFn: ({ signal }) => endpoints.agents(signal),
    livePollMs: 15_000,
    invalidateOn: ['decision', 'anomaly', 'forecast', 'model'],
  });
  return (
    <Card title="Agents" flush testId="agent-status" actions={<Link to="/agents">Decision timeline →</Link>}>
      <Loadable
        query={agents}
        isEmpty={(d) => d.agents.length === 0}
        emptyTitle="No agents running"
        emptyText="The server was started without its agents."
      >
        {(d) => (
          <table className="data">
            <thead>
              <tr>
                <th>Agent</th>
                <th>State</th>
                <th>Last decision</th>
              </tr>
            </thead>
            <tbody>
              {d.agents.map((a) => (
                <tr key={a.agent} data-testid="agent-row">
                  <td className="nowrap">
                    <strong>{a.agent}</strong>
                  </td>
                  <td>{a.state}</td>
                  <td title={a.lastDecision ?? undefined}>
                    {a.lastDecision ? (
                      <>
                        {truncate(a.lastDecision, 90)}{' '}
                        <span className="muted nowrap">
                          · {formatAgo(a.lastDecisionAt, workloadNow())} (workload time)
                        </span>
                      </>
                    ) : (
                      <span className="muted">none yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loadable>
    </Card>
  );
}
