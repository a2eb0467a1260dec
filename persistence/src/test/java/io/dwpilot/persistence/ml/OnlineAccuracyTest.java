package io.dwpilot.persistence.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnlineAccuracyTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static Database db;
    private static OnlineAccuracy accuracy;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.newWarehouse("online_accuracy");
        accuracy = new OnlineAccuracy(db.systemPool());
        // counted, as (predicted, actual) -> q-error: exact -> 1, twice too slow -> 2, four times too fast -> 4,
        // both under the 0.01 ms floor -> 1, 5 ms predicted for 0 ms measured -> 5 / 0.01 = 500
        insert("ok", 10.0, 10.0, T0, null);
        insert("ok", 20.0, 10.0, T0.plusSeconds(10), null);
        insert("ok", 10.0, 40.0, T0.plusSeconds(20), null);
        insert("ok", 0.0, 0.005, T0.plusSeconds(30), null);
        insert("ok", 5.0, 0.0, Instant.parse("2027-01-01T00:00:00Z"), T0.plusSeconds(40)); // by workload time
        // left out: failed, unpredicted, unmeasured, outside the window (by workload time), the window's end
        insert("error", 10.0, 1000.0, T0.plusSeconds(50), null);
        insert("ok", null, 10.0, T0.plusSeconds(60), null);
        insert("timeout", 10.0, null, T0.plusSeconds(70), null);
        insert("ok", 10.0, 1000.0, T0.plusSeconds(80), T0.minusSeconds(1));
        insert("ok", 10.0, 1000.0, T1, null);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static void insert(String status, Double predicted, Double actual, Instant executedAt, Instant simulatedAt)
            throws SQLException {
        try (Connection c = db.systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO metadata.query_logs (query_text, user_id, user_role, status, predicted_time_ms,
                    execution_time_ms, executed_at, simulated_at) VALUES ('SELECT 1', 'u', 'analyst', ?, ?, ?, ?, ?)""")) {
            ps.setString(1, status);
            ps.setObject(2, predicted, Types.DOUBLE);
            ps.setObject(3, actual, Types.DOUBLE);
            ps.setTimestamp(4, Timestamp.from(executedAt));
            ps.setTimestamp(5, simulatedAt == null ? null : Timestamp.from(simulatedAt));
            ps.executeUpdate();
        }
    }

    @Test
    void qErrorsOfTheWindowsSuccessfulPredictedExecutions() throws SQLException {
        Accuracy a = accuracy.costPredictions(T0, T1);
        // sorted q-errors 1, 1, 2, 4, 500; percentile_cont interpolates between ranks (n - 1) * p
        assertThat(a.n()).isEqualTo(5);
        assertThat(a.qErrorMedian()).isCloseTo(2.0, within(1e-9));
        assertThat(a.qErrorP90()).isCloseTo(4 + 0.6 * (500 - 4), within(1e-9));
        assertThat(a.qErrorP95()).isCloseTo(4 + 0.8 * (500 - 4), within(1e-9));
        assertThat(a.meanAbsLogError()).isCloseTo((Math.log(2) + Math.log(4) + Math.log(500)) / 5, within(1e-9));
    }

    @Test
    void anEmptyWindowHasNoNumbers() throws SQLException {
        Accuracy a = accuracy.costPredictions(T1.plusSeconds(1), T1.plusSeconds(60));
        assertThat(a.n()).isZero();
        assertThat(a.qErrorMedian()).isNaN();
        assertThat(a.qErrorP90()).isNaN();
        assertThat(a.qErrorP95()).isNaN();
        assertThat(a.meanAbsLogError()).isNaN();
    }
}
