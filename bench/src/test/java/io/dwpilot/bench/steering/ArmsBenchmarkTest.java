package io.dwpilot.bench.steering;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.bench.indexes.BenchStatement;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.query.PlanArm;
import io.dwpilot.persistence.testing.TestPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hint sets on a real PostgreSQL: they change plans, end with their transaction, and are measured per arm. */
class ArmsBenchmarkTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final BenchStatement JOIN =
            new BenchStatement("join", "SELECT count(*) FROM bench.a JOIN bench.b ON b.a_id = a.id WHERE a.k < 50");

    private static Database database;

    @BeforeAll
    static void createTables() throws Exception {
        database = TestPostgres.newWarehouse("plan_arms");
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA bench");
            s.execute("CREATE TABLE bench.a (id int PRIMARY KEY, k int)");
            s.execute("CREATE TABLE bench.b (id int PRIMARY KEY, a_id int)");
            s.execute("INSERT INTO bench.a SELECT i, i % 1000 FROM generate_series(1, 20000) i");
            s.execute("INSERT INTO bench.b SELECT i, 1 + i % 20000 FROM generate_series(1, 40000) i");
            s.execute("ANALYZE bench.a, bench.b");
        }
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void everyArmIsAValidSettingThatEndsWithItsTransactionAndTheJoinArmsChangeThePlan() throws Exception {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            String defaultPlan = plan(s);
            for (PlanArm arm : PlanArm.candidates()) {
                arm.apply(s);
                String armPlan = plan(s);
                if (arm.name().equals("no-hashjoin")) {
                    assertThat(defaultPlan).contains("Hash Join");
                    assertThat(armPlan).doesNotContain("Hash Join");
                }
                c.rollback();
                assertThat(plan(s)).as("after %s's transaction", arm.name()).isEqualTo(defaultPlan);
                c.rollback();
            }
            c.setAutoCommit(true);
        }
    }

    @Test
    void eachArmIsMeasuredAgainstTheDefaultAndTheDefaultAgainIsTheNoiseFloor() throws Exception {
        ArmsBenchmark.Settings settings = new ArmsBenchmark.Settings(3, Duration.ofSeconds(10), 7);
        ArmsBenchmark benchmark = new ArmsBenchmark(
                database.systemPool(),
                settings,
                List.of(PlanArm.DEFAULT, PlanArm.candidates().get(2)), // default, no-hashjoin
                QUIET);
        List<ArmsBenchmark.Measured> measured =
                benchmark.run(List.of(JOIN, new BenchStatement("lookup", "SELECT k FROM bench.a WHERE id = 42")));

        assertThat(measured).hasSize(2);
        assertThat(measured.get(0).byArm()).containsOnlyKeys("default", "no-hashjoin", "default-again");
        assertThat(measured.get(0).byArm().values()).allSatisfy(cell -> {
            assertThat(cell.medianMs()).isPositive();
            assertThat(cell.timeouts()).isZero();
        });
        ArmsReport report = new ArmsReport("test", settings, benchmark.arms(), measured);
        assertThat(report.rows())
                .extracting(r -> r.arm().name())
                .containsExactly("default", "no-hashjoin", "default-again");
        ArmsReport.ArmRow itself = report.rows().get(0);
        assertThat(itself.faster()).isZero();
        assertThat(itself.slower()).isZero();
        assertThat(itself.geometricSpeedup()).isEqualTo(1.0);
        assertThat(report.markdown())
                .contains("| no-hashjoin | `enable_hashjoin=off` |")
                .contains("The oracle")
                .contains("| statement | default | best arm | speed-up | default-again |");
    }

    @Test
    void aStatementThatTimesOutUnderTheDefaultIsCountedAsTheTimeoutAndLeftOutOfTheTotals() throws Exception {
        ArmsBenchmark.Settings settings = new ArmsBenchmark.Settings(1, Duration.ofMillis(200), 7);
        ArmsBenchmark benchmark = new ArmsBenchmark(database.systemPool(), settings, List.of(PlanArm.DEFAULT), QUIET);
        List<ArmsBenchmark.Measured> measured =
                benchmark.run(List.of(JOIN, new BenchStatement("sleeper", "SELECT pg_sleep(1)")));

        assertThat(measured.get(1).byArm().get("default")).isEqualTo(new ArmsBenchmark.Cell(200, 1));
        ArmsReport report = new ArmsReport("test", settings, benchmark.arms(), measured);
        assertThat(report.rows().get(0).totalMs())
                .isEqualTo(measured.get(0).byArm().get("default").medianMs());
        assertThat(report.markdown()).contains("(timed out under the default): sleeper.");
    }

    private static String plan(Statement s) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN " + JOIN.sql())) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
