package io.dwpilot.simulator.workload.run;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/** Writes the injected episodes of a run to metadata.injected_anomalies, in one transaction. */
public final class GroundTruth {
    /** One injected episode as it really went. */
    public record InjectedEpisode(
            AnomalyKind kind,
            Instant startedAt,
            Instant endedAt,
            Instant wallStartedAt,
            Instant wallEndedAt,
            int queries,
            String description,
            List<Long> queryIds) {
        public InjectedEpisode {
            queryIds = List.copyOf(queryIds);
        }
    }

    private final DataSource dataSource;

    public GroundTruth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(String runId, List<InjectedEpisode> episodes) {
        if (episodes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO metadata.injected_anomalies (run_id, kind,"
                    + " started_at, ended_at, wall_started_at, wall_ended_at, queries, description, query_ids)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (InjectedEpisode e : episodes) {
                    insert.setString(1, runId);
                    insert.setString(2, e.kind().label());
                    insert.setObject(3, utc(e.startedAt()));
                    insert.setObject(4, utc(e.endedAt()));
                    insert.setObject(5, utc(e.wallStartedAt()));
                    insert.setObject(6, utc(e.wallEndedAt()));
                    insert.setInt(7, e.queries());
                    insert.setString(8, e.description());
                    Array ids = c.createArrayOf("bigint", e.queryIds().toArray(new Long[0]));
                    insert.setArray(9, ids);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the injected anomalies: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
