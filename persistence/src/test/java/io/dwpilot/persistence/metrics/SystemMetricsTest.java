package io.dwpilot.persistence.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Samples host and PostgreSQL metrics on a real database, stores them and reads them back. */
class SystemMetricsTest {
    private static Database database;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("system_metrics");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void twoSamplesHavePlausibleValuesAndTheSecondHasRates() throws Exception {
        SystemMetricsSampler sampler = new SystemMetricsSampler(database.systemPool());
        SystemSample first = sampler.sample(4, 0);
        assertThat(first.transactionsPerS()).isNull();
        assertThat(first.ioOperations()).isNull();
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            for (int i = 0; i < 20; i++) {
                s.execute("SELECT count(*) FROM metadata.system_metrics");
            }
        }
        Thread.sleep(300);
        SystemSample second = sampler.sample(4, 2, Optional.of(Instant.parse("2030-01-01T00:00:00Z")));

        for (SystemSample s : List.of(first, second)) {
            if (s.cpuUsage() != null) {
                assertThat(s.cpuUsage()).isBetween(0.0, 1.0);
            }
            if (s.memoryUsage() != null) {
                assertThat(s.memoryUsage()).isBetween(0.0, 1.0);
            }
            assertThat(s.connections()).isGreaterThanOrEqualTo(1);
            assertThat(s.activeQueries()).isGreaterThanOrEqualTo(0);
            assertThat(s.locksWaiting()).isGreaterThanOrEqualTo(0);
            assertThat(s.cacheHitRatio()).isNotNull().isBetween(0.0, 1.0);
        }
        assertThat(second.cpuUsage()).isNotNull();
        assertThat(second.memoryUsage()).isNotNull();
        assertThat(second.transactionsPerS()).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(second.ioOperations()).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(second.diskReadBytesPerS()).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(second.diskWriteBytesPerS()).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(second.queueLength()).isEqualTo(2);
        assertThat(second.sampledAt()).isAfterOrEqualTo(first.sampledAt());

        SystemMetricsRepository repository = new SystemMetricsRepository(database.systemPool());
        repository.save(first);
        repository.save(second);
        SystemSample latest = repository.latest().orElseThrow();
        assertThat(latest.sampledAt().toEpochMilli())
                .isEqualTo(second.sampledAt().toEpochMilli());
        assertThat(latest.connections()).isEqualTo(second.connections());
        assertThat(latest.transactionsPerS()).isEqualTo(second.transactionsPerS());
        assertThat(latest.simulatedAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));

        Instant now = Instant.now();
        List<MetricsBucket> buckets =
                repository.history(now.minus(Duration.ofHours(1)), now.plusSeconds(60), MetricsGranularity.MINUTE);
        assertThat(buckets).isNotEmpty();
        assertThat(buckets.stream().mapToLong(MetricsBucket::samples).sum()).isEqualTo(2);
        assertThat(buckets).isSortedAccordingTo((a, b) -> a.bucket().compareTo(b.bucket()));
        assertThat(buckets.get(buckets.size() - 1).maxConnections()).isGreaterThanOrEqualTo(1);
        assertThat(buckets.get(0).bucket().getEpochSecond() % 60).isZero();
        assertThat(repository.history(now.minus(Duration.ofDays(2)), now.plusSeconds(60), MetricsGranularity.DAY))
                .hasSizeBetween(1, 2);
    }

    @Test
    void granularityParses() {
        assertThat(MetricsGranularity.parse("Hour")).isEqualTo(MetricsGranularity.HOUR);
        assertThatThrownBy(() -> MetricsGranularity.parse("week")).isInstanceOf(IllegalArgumentException.class);
    }
}
