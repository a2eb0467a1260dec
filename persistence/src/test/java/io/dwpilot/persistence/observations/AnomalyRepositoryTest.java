package io.dwpilot.persistence.observations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.PagedQuery;
import io.dwpilot.persistence.testing.TestPostgres;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Anomalies on real PostgreSQL: record, filtered pages newest first, find, idempotent acknowledgement. */
class AnomalyRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static Database db;
    private static AnomalyRepository repo;
    private static long slowHigh;
    private static long slowLow;
    private static long burstMedium;
    private static long spikeHigh;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestPostgres.newWarehouse("observations");
        repo = new AnomalyRepository(db.systemPool());
        slowHigh = repo.record(anomaly(T0, "slow_query", "high"));
        slowLow = repo.record(anomaly(T0.plusSeconds(60), "slow_query", "low"));
        burstMedium = repo.record(anomaly(T0.plusSeconds(120), "failure_burst", "medium"));
        spikeHigh = repo.record(new NewAnomaly(
                T0.plusSeconds(180),
                "metric_spike",
                "high",
                Optional.empty(),
                Optional.empty(),
                Optional.of("cpu_usage"),
                Optional.of(0.97),
                Optional.of(0.4),
                Optional.of(6.5),
                "metric_norm",
                "CPU far above its norm",
                Optional.of(Instant.parse("2025-12-01T00:00:00Z"))));
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static NewAnomaly anomaly(Instant at, String kind, String severity) {
        return new NewAnomaly(
                at,
                kind,
                severity,
                Optional.of("fp-" + kind),
                Optional.empty(),
                Optional.empty(),
                Optional.of(120.0),
                Optional.of(10.0),
                Optional.of(4.2),
                "robust_norm",
                kind + " " + severity,
                Optional.empty());
    }

    private static AnomalyFilter filter(
            Instant from, Instant to, String kind, String severity, Boolean ack, int page, int size) {
        return new AnomalyFilter(
                Optional.ofNullable(from),
                Optional.ofNullable(to),
                Optional.ofNullable(kind),
                Optional.ofNullable(severity),
                Optional.ofNullable(ack),
                page,
                size);
    }

    @Test
    void findReadsEveryColumnBack() throws Exception {
        AnomalyRecord r = repo.find(spikeHigh).orElseThrow();
        assertThat(r.id()).isEqualTo(spikeHigh);
        assertThat(r.detectedAt()).isEqualTo(T0.plusSeconds(180));
        assertThat(r.kind()).isEqualTo("metric_spike");
        assertThat(r.severity()).isEqualTo("high");
        assertThat(r.fingerprint()).isEmpty();
        assertThat(r.queryId()).isEmpty();
        assertThat(r.metric()).contains("cpu_usage");
        assertThat(r.observedValue()).contains(0.97);
        assertThat(r.expectedValue()).contains(0.4);
        assertThat(r.score()).contains(6.5);
        assertThat(r.detector()).isEqualTo("metric_norm");
        assertThat(r.description()).isEqualTo("CPU far above its norm");
        assertThat(r.simulatedAt()).contains(Instant.parse("2025-12-01T00:00:00Z"));
        assertThat(repo.find(slowHigh).orElseThrow().fingerprint()).contains("fp-slow_query");
        assertThat(repo.find(999_999)).isEmpty();
    }

    @Test
    void listIsNewestFirstWithFiltersAndPaging() throws Exception {
        PagedQuery.Page<AnomalyRecord> all = repo.list(filter(T0, T0.plusSeconds(3600), null, null, null, 0, 50));
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.items())
                .extracting(AnomalyRecord::id)
                .containsExactly(spikeHigh, burstMedium, slowLow, slowHigh);

        assertThat(repo.list(filter(T0, null, "slow_query", null, null, 0, 50)).items())
                .extracting(AnomalyRecord::id)
                .containsExactly(slowLow, slowHigh);
        assertThat(repo.list(filter(T0, null, null, "high", null, 0, 50)).items())
                .extracting(AnomalyRecord::id)
                .containsExactly(spikeHigh, slowHigh);
        assertThat(repo.list(filter(T0.plusSeconds(60), T0.plusSeconds(180), null, null, null, 0, 50))
                        .items())
                .extracting(AnomalyRecord::id)
                .containsExactly(burstMedium, slowLow);

        PagedQuery.Page<AnomalyRecord> second = repo.list(filter(T0, null, null, null, null, 1, 3));
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(3);
        assertThat(second.items()).extracting(AnomalyRecord::id).containsExactly(slowHigh);
        assertThat(repo.list(filter(T0, null, null, null, null, 5, 3)).items()).isEmpty();
    }

    @Test
    void acknowledgeIsIdempotentAndKeepsTheFirstAcknowledger() throws Exception {
        long id = repo.record(anomaly(T0.minusSeconds(86_400), "new_shape", "medium"));
        AckResult first = repo.acknowledge(id, "alice");
        assertThat(first.status()).isEqualTo(AckResult.Status.ACKNOWLEDGED);
        AnomalyRecord acked = first.anomaly().orElseThrow();
        assertThat(acked.acknowledged()).isTrue();
        assertThat(acked.acknowledgedBy()).contains("alice");
        assertThat(acked.acknowledgedAt()).isPresent();

        AckResult second = repo.acknowledge(id, "bob");
        assertThat(second.status()).isEqualTo(AckResult.Status.ALREADY_ACKNOWLEDGED);
        assertThat(second.anomaly().orElseThrow().acknowledgedBy()).contains("alice");
        assertThat(second.anomaly().orElseThrow().acknowledgedAt()).isEqualTo(acked.acknowledgedAt());

        AckResult missing = repo.acknowledge(888_888, "alice");
        assertThat(missing.status()).isEqualTo(AckResult.Status.NOT_FOUND);
        assertThat(missing.anomaly()).isEmpty();

        Instant day = T0.minusSeconds(86_400);
        assertThat(repo.list(filter(day, day.plusSeconds(1), null, null, true, 0, 10))
                        .items())
                .extracting(AnomalyRecord::id)
                .containsExactly(id);
        assertThat(repo.list(filter(day, day.plusSeconds(1), null, null, false, 0, 10))
                        .total())
                .isZero();
        assertThat(repo.list(filter(T0, null, null, null, false, 0, 10)).total())
                .isEqualTo(4);
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> anomaly(T0, "slow_query", "critical")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> filter(null, null, null, null, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> filter(null, null, null, null, null, -1, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
