package io.dwpilot.persistence.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnomalyLabelsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static Database db;
    private static AnomalyLabels labels;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.newWarehouse("anomaly_labels");
        labels = new AnomalyLabels(db.systemPool());
        // a storm 10:00-10:05 and an overlapping burst 10:04-10:10 sharing query 3; a new shape at 11:00-11:05
        insert("slow_query_storm", T0, T0.plusSeconds(300), 1L, 2L, 3L);
        insert("failure_burst", T0.plusSeconds(240), T0.plusSeconds(600), 3L, 4L);
        insert("new_query_shape", T0.plusSeconds(3600), T0.plusSeconds(3900), 9L);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static void insert(String kind, Instant start, Instant end, Long... queryIds) throws SQLException {
        try (Connection c = db.systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO metadata.injected_anomalies (run_id, kind, started_at, ended_at, queries, query_ids)
                VALUES ('run-1', ?, ?, ?, ?, ?)""")) {
            ps.setString(1, kind);
            ps.setTimestamp(2, Timestamp.from(start));
            ps.setTimestamp(3, Timestamp.from(end));
            ps.setInt(4, queryIds.length + 1);
            ps.setArray(5, c.createArrayOf("bigint", queryIds));
            ps.executeUpdate();
        }
    }

    @Test
    void labelsAreTheUnionOfTheOverlappingEpisodesQueryIds() throws SQLException {
        assertThat(labels.labelledKinds(T0, T0.plusSeconds(1800)))
                .containsOnlyKeys(1L, 2L, 3L, 4L)
                .containsEntry(1L, "slow_query_storm")
                .containsEntry(3L, "failure_burst");
        assertThat(labels.labelledKinds(T0.minusSeconds(3600), T0.plusSeconds(7200)))
                .containsOnlyKeys(1L, 2L, 3L, 4L, 9L)
                .containsEntry(9L, "new_query_shape");
        // the storm ended exactly at 10:05 and still counts; the shape starting at 11:00 does not, the end is open
        assertThat(labels.labelledKinds(T0.plusSeconds(300), T0.plusSeconds(301)))
                .containsOnlyKeys(1L, 2L, 3L, 4L);
        assertThat(labels.labelledKinds(T0.plusSeconds(301), T0.plusSeconds(3600)))
                .containsOnlyKeys(3L, 4L);
        assertThat(labels.labelledKinds(T0.plusSeconds(4000), T0.plusSeconds(5000)))
                .isEmpty();
    }

    @Test
    void episodesComeInTheOrderTheyStarted() throws SQLException {
        List<LabelledEpisode> episodes = labels.episodes(T0.minusSeconds(60), T0.plusSeconds(7200));
        assertThat(episodes)
                .extracting(LabelledEpisode::kind)
                .containsExactly("slow_query_storm", "failure_burst", "new_query_shape");
        LabelledEpisode burst = episodes.get(1);
        assertThat(burst.startedAt()).isEqualTo(T0.plusSeconds(240));
        assertThat(burst.endedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(burst.queryIds()).containsExactly(3L, 4L);
        assertThat(burst.queries()).isEqualTo(3);
        assertThat(burst.runId()).isEqualTo("run-1");
        assertThat(burst.wallStartedAt()).isEmpty();
        assertThat(burst.description()).isEmpty();
    }

    @Test
    void aReversedWindowIsRefused() {
        assertThatThrownBy(() -> labels.episodes(T0, T0.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
