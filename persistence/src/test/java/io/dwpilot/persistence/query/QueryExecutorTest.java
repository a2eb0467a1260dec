package io.dwpilot.persistence.query;

import static io.dwpilot.persistence.access.DatabaseRole.ADMIN;
import static io.dwpilot.persistence.access.DatabaseRole.ANALYST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryExecutorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static Database database;
    private static QueryExecutor executor;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("query_executor");
        executor = new QueryExecutor(database.sessions());
        executor.execute(new QueryRequest(
                "CREATE TABLE gold.numbers AS SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 100) g",
                ADMIN,
                TIMEOUT,
                10));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aWorkMemHoldsInsideItsStatementOnly() {
        QueryResult inside =
                executor.execute(new QueryRequest("SELECT current_setting('work_mem')", ANALYST, TIMEOUT, 1)
                        .withWorkMemMb(OptionalInt.of(77)));
        assertThat(inside.rows().get(0)).containsExactly("77MB");
        for (int i = 0; i < 10; i++) { // whichever pooled session comes next, the setting ended with its transaction
            QueryResult after =
                    executor.execute(new QueryRequest("SELECT current_setting('work_mem')", ANALYST, TIMEOUT, 1));
            assertThat(after.rows().get(0)).doesNotContain("77MB");
        }
    }

    @Test
    void aQueryReturnsColumnsAndRowsUpToTheCap() {
        QueryResult all = executor.execute(
                new QueryRequest("SELECT n, label FROM gold.numbers WHERE n <= 3 ORDER BY n", ANALYST, TIMEOUT, 10));
        assertThat(all.columns()).extracting(QueryResult.Column::name).containsExactly("n", "label");
        assertThat(all.rows()).hasSize(3);
        assertThat(all.rows().get(2)).containsExactly(3, "row 3");
        assertThat(all.truncated()).isFalse();

        QueryResult capped = executor.execute(new QueryRequest("SELECT n FROM gold.numbers", ANALYST, TIMEOUT, 25));
        assertThat(capped.rows()).hasSize(25);
        assertThat(capped.rowCount()).isEqualTo(25);
        assertThat(capped.truncation()).contains(QueryResult.Truncation.ROWS);
    }

    @Test
    void aResultStopsBeforeTheRowThatWouldTakeItBeyondTheByteCap() {
        long cap = 4L << 20;
        String wide = "SELECT g, repeat('x', 100000) AS text FROM generate_series(1, 600) g";
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        QueryResult capped = executor.execute(new QueryRequest(wide, ANALYST, TIMEOUT, 1000).withMaxBytes(cap));
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        long rowBytes = ResultBytes.ofRow(capped.rows().get(0));
        assertThat(rowBytes).isGreaterThan(100_000);
        assertThat(capped.truncation()).contains(QueryResult.Truncation.BYTES);
        assertThat(capped.rows()).hasSize((int) (cap / rowBytes));
        assertThat(capped.rowCount()).isEqualTo(capped.rows().size());
        assertThat(allocated)
                .as("rows are fetched as the cap allows, not all 600 (60 MB) at once")
                .isLessThan(600L * 100_000 / 2);

        QueryResult underBoth =
                executor.execute(new QueryRequest(wide + " LIMIT 20", ANALYST, TIMEOUT, 1000).withMaxBytes(cap));
        assertThat(underBoth.rows()).hasSize(20);
        assertThat(underBoth.truncation()).isEmpty();

        QueryResult rowsFirst = executor.execute(new QueryRequest(wide, ANALYST, TIMEOUT, 5).withMaxBytes(cap));
        assertThat(rowsFirst.rows()).hasSize(5);
        assertThat(rowsFirst.truncation()).contains(QueryResult.Truncation.ROWS);

        QueryResult noneFits =
                executor.execute(new QueryRequest(wide, ANALYST, TIMEOUT, 1000).withMaxBytes(rowBytes - 1));
        assertThat(noneFits.rows()).isEmpty();
        assertThat(noneFits.truncation()).contains(QueryResult.Truncation.BYTES);
    }

    @Test
    void writesReportTheirUpdateCountAndAreRefusedWhenReadOnly() {
        QueryResult updated = executor.execute(
                new QueryRequest("UPDATE gold.numbers SET label = label WHERE n <= 7", ADMIN, TIMEOUT, 10));
        assertThat(updated.rowCount()).isEqualTo(7);

        assertThatThrownBy(() -> executor.execute(new QueryRequest("DELETE FROM gold.numbers", ANALYST, TIMEOUT, 10)))
                .isInstanceOfSatisfying(QueryFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(QueryFailure.Kind.NOT_ALLOWED);
                    assertThat(f.sqlState()).contains("25006");
                });
        assertThat(executor.execute(new QueryRequest("SELECT count(*) FROM gold.numbers", ANALYST, TIMEOUT, 1))
                        .rows()
                        .get(0))
                .containsExactly(100L);
    }

    @Test
    void badSqlCarriesPostgresMessageAndPosition() {
        assertThatThrownBy(() -> executor.execute(new QueryRequest("SELECT n FORM gold.numbers", ANALYST, TIMEOUT, 10)))
                .isInstanceOfSatisfying(QueryFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(QueryFailure.Kind.INVALID_STATEMENT);
                    assertThat(f.getMessage()).contains("syntax error at or near \"gold\"");
                    assertThat(f.position()).contains(15);
                    assertThat(f.sqlState()).contains("42601");
                });
        assertThatThrownBy(
                        () -> executor.execute(new QueryRequest("SELECT nope FROM gold.numbers", ANALYST, TIMEOUT, 10)))
                .isInstanceOfSatisfying(QueryFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(QueryFailure.Kind.INVALID_STATEMENT);
                    assertThat(f.getMessage()).contains("column \"nope\" does not exist");
                });
    }

    @Test
    void severalStatementsInOneRequestAreRefusedBeforeRunning() {
        assertThatThrownBy(() ->
                        executor.execute(new QueryRequest("SELECT 1; DELETE FROM gold.numbers", ADMIN, TIMEOUT, 10)))
                .isInstanceOfSatisfying(
                        QueryFailure.class, f -> assertThat(f.getMessage()).contains("One statement per request"));
        assertThat(executor.execute(
                                new QueryRequest("SELECT ';' AS s, $$a;b$$ AS d /* ; */ -- ;\n;", ANALYST, TIMEOUT, 10))
                        .rows())
                .hasSize(1);
        assertThat(executor.execute(new QueryRequest("SELECT count(*) FROM gold.numbers", ANALYST, TIMEOUT, 1))
                        .rows()
                        .get(0))
                .containsExactly(100L);
    }

    @Test
    void aSlowStatementIsCancelledAtItsLimit() {
        assertThatThrownBy(() ->
                        executor.execute(new QueryRequest("SELECT pg_sleep(5)", ANALYST, Duration.ofMillis(200), 10)))
                .isInstanceOfSatisfying(QueryFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(QueryFailure.Kind.TIMEOUT);
                    assertThat(f.getMessage()).contains("200 ms");
                });
        // the connection went back to the pool in a usable state
        assertThat(executor.execute(new QueryRequest("SELECT 1", ANALYST, TIMEOUT, 1))
                        .rows())
                .hasSize(1);
    }
}
