package io.dwpilot.persistence.ml;

import io.dwpilot.persistence.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The simulator's injected anomalies as labels. An episode belongs to a window [from, to) of workload time when it
 * overlaps it: it started before {@code to} and ended at or after {@code from}.
 */
public final class AnomalyLabels {
    private static final String OVERLAPS = "started_at < ? AND ended_at >= ?";

    private final DataSource dataSource;

    public AnomalyLabels(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The executions a detector should flag — the query ids of every episode overlapping the window — each with the
     * kind of its episode (of the later one, for an id two episodes share).
     */
    public Map<Long, String> labelledKinds(Instant from, Instant to) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        query(
                "SELECT unnest(query_ids), kind FROM metadata.injected_anomalies WHERE " + OVERLAPS
                        + " ORDER BY started_at, id",
                from,
                to,
                rs -> out.put(rs.getLong(1), rs.getString(2)));
        return Map.copyOf(out);
    }

    /** The episodes overlapping the window, in the order they started. */
    public List<LabelledEpisode> episodes(Instant from, Instant to) throws SQLException {
        List<LabelledEpisode> out = new ArrayList<>();
        query(
                "SELECT id, run_id, kind, started_at, ended_at, wall_started_at, wall_ended_at, queries, description,"
                        + " query_ids FROM metadata.injected_anomalies WHERE " + OVERLAPS + " ORDER BY started_at, id",
                from,
                to,
                rs -> out.add(read(rs)));
        return List.copyOf(out);
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Instant from, Instant to, RowHandler handler) throws SQLException {
        Jdbc.requireRange(from, to);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        }
    }

    private static LabelledEpisode read(ResultSet rs) throws SQLException {
        return new LabelledEpisode(
                rs.getLong("id"),
                rs.getString("run_id"),
                rs.getString("kind"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("ended_at").toInstant(),
                Columns.optionalInstant(rs, "wall_started_at"),
                Columns.optionalInstant(rs, "wall_ended_at"),
                rs.getInt("queries"),
                Optional.ofNullable(rs.getString("description")),
                Jdbc.longs(rs, "query_ids"));
    }
}
