package io.dwpilot.persistence.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.PagedQuery;
import io.dwpilot.persistence.testing.TestPostgres;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decision read model on real PostgreSQL: idempotent batch inserts, resume point, filters and pages. */
class DecisionRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static Database db;
    private static DecisionRepository repository;

    @BeforeAll
    static void open() throws Exception {
        db = TestPostgres.newWarehouse("decisions");
        repository = new DecisionRepository(db.systemPool());
        assertThat(repository.maxOrdering()).isZero();
        repository.insert(List.of(
                row(3, "governor", 1, "limits_changed", "decision", 0),
                row(7, "anomaly-watcher", 1, "anomaly_detected", "anomaly", 60),
                row(9, "governor", 2, "limits_changed", "decision", 120)));
        repository.insert(List.of(
                row(9, "governor", 2, "limits_changed", "decision", 120), // again: skipped
                row(12, "governor", 3, "mode_changed", "decision", 180)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static DecisionRow row(long ordering, String agent, long seqNr, String kind, String channel, long second) {
        return new DecisionRow(
                ordering,
                "X|" + agent,
                seqNr,
                agent,
                kind,
                channel,
                T0.plusSeconds(second),
                T0.plusSeconds(second).plusMillis(5),
                agent + " " + kind,
                "{\"n\": " + ordering + "}");
    }

    @Test
    void insertsAreIdempotentAndTheResumePointIsTheHighestOrdering() throws Exception {
        assertThat(repository.maxOrdering()).isEqualTo(12);
        PagedQuery.Page<DecisionRow> all = repository.list(DecisionFilter.all(10));
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.items()).extracting(DecisionRow::ordering).containsExactly(12L, 9L, 7L, 3L);
        DecisionRow first = all.items().get(3);
        assertThat(first).isEqualTo(row(3, "governor", 1, "limits_changed", "decision", 0));
    }

    @Test
    void filtersAndPages() throws Exception {
        PagedQuery.Page<DecisionRow> governor = repository.list(new DecisionFilter(
                Optional.of("governor"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, 2));
        assertThat(governor.total()).isEqualTo(3);
        assertThat(governor.items()).extracting(DecisionRow::ordering).containsExactly(3L);

        assertThat(repository
                        .list(new DecisionFilter(
                                Optional.empty(),
                                Optional.of("limits_changed"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                0,
                                10))
                        .items())
                .extracting(DecisionRow::ordering)
                .containsExactly(9L, 3L);
        assertThat(repository
                        .list(new DecisionFilter(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of("anomaly"),
                                Optional.empty(),
                                Optional.empty(),
                                0,
                                10))
                        .items())
                .extracting(DecisionRow::agent)
                .containsExactly("anomaly-watcher");
        assertThat(repository
                        .list(new DecisionFilter(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(T0.plusSeconds(60)),
                                Optional.of(T0.plusSeconds(180)),
                                0,
                                10))
                        .items())
                .extracting(DecisionRow::ordering)
                .containsExactly(9L, 7L);
    }
}
