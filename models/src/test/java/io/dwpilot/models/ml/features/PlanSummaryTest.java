package io.dwpilot.models.ml.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlanSummaryTest {
    /** EXPLAIN (FORMAT JSON) of a two-table join with a parallel scan, a bitmap scan and an aggregate. */
    static final String JOIN_PLAN = """
            [
              {
                "Plan": {
                  "Node Type": "Sort",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Startup Cost": 25432.18,
                  "Total Cost": 25444.68,
                  "Plan Rows": 5000,
                  "Plan Width": 44,
                  "Sort Key": ["(sum(s.amount)) DESC"],
                  "Plans": [
                    {
                      "Node Type": "Aggregate",
                      "Strategy": "Hashed",
                      "Partial Mode": "Finalize",
                      "Parent Relationship": "Outer",
                      "Startup Cost": 24950.00,
                      "Total Cost": 25075.00,
                      "Plan Rows": 5000,
                      "Plan Width": 44,
                      "Group Key": ["c.region"],
                      "Plans": [
                        {
                          "Node Type": "Gather",
                          "Parent Relationship": "Outer",
                          "Startup Cost": 1000.42,
                          "Total Cost": 24800.00,
                          "Plan Rows": 30000,
                          "Plan Width": 44,
                          "Workers Planned": 2,
                          "Single Copy": false,
                          "Plans": [
                            {
                              "Node Type": "Hash Join",
                              "Parent Relationship": "Outer",
                              "Join Type": "Inner",
                              "Startup Cost": 0.42,
                              "Total Cost": 22800.00,
                              "Plan Rows": 12500,
                              "Plan Width": 44,
                              "Hash Cond": "(s.customer_id = c.customer_id)",
                              "Plans": [
                                {
                                  "Node Type": "Seq Scan",
                                  "Parent Relationship": "Outer",
                                  "Parallel Aware": true,
                                  "Relation Name": "sales_cleaned",
                                  "Schema": "silver",
                                  "Alias": "s",
                                  "Startup Cost": 0.00,
                                  "Total Cost": 18000.00,
                                  "Plan Rows": 416667,
                                  "Plan Width": 16
                                },
                                {
                                  "Node Type": "Hash",
                                  "Parent Relationship": "Inner",
                                  "Startup Cost": 120.00,
                                  "Total Cost": 120.00,
                                  "Plan Rows": 2000,
                                  "Plan Width": 36,
                                  "Plans": [
                                    {
                                      "Node Type": "Bitmap Heap Scan",
                                      "Parent Relationship": "Outer",
                                      "Relation Name": "customers_cleaned",
                                      "Alias": "c",
                                      "Startup Cost": 20.00,
                                      "Total Cost": 110.00,
                                      "Plan Rows": 2000,
                                      "Plan Width": 36,
                                      "Recheck Cond": "(signup_date >= '2024-01-01'::date)",
                                      "Plans": [
                                        {
                                          "Node Type": "Bitmap Index Scan",
                                          "Parent Relationship": "Outer",
                                          "Index Name": "customers_signup_idx",
                                          "Startup Cost": 0.00,
                                          "Total Cost": 19.50,
                                          "Plan Rows": 2000,
                                          "Plan Width": 0
                                        }
                                      ]
                                    }
                                  ]
                                }
                              ]
                            }
                          ]
                        }
                      ]
                    }
                  ]
                },
                "Planning Time": 0.412
              }
            ]
            """;

    /** A point lookup: an index-only scan under a nested loop with an index scan, with LIMIT. */
    static final String LOOKUP_PLAN = """
            [{"Plan": {"Node Type": "Limit", "Startup Cost": 0.85, "Total Cost": 16.90, "Plan Rows": 1,
              "Plan Width": 24, "Plans": [
                {"Node Type": "Nested Loop", "Parent Relationship": "Outer", "Join Type": "Inner",
                 "Startup Cost": 0.85, "Total Cost": 16.90, "Plan Rows": 1, "Plan Width": 24, "Plans": [
                   {"Node Type": "Index Only Scan", "Parent Relationship": "Outer", "Scan Direction": "Forward",
                    "Index Name": "orders_pkey", "Relation Name": "orders", "Alias": "o", "Startup Cost": 0.43,
                    "Total Cost": 8.45, "Plan Rows": 1, "Plan Width": 8},
                   {"Node Type": "Index Scan", "Parent Relationship": "Inner", "Scan Direction": "Forward",
                    "Index Name": "customers_pkey", "Relation Name": "customers", "Alias": "c",
                    "Startup Cost": 0.42, "Total Cost": 8.44, "Plan Rows": 1, "Plan Width": 16}]}]}}]
            """;

    @Test
    void summarizesAParallelHashJoinPlan() {
        PlanSummary plan = PlanSummary.parse(JOIN_PLAN);

        assertThat(plan.totalCost()).isEqualTo(25444.68);
        assertThat(plan.startupCost()).isEqualTo(25432.18);
        assertThat(plan.planRows()).isEqualTo(5000);
        assertThat(plan.planWidth()).isEqualTo(44);
        assertThat(plan.nodes()).isEqualTo(8);
        assertThat(plan.depth()).isEqualTo(7);
        assertThat(plan.seqScans()).isEqualTo(1);
        assertThat(plan.indexScans()).isZero();
        assertThat(plan.bitmapScans()).isEqualTo(1);
        assertThat(plan.hashJoins()).isEqualTo(1);
        assertThat(plan.nestedLoops()).isZero();
        assertThat(plan.mergeJoins()).isZero();
        assertThat(plan.sorts()).isEqualTo(1);
        assertThat(plan.aggregates()).isEqualTo(1);
        assertThat(plan.workersPlanned()).isEqualTo(2);
        assertThat(plan.indexesUsed()).containsExactly("customers_signup_idx");
    }

    @Test
    void countsIndexAndIndexOnlyScansAndTheirIndexes() {
        PlanSummary plan = PlanSummary.parse(LOOKUP_PLAN);

        assertThat(plan.nodes()).isEqualTo(4);
        assertThat(plan.depth()).isEqualTo(3);
        assertThat(plan.indexScans()).isEqualTo(2);
        assertThat(plan.nestedLoops()).isEqualTo(1);
        assertThat(plan.seqScans()).isZero();
        assertThat(plan.indexesUsed()).containsExactly("orders_pkey", "customers_pkey");
    }

    @Test
    void acceptsTheObjectWithoutItsArray() {
        String object = LOOKUP_PLAN.strip();
        object = object.substring(1, object.length() - 1);

        assertThat(PlanSummary.parse(object)).isEqualTo(PlanSummary.parse(LOOKUP_PLAN));
    }

    @Test
    void rejectsTextThatIsNoPlan() {
        assertThatThrownBy(() -> PlanSummary.parse("Seq Scan on orders  (cost=0.00..18.50 rows=850 width=40)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PlanSummary.parse("[{\"Planning Time\": 0.1}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no \"Plan\"");
        assertThatThrownBy(() -> PlanSummary.parse("[{\"Plan\": {\"Node Type\": \"Result\"}}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Total Cost");
        assertThatThrownBy(() -> PlanSummary.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
