package io.dwpilot.persistence.observations;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.observations.ArrivalHistory.Arrivals;
import io.dwpilot.persistence.observations.ArrivalHistory.FingerprintArrivals;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Arrivals per bucket of workload time on real PostgreSQL. */
class ArrivalHistoryTest {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static Database db;
    private static ArrivalHistory history;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.newWarehouse("arrivals");
        history = new ArrivalHistory(db.systemPool());
        // bucket 10:00: 2 x fp-a (one failed, one rejected) and 1 x fp-b; 10:05 empty; 10:10: 1 x fp-a right on the
        // boundary, 1 without fingerprint; 10:14:59.999 still in 10:10; 10:15 (outside most ranges): 1 x fp-b
        insert("fp-a", "ok", T0.plusSeconds(1), null);
        insert("fp-a", "error", T0.plusSeconds(299), null);
        insert("fp-b", "rejected", T0.plusSeconds(120), null);
        insert("fp-a", "timeout", T0.plusSeconds(600), null);
        insert(null, "ok", T0.plusSeconds(700), null);
        insert("fp-c", "ok", T0.plusSeconds(899).plusMillis(999), null);
        insert("fp-b", "ok", T0.plusSeconds(900), null);
        // executed on the wall clock long after, but simulated at 10:05: counts at 10:05, by workload time
        insert("fp-b", "ok", Instant.parse("2026-06-01T00:00:00Z"), T0.plusSeconds(301));
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static void insert(String fingerprint, String status, Instant executedAt, Instant simulatedAt)
            throws SQLException {
        try (Connection c = db.systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO metadata.query_logs (query_text, fingerprint, user_id, user_role, status,
                         executed_at, simulated_at) VALUES ('SELECT 1', ?, 'u', 'analyst', ?, ?, ?)""")) {
            ps.setString(1, fingerprint);
            ps.setString(2, status);
            ps.setTimestamp(3, Timestamp.from(executedAt));
            ps.setTimestamp(4, simulatedAt == null ? null : Timestamp.from(simulatedAt));
            ps.executeUpdate();
        }
    }

    @Test
    void totalCountsEveryStatusPerBucketWithEmptyBucketsAsZeros() throws SQLException {
        Arrivals a = history.total(T0.minus(FIVE_MINUTES), T0.plus(Duration.ofMinutes(15)), FIVE_MINUTES);
        assertThat(a.start()).isEqualTo(T0.minus(FIVE_MINUTES));
        assertThat(a.counts()).containsExactly(0, 3, 1, 3);
        assertThat(a.values()).containsExactly(0, 3, 1, 3);
        assertThat(a.end()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(a.bucketStart(2)).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void bucketsAreAlignedToTheEpochAndOnlyWholeBucketsAreReturned() throws SQLException {
        // from 10:02 widens to 10:00; to 10:14 narrows to 10:10, leaving the partial bucket out
        Arrivals a = history.total(T0.plusSeconds(120), T0.plusSeconds(840), FIVE_MINUTES);
        assertThat(a.start()).isEqualTo(T0);
        assertThat(a.counts()).containsExactly(3, 1);
        Arrivals hourly = history.total(T0.plusSeconds(1), T0.plus(Duration.ofHours(1)), Duration.ofHours(1));
        assertThat(hourly.counts()).containsExactly(8);
        assertThat(history.total(T0, T0.plusSeconds(60), FIVE_MINUTES).size()).isZero();
    }

    @Test
    void oneFingerprintOnly() throws SQLException {
        Instant to = T0.plus(Duration.ofMinutes(20));
        assertThat(history.ofFingerprint("fp-a", T0, to, FIVE_MINUTES).counts()).containsExactly(2, 0, 1, 0);
        assertThat(history.ofFingerprint("fp-b", T0, to, FIVE_MINUTES).counts()).containsExactly(1, 1, 0, 1);
        assertThat(history.ofFingerprint("nope", T0, to, FIVE_MINUTES).counts()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void busiestFingerprintsInTheWindow() throws SQLException {
        Instant to = T0.plus(Duration.ofMinutes(15));
        assertThat(history.busiest(T0, to, 2))
                .containsExactly(new FingerprintArrivals("fp-a", 3), new FingerprintArrivals("fp-b", 2));
        assertThat(history.busiest(T0, to, 10))
                .extracting(FingerprintArrivals::fingerprint)
                .containsExactly("fp-a", "fp-b", "fp-c");
        assertThat(history.busiest(T0.plus(Duration.ofMinutes(15)), T0.plus(Duration.ofHours(1)), 5))
                .containsExactly(new FingerprintArrivals("fp-b", 1));
    }
}
