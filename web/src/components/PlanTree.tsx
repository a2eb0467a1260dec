import type { PlanJson } from '../api/types';
import { planFindings, planTree, type PlanNode } from '../shaping/plan';
import { formatCompact, formatMs, formatNumber } from '../shaping/format';
import { EmptyState } from './states';

/** An EXPLAIN plan drawn as a tree: each node with what it reads, its estimates and a bar of its own share of the cost. */
export function PlanTree({ plan }: { plan: PlanJson | null | undefined }) {
  const root = planTree(plan);
  if (!root) {
    return (
      <EmptyState title="No plan captured">
        The plan sampler captures a fingerprint's plan on its first run and refreshes it now and then.
      </EmptyState>
    );
  }
  const findings = planFindings(root);
  return (
    <div className="plan" data-testid="plan-tree">
      {findings.length > 0 && (
        <div className="notice warn" style={{ marginBottom: 10 }}>
          <span>{findings.join('; ')}</span>
        </div>
      )}
      <ul>
        <Node node={root} />
      </ul>
    </div>
  );
}

function Node({ node }: { node: PlanNode }) {
  const heat = node.share >= 0.5 ? 'hot' : node.share >= 0.2 ? 'warm' : '';
  return (
    <li>
      <div className={`plan-node ${heat}`}>
        <div className="title">
          <span>
            {node.joinType && !node.nodeType.includes(node.joinType)
              ? `${node.nodeType} (${node.joinType})`
              : node.nodeType}
          </span>
          {node.target && <span className="mono muted">{node.target}</span>}
        </div>
        <div className="meta">
          <span title="estimated total cost (startup..total)">
            cost {formatNumber(node.startupCost, 1)}..{formatNumber(node.totalCost, 1)}
          </span>
          <span title="estimated rows">rows {formatCompact(node.rows)}</span>
          <span title="this node's own share of the total cost">own {Math.round(node.share * 100)} %</span>
          {node.actualMs !== null && (
            <span>
              actual {formatMs(node.actualMs)} × {node.loops ?? 1}
            </span>
          )}
          {node.actualRows !== null && <span>actual rows {formatCompact(node.actualRows)}</span>}
        </div>
        {node.details.map(([label, text]) => (
          <div className="cond" key={label}>
            <span className="muted">{label}:</span> {text}
          </div>
        ))}
        <div className="bar" style={{ width: `${Math.max(2, Math.round(node.share * 100))}%` }} />
      </div>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <Node key={c.id} node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}
