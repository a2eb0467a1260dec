package io.dwpilot.models.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlAnalyzerTest {
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

    private static QueryAnalysis analyze(String sql) {
        return ANALYZER.analyze(sql);
    }

    private static ColumnRef col(String table, String column) {
        return new ColumnRef(table, column);
    }

    @Test
    void tablesAreQualifiedAsWrittenLowerCasedDistinctAndWithoutCtes() {
        QueryAnalysis analysis = analyze("""
                WITH recent AS (SELECT * FROM Sales.Orders WHERE day > date '2024-01-01')
                SELECT * FROM recent r
                JOIN sales.ORDERS o ON o.id = r.id
                JOIN "Customers" c ON c.id = o.customer_id
                WHERE EXISTS (SELECT 1 FROM products p WHERE p.id = o.product_id)""");

        assertThat(analysis.tables()).containsExactly("sales.orders", "Customers", "products");
    }

    @Test
    void selectColumnsResolveAliasesToTables() {
        QueryAnalysis analysis = analyze("SELECT o.id, c.name, o.* FROM shop.orders o, shop.customers c");

        assertThat(analysis.columns(ColumnRole.SELECT))
                .containsExactly(col("shop.orders", "id"), col("shop.customers", "name"), col("shop.orders", "*"));
    }

    @Test
    void unqualifiedColumnsBelongToTheOnlyTableAndToNoneWhenThereAreSeveral() {
        assertThat(analyze("SELECT a FROM tpch.lineitem").columns(ColumnRole.SELECT))
                .containsExactly(col("tpch.lineitem", "a"));
        assertThat(analyze("SELECT a FROM t, u").columns(ColumnRole.SELECT)).containsExactly(col(null, "a"));
        assertThat(analyze("SELECT * FROM t").columns(ColumnRole.SELECT)).containsExactly(col("t", "*"));
    }

    @Test
    void eachClauseGivesItsColumnsTheirRole() {
        QueryAnalysis analysis = analyze("""
                SELECT o.region, sum(o.total) AS revenue
                FROM orders o JOIN customers c ON o.customer_id = c.id
                WHERE o.day >= $1 AND c.segment = 'retail'
                GROUP BY o.region
                HAVING sum(o.total) > 100
                ORDER BY revenue DESC, o.region""");

        assertThat(analysis.columns(ColumnRole.SELECT))
                .containsExactly(col("orders", "region"), col("orders", "total"));
        assertThat(analysis.columns(ColumnRole.JOIN))
                .containsExactly(col("orders", "customer_id"), col("customers", "id"));
        assertThat(analysis.columns(ColumnRole.FILTER))
                .containsExactly(col("orders", "day"), col("customers", "segment"), col("orders", "total"));
        assertThat(analysis.columns(ColumnRole.GROUP_BY)).containsExactly(col("orders", "region"));
        // ORDER BY revenue means the select item's expression
        assertThat(analysis.columns(ColumnRole.ORDER_BY))
                .containsExactly(col("orders", "total"), col("orders", "region"));
        assertThat(analysis.sortKeys())
                .containsExactly(
                        new SortKey(col("orders", "total"), false), new SortKey(col("orders", "region"), true));
    }

    @Test
    void orderByPositionMeansTheSelectItem() {
        QueryAnalysis analysis = analyze("SELECT a, b FROM t ORDER BY 2 DESC, 1");

        assertThat(analysis.sortKeys())
                .containsExactly(new SortKey(col("t", "b"), false), new SortKey(col("t", "a"), true));
    }

    @Test
    void predicatesNameTheirOperatorAndValueKind() {
        QueryAnalysis analysis = analyze("""
                SELECT * FROM t WHERE a = 1 AND b < ? AND c >= $2 AND d BETWEEN 1 AND 10 AND e IN (1, 2, 3)
                AND f LIKE 'x%' AND g ILIKE '%y' AND h IS NULL AND i IS NOT NULL AND j <> k
                AND l = (SELECT max(l) FROM u) AND m > n + 1 AND o NOT IN (SELECT o FROM v) AND p != 'q'""");

        assertThat(analysis.predicates())
                .extracting(p -> p.column().column(), Predicate::operator, Predicate::valueKind)
                .containsExactly(
                        tuple("a", "=", ValueKind.LITERAL),
                        tuple("b", "<", ValueKind.PARAMETER),
                        tuple("c", ">=", ValueKind.PARAMETER),
                        tuple("d", "BETWEEN", ValueKind.LITERAL),
                        tuple("e", "IN", ValueKind.LITERAL),
                        tuple("f", "LIKE", ValueKind.LITERAL),
                        tuple("g", "ILIKE", ValueKind.LITERAL),
                        tuple("h", "IS NULL", ValueKind.LITERAL),
                        tuple("i", "IS NOT NULL", ValueKind.LITERAL),
                        tuple("j", "<>", ValueKind.COLUMN),
                        tuple("l", "=", ValueKind.SUBQUERY),
                        tuple("m", ">", ValueKind.EXPRESSION),
                        tuple("o", "NOT IN", ValueKind.SUBQUERY),
                        tuple("p", "<>", ValueKind.LITERAL));
    }

    @Test
    void constantArithmeticIsALiteralAndMixedConstantsAreParameters() {
        QueryAnalysis analysis = analyze("""
                SELECT * FROM t WHERE a < date '1994-01-01' + interval '1 year' AND b BETWEEN 0.06 - 0.01 AND 0.07
                AND c IN (1, ?) AND d = -5 AND e = '2024-01-01'::date""");

        assertThat(analysis.predicates())
                .extracting(Predicate::valueKind)
                .containsExactly(
                        ValueKind.LITERAL,
                        ValueKind.LITERAL,
                        ValueKind.PARAMETER,
                        ValueKind.LITERAL,
                        ValueKind.LITERAL);
    }

    @Test
    void comparisonsWithTheColumnOnTheRightAreMirroredAndNegationsNegated() {
        QueryAnalysis analysis = analyze(
                "SELECT * FROM t WHERE 5 < a AND NOT (b = 1 OR c IN (1, 2)) AND NOT d LIKE 'x' AND NOT e IS NULL");

        assertThat(analysis.predicates())
                .extracting(p -> p.column().column(), Predicate::operator)
                .containsExactly(
                        tuple("a", ">"),
                        tuple("b", "<>"),
                        tuple("c", "NOT IN"),
                        tuple("d", "NOT LIKE"),
                        tuple("e", "IS NOT NULL"));
    }

    @Test
    void predicatesAfterAnInListAreFoundDespiteJSqlParsersPrecedenceBug() {
        QueryAnalysis analysis =
                analyze("SELECT * FROM t WHERE a IN (1, 2) AND b = 3 OR c IN (4) AND NOT d IN (5) AND e > 6");

        assertThat(analysis.predicates())
                .extracting(p -> p.column().column(), Predicate::operator)
                .containsExactly(
                        tuple("a", "IN"), tuple("b", "="), tuple("c", "IN"), tuple("d", "NOT IN"), tuple("e", ">"));
    }

    @Test
    void explicitJoinsHaveTheirTypeAndConnectTheTablesTheirConditionNames() {
        QueryAnalysis analysis = analyze("""
                SELECT * FROM a
                JOIN b ON b.a_id = a.id
                LEFT JOIN c ON c.a_id = a.id
                RIGHT OUTER JOIN d ON d.c_id = c.id
                FULL JOIN e ON e.id = d.e_id
                CROSS JOIN f
                INNER JOIN g USING (id)""");

        assertThat(analysis.joins())
                .containsExactly(
                        new JoinInfo("inner", "a", "b"),
                        new JoinInfo("left", "a", "c"),
                        new JoinInfo("right", "c", "d"),
                        new JoinInfo("full", "d", "e"),
                        new JoinInfo("cross", "e", "f"),
                        new JoinInfo("inner", "f", "g"));
        assertThat(analysis.columns(ColumnRole.JOIN)).contains(col("f", "id"), col("g", "id"));
    }

    @Test
    void commaJoinsAreInnerWhenWhereConnectsThemAndCrossOtherwise() {
        assertThat(analyze("SELECT * FROM s.a x, s.b y, s.c z WHERE z.b_id = y.id AND y.a_id = x.id")
                        .joins())
                .containsExactly(new JoinInfo("inner", "s.a", "s.b"), new JoinInfo("inner", "s.b", "s.c"));
        assertThat(analyze("SELECT * FROM a, b WHERE a.x = 1").joins())
                .containsExactly(new JoinInfo("cross", "a", "b"));
        // without a catalog an unqualified comparison is taken for the join condition
        assertThat(analyze("SELECT * FROM a, b WHERE a_id = b_id").joins())
                .containsExactly(new JoinInfo("inner", "a", "b"));
    }

    @Test
    void aSelfJoinComparesTwoFromItems() {
        QueryAnalysis analysis = analyze("SELECT * FROM emp e JOIN emp m ON e.manager_id = m.id WHERE e.x = e.y");

        assertThat(analysis.joins()).containsExactly(new JoinInfo("inner", "emp", "emp"));
        assertThat(analysis.columns(ColumnRole.JOIN)).containsExactly(col("emp", "manager_id"), col("emp", "id"));
        assertThat(analysis.columns(ColumnRole.FILTER)).containsExactly(col("emp", "x"), col("emp", "y"));
    }

    @Test
    void aggregatesAreListedPerCallAndWindowFunctionsCounted() {
        QueryAnalysis analysis = analyze("""
                SELECT region, count(*), SUM(total), avg(total), min(day), max(day),
                       count(*) FILTER (WHERE total > 0),
                       rank() OVER (PARTITION BY region ORDER BY total DESC),
                       sum(total) OVER w
                FROM orders GROUP BY region WINDOW w AS (ORDER BY region)""");

        assertThat(analysis.aggregates()).containsExactly("count", "sum", "avg", "min", "max", "count");
        assertThat(analysis.windowFunctionCount()).isEqualTo(2);
    }

    @Test
    void subqueryDepthCountsNestedQueryBlocks() {
        assertThat(analyze("SELECT 1 FROM t").subqueryDepth()).isZero();
        assertThat(analyze("SELECT * FROM t WHERE a IN (SELECT a FROM u)").subqueryDepth())
                .isEqualTo(1);
        assertThat(analyze("SELECT * FROM (SELECT * FROM t) x").subqueryDepth()).isEqualTo(1);
        assertThat(analyze("WITH x AS (SELECT * FROM t) SELECT * FROM x").subqueryDepth())
                .isEqualTo(1);
        assertThat(analyze("SELECT * FROM t WHERE a IN (SELECT a FROM u WHERE b > (SELECT avg(b) FROM v))")
                        .subqueryDepth())
                .isEqualTo(2);
        assertThat(analyze("SELECT a FROM t UNION SELECT a FROM u").subqueryDepth())
                .isZero();
    }

    @Test
    void correlatedSubqueriesResolveOuterAliases() {
        QueryAnalysis analysis =
                analyze("SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM lines l WHERE l.order_id = o.id)");

        assertThat(analysis.columns(ColumnRole.JOIN)).containsExactly(col("lines", "order_id"), col("orders", "id"));
    }

    @Test
    void distinctIsSetBySelectDistinctNotByCountDistinct() {
        assertThat(analyze("SELECT DISTINCT a FROM t").distinct()).isTrue();
        assertThat(analyze("SELECT DISTINCT ON (a) a, b FROM t ORDER BY a").distinct())
                .isTrue();
        assertThat(analyze("SELECT count(DISTINCT a) FROM t").distinct()).isFalse();
    }

    @Test
    void limitIsTheOutermostNumericLimit() {
        assertThat(analyze("SELECT a FROM t LIMIT 10 OFFSET 5").limit()).contains(10L);
        assertThat(analyze("SELECT a FROM t FETCH FIRST 3 ROWS ONLY").limit()).contains(3L);
        assertThat(analyze("SELECT a FROM t LIMIT ?").limit()).isEmpty();
        assertThat(analyze("SELECT a FROM t LIMIT ALL").limit()).isEmpty();
        assertThat(analyze("SELECT * FROM (SELECT a FROM t LIMIT 5) x").limit()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT a FROM t                                     | SELECT",
                "WITH x AS (SELECT 1) SELECT * FROM x                | SELECT",
                "INSERT INTO t (a, b) VALUES (1, 2)                  | INSERT",
                "UPDATE t SET a = 1 WHERE b = 2                      | UPDATE",
                "DELETE FROM t WHERE b = 2                           | DELETE",
                "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a | MERGE",
                "CREATE INDEX idx_day ON tpch.lineitem (l_shipdate)  | DDL",
                "CREATE TABLE t (a int)                              | DDL",
                "DROP TABLE IF EXISTS t                              | DDL",
                "ALTER TABLE t ADD COLUMN b int                      | DDL",
                "TRUNCATE TABLE t                                    | DDL",
                "SET search_path = tpch                              | OTHER",
                "EXPLAIN SELECT 1                                    | OTHER"
            })
    void statementKinds(String sql, StatementKind kind) {
        assertThat(analyze(sql).kind()).isEqualTo(kind);
    }

    @Test
    void writesNameTheirTargetTableAndReadColumns() {
        QueryAnalysis insert = analyze("INSERT INTO s.t (a) SELECT x FROM u WHERE y = $1");
        assertThat(insert.tables()).containsExactly("s.t", "u");
        assertThat(insert.predicates()).containsExactly(new Predicate(col("u", "y"), "=", ValueKind.PARAMETER));

        QueryAnalysis update = analyze("UPDATE s.t SET a = b + 1 WHERE c = ? AND d IN (1, 2)");
        assertThat(update.tables()).containsExactly("s.t");
        assertThat(update.columns(ColumnRole.SELECT)).containsExactly(col("s.t", "b"));
        assertThat(update.columns(ColumnRole.FILTER)).containsExactly(col("s.t", "c"), col("s.t", "d"));

        QueryAnalysis delete = analyze("DELETE FROM s.t WHERE id = $1");
        assertThat(delete.tables()).containsExactly("s.t");
        assertThat(delete.predicates()).containsExactly(new Predicate(col("s.t", "id"), "=", ValueKind.PARAMETER));
    }

    @Test
    void updateFromAndDeleteUsingJoinTheTarget() {
        assertThat(analyze("UPDATE t SET a = s.b FROM s WHERE t.id = s.id").joins())
                .containsExactly(new JoinInfo("inner", "t", "s"));
        assertThat(analyze("DELETE FROM t USING s WHERE t.s_id = s.id AND s.x = 1")
                        .joins())
                .containsExactly(new JoinInfo("inner", "t", "s"));
    }

    @Test
    void keywordArgumentsAndWindowClausesAreRead() {
        QueryAnalysis analysis = analyze("""
                SELECT substring(phone FROM 1 FOR 2), sum(x) OVER w
                FROM t WINDOW w AS (PARTITION BY region ORDER BY day)""");

        assertThat(analysis.columns(ColumnRole.SELECT))
                .containsExactly(col("t", "phone"), col("t", "x"), col("t", "region"), col("t", "day"));
    }

    @Test
    void schemaChangesNameTheRelationTheyChange() {
        assertThat(analyze("CREATE INDEX idx_ship ON tpch.lineitem (l_shipdate)")
                        .tables())
                .containsExactly("tpch.lineitem");
        assertThat(analyze("DROP TABLE IF EXISTS Gold.Sales_Summary").tables()).containsExactly("gold.sales_summary");
        assertThat(analyze("DROP INDEX idx_ship").tables()).isEmpty();
        assertThat(analyze("CREATE VIEW v AS SELECT a FROM t").tables()).containsExactly("v", "t");
    }

    @Test
    void jdbcAndPositionalParametersAreParameters() {
        QueryAnalysis analysis = analyze("SELECT * FROM t WHERE a = ? AND b = $1 AND c = :name AND d IN ($2, $3)");

        assertThat(analysis.predicates()).extracting(Predicate::valueKind).containsOnly(ValueKind.PARAMETER);
        assertThat(analysis.fingerprint().normalizedText())
                .isEqualTo("select * from t where a = ? and b = ? and c = ? and d in (?)");
    }

    @Test
    void everyRoleIsPresentEvenWhenEmpty() {
        QueryAnalysis analysis = analyze("SELECT 1");

        assertThat(analysis.columns()).containsOnlyKeys(ColumnRole.values());
        assertThat(analysis.columns(ColumnRole.ORDER_BY)).isEmpty();
        assertThat(analysis.tables()).isEmpty();
    }

    @Test
    void concurrentAnalysesGiveTheSameResults() throws Exception {
        List<String> queries = List.of(
                "SELECT a FROM t WHERE b IN (1, 2) AND c = 3",
                "SELECT o.id FROM orders o JOIN lines l ON l.order_id = o.id WHERE o.day > date '2024-01-01'",
                "SELECT region, sum(total) FROM orders GROUP BY region ORDER BY 2 DESC LIMIT 5");
        List<QueryAnalysis> expected =
                queries.stream().map(SqlAnalyzerTest::analyze).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<QueryAnalysis>> results = IntStream.range(0, 60)
                    .mapToObj(i -> pool.submit(() -> analyze(queries.get(i % queries.size()))))
                    .toList();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % queries.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
