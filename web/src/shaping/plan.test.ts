import { describe, expect, it } from 'vitest';
import { flatten, planFindings, planTree } from './plan';
import type { PlanJson } from '../api/types';

const explain: PlanJson = [
  {
    Plan: {
      'Node Type': 'Limit',
      'Startup Cost': 1200,
      'Total Cost': 1250,
      'Plan Rows': 25,
      'Plan Width': 40,
      Plans: [
        {
          'Node Type': 'Sort',
          'Parent Relationship': 'Outer',
          'Startup Cost': 1200,
          'Total Cost': 1240,
          'Plan Rows': 900,
          'Plan Width': 40,
          'Sort Key': ['s.total_amount DESC'],
          Plans: [
            {
              'Node Type': 'Hash Join',
              'Parent Relationship': 'Outer',
              'Join Type': 'Inner',
              'Total Cost': 1100,
              'Plan Rows': 900,
              'Plan Width': 40,
              'Hash Cond': '(s.product_id = p.product_id)',
              Plans: [
                {
                  'Node Type': 'Seq Scan',
                  'Parent Relationship': 'Outer',
                  'Relation Name': 'sales_cleaned',
                  Schema: 'silver',
                  Alias: 's',
                  'Total Cost': 1000,
                  'Plan Rows': 900,
                  'Plan Width': 20,
                  Filter: '(customer_id = 42)',
                },
                {
                  'Node Type': 'Hash',
                  'Parent Relationship': 'Inner',
                  'Total Cost': 30,
                  'Plan Rows': 100,
                  'Plan Width': 20,
                  Plans: [
                    {
                      'Node Type': 'Index Scan',
                      'Parent Relationship': 'Outer',
                      'Relation Name': 'product_cleaned',
                      Schema: 'silver',
                      Alias: 'p',
                      'Index Name': 'product_cleaned_pkey',
                      'Total Cost': 25,
                      'Plan Rows': 100,
                      'Plan Width': 20,
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  },
];

describe('planTree', () => {
  const root = planTree(explain)!;

  it('keeps the shape and names what each node reads', () => {
    expect(flatten(root).map((n) => n.nodeType)).toEqual([
      'Limit',
      'Sort',
      'Hash Join',
      'Seq Scan',
      'Hash',
      'Index Scan',
    ]);
    const index = flatten(root).find((n) => n.nodeType === 'Index Scan')!;
    expect(index.target).toBe('silver.product_cleaned p using product_cleaned_pkey');
    expect(index.id).toBe('0.0.0.1.0');
  });

  it("computes each node's own cost and its share of the total", () => {
    const byType = Object.fromEntries(flatten(root).map((n) => [n.nodeType, n]));
    expect(byType['Hash Join'].exclusiveCost).toBe(70); // 1100 - 1000 - 30
    expect(byType['Seq Scan'].share).toBeCloseTo(0.8);
    expect(byType['Limit'].exclusiveCost).toBe(10);
  });

  it('lists the conditions', () => {
    const scan = flatten(root).find((n) => n.nodeType === 'Seq Scan')!;
    expect(scan.details).toEqual([['filter', '(customer_id = 42)']]);
    expect(flatten(root).find((n) => n.nodeType === 'Sort')!.details).toEqual([['sort key', 's.total_amount DESC']]);
  });

  it('answers null without a plan', () => {
    expect(planTree(null)).toBeNull();
    expect(planTree([] as unknown as PlanJson)).toBeNull();
  });

  it('does not subtract init plans from their parent', () => {
    const tree = planTree([
      {
        Plan: {
          'Node Type': 'Result',
          'Total Cost': 10,
          Plans: [{ 'Node Type': 'Aggregate', 'Parent Relationship': 'InitPlan', 'Total Cost': 8 }],
        },
      },
    ])!;
    expect(tree.exclusiveCost).toBe(10);
  });
});

describe('planFindings', () => {
  it('points at the expensive sequential scan', () => {
    expect(planFindings(planTree(explain))).toEqual([
      'Sequential scan of silver.sales_cleaned s carries 80 % of the estimated cost',
    ]);
  });
});
