import type { PlanJson, PlanNodeJson } from '../api/types';

/** One node of a plan as the tree view draws it. */
export interface PlanNode {
  id: string;
  nodeType: string;
  /** "schema.table alias", "index name", or "" — what the node reads. */
  target: string;
  joinType: string | null;
  parentRelationship: string | null;
  totalCost: number;
  startupCost: number;
  rows: number;
  width: number;
  actualMs: number | null;
  actualRows: number | null;
  loops: number | null;
  /** Cost of this node alone: its total less its children's totals (never negative). */
  exclusiveCost: number;
  /** exclusiveCost as a share of the root's total cost, 0..1. */
  share: number;
  /** Conditions and keys worth reading: [label, text]. */
  details: [string, string][];
  children: PlanNode[];
}

const DETAIL_KEYS: [string, string][] = [
  ['Index Cond', 'index cond'],
  ['Recheck Cond', 'recheck'],
  ['Hash Cond', 'hash cond'],
  ['Merge Cond', 'merge cond'],
  ['Join Filter', 'join filter'],
  ['Filter', 'filter'],
  ['Sort Key', 'sort key'],
  ['Group Key', 'group key'],
  ['Strategy', 'strategy'],
];

/** The tree of an EXPLAIN (FORMAT JSON) answer, or null when it holds no plan. */
export function planTree(plan: PlanJson | null | undefined): PlanNode | null {
  const root = plan?.[0]?.Plan;
  if (!root) return null;
  const rootCost = num(root['Total Cost']);
  return convert(root, '0', rootCost);
}

function convert(node: PlanNodeJson, id: string, rootCost: number): PlanNode {
  const children = (node.Plans ?? []).map((child, i) => convert(child, `${id}.${i}`, rootCost));
  const totalCost = num(node['Total Cost']);
  // a subplan or init plan runs apart from its parent's cost accounting: only ordinary children are subtracted
  const childCost = children
    .filter((c) => c.parentRelationship !== 'InitPlan' && c.parentRelationship !== 'SubPlan')
    .reduce((sum, c) => sum + c.totalCost, 0);
  const exclusiveCost = Math.max(0, totalCost - childCost);
  return {
    id,
    nodeType: node['Node Type'],
    target: target(node),
    joinType: str(node['Join Type']),
    parentRelationship: str(node['Parent Relationship']),
    totalCost,
    startupCost: num(node['Startup Cost']),
    rows: num(node['Plan Rows']),
    width: num(node['Plan Width']),
    actualMs: optionalNum(node['Actual Total Time']),
    actualRows: optionalNum(node['Actual Rows']),
    loops: optionalNum(node['Actual Loops']),
    exclusiveCost,
    share: rootCost > 0 ? exclusiveCost / rootCost : 0,
    details: DETAIL_KEYS.flatMap(([key, label]) => {
      const value = node[key];
      if (value === undefined || value === null) return [];
      return [[label, Array.isArray(value) ? value.join(', ') : String(value)] as [string, string]];
    }),
    children,
  };
}

function target(node: PlanNodeJson): string {
  const relation = node['Relation Name'];
  const parts: string[] = [];
  if (relation) {
    const qualified = node.Schema ? `${node.Schema}.${relation}` : relation;
    parts.push(node.Alias && node.Alias !== relation ? `${qualified} ${node.Alias}` : qualified);
  }
  if (node['Index Name']) parts.push(`using ${node['Index Name']}`);
  return parts.join(' ');
}

/** Every node of the tree, depth first. */
export function flatten(node: PlanNode | null): PlanNode[] {
  return node ? [node, ...node.children.flatMap(flatten)] : [];
}

/** What a reader should look at first: the scans of whole tables, and the node that costs most on its own. */
export function planFindings(root: PlanNode | null): string[] {
  const nodes = flatten(root);
  if (nodes.length === 0) return [];
  const findings: string[] = [];
  const seqScans = nodes.filter((n) => n.nodeType === 'Seq Scan');
  for (const scan of seqScans.filter((s) => s.share >= 0.2)) {
    findings.push(`Sequential scan of ${scan.target} carries ${Math.round(scan.share * 100)} % of the estimated cost`);
  }
  const hottest = nodes.reduce((a, b) => (b.exclusiveCost > a.exclusiveCost ? b : a));
  if (!seqScans.includes(hottest) && hottest.share >= 0.3) {
    findings.push(
      `${hottest.nodeType}${hottest.target ? ` on ${hottest.target}` : ''} carries ${Math.round(hottest.share * 100)} % of the estimated cost`,
    );
  }
  return findings;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function optionalNum(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
