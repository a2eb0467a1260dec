package io.dwpilot.persistence.observations;

import io.dwpilot.persistence.Columns;
import io.dwpilot.persistence.Criteria;
import io.dwpilot.persistence.PagedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Writes and reads metadata.anomalies: what the detectors report and who acknowledged it. */
public final class AnomalyRepository {
    private static final String COLUMNS = """
            anomaly_id, detected_at, kind, severity, fingerprint, query_id, metric, observed_value, expected_value,
            score, detector, description, acknowledged, acknowledged_by, acknowledged_at, simulated_at""";

    private final DataSource dataSource;

    public AnomalyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a detected anomaly and answers its id. */
    public long record(NewAnomaly a) throws SQLException {
        String sql = """
                INSERT INTO metadata.anomalies (detected_at, kind, severity, fingerprint, query_id, metric,
                    observed_value, expected_value, score, detector, description, simulated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setTimestamp(1, Timestamp.from(a.detectedAt()));
            ps.setString(2, a.kind());
            ps.setString(3, a.severity());
            ps.setString(4, a.fingerprint().orElse(null));
            setLong(ps, 5, a.queryId());
            ps.setString(6, a.metric().orElse(null));
            setDouble(ps, 7, a.observedValue());
            setDouble(ps, 8, a.expectedValue());
            setDouble(ps, 9, a.score());
            ps.setString(10, a.detector());
            ps.setString(11, a.description());
            ps.setTimestamp(12, a.simulatedAt().map(Timestamp::from).orElse(null));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong("anomaly_id");
            }
        }
    }

    /** The anomalies matching the filter, newest first (ties by id, newest first), with the total count. */
    public PagedQuery.Page<AnomalyRecord> list(AnomalyFilter filter) throws SQLException {
        return new PagedQuery(new Criteria()
                        .where(filter.from(), "detected_at >= ?", Timestamp::from)
                        .where(filter.to(), "detected_at < ?", Timestamp::from)
                        .where(filter.kind(), "kind = ?")
                        .where(filter.severity(), "severity = ?")
                        .where(filter.acknowledged(), "acknowledged = ?"))
                .run(
                        dataSource,
                        COLUMNS,
                        "metadata.anomalies",
                        "detected_at DESC, anomaly_id DESC",
                        filter.page(),
                        filter.size(),
                        AnomalyRepository::read);
    }

    /** The anomalies nobody has acknowledged yet: all of them, and those of high severity. */
    public record Unacknowledged(long all, long high) {}

    public Unacknowledged unacknowledged() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE severity = 'high')"
                        + " FROM metadata.anomalies WHERE NOT acknowledged")) {
            rs.next();
            return new Unacknowledged(rs.getLong(1), rs.getLong(2));
        }
    }

    /**
     * The newest {@code limit} unacknowledged high-severity anomalies stored since {@code since} (wall clock: when
     * they were recorded, whatever clock their detection time follows), newest first.
     */
    public List<AnomalyRecord> unacknowledgedHigh(Instant since, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM metadata.anomalies WHERE severity = 'high' AND NOT acknowledged AND recorded_at >= ?"
                        + " ORDER BY recorded_at DESC, anomaly_id DESC LIMIT ?")) {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setInt(2, limit);
            List<AnomalyRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    public Optional<AnomalyRecord> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM metadata.anomalies WHERE anomaly_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Marks an anomaly acknowledged by {@code by}. Idempotent: a second acknowledgement changes nothing and reports
     * the first acknowledger and time.
     */
    public AckResult acknowledge(long id, String by) throws SQLException {
        String sql = "UPDATE metadata.anomalies SET acknowledged = true, acknowledged_by = ?, acknowledged_at = now()"
                + " WHERE anomaly_id = ? AND NOT acknowledged RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, by);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new AckResult(AckResult.Status.ACKNOWLEDGED, Optional.of(read(rs)));
                }
            }
        }
        Optional<AnomalyRecord> existing = find(id);
        return existing.isEmpty()
                ? new AckResult(AckResult.Status.NOT_FOUND, Optional.empty())
                : new AckResult(AckResult.Status.ALREADY_ACKNOWLEDGED, existing);
    }

    private static void setLong(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.get());
        } else {
            ps.setNull(index, Types.BIGINT);
        }
    }

    static void setDouble(PreparedStatement ps, int index, Optional<Double> value) throws SQLException {
        if (value.isPresent()) {
            ps.setDouble(index, value.get());
        } else {
            ps.setNull(index, Types.DOUBLE);
        }
    }

    private static AnomalyRecord read(ResultSet rs) throws SQLException {
        long queryId = rs.getLong("query_id");
        Optional<Long> query = rs.wasNull() ? Optional.empty() : Optional.of(queryId);
        return new AnomalyRecord(
                rs.getLong("anomaly_id"),
                rs.getTimestamp("detected_at").toInstant(),
                rs.getString("kind"),
                rs.getString("severity"),
                Optional.ofNullable(rs.getString("fingerprint")),
                query,
                Optional.ofNullable(rs.getString("metric")),
                Columns.nullableDouble(rs, "observed_value"),
                Columns.nullableDouble(rs, "expected_value"),
                Columns.nullableDouble(rs, "score"),
                rs.getString("detector"),
                rs.getString("description"),
                rs.getBoolean("acknowledged"),
                Optional.ofNullable(rs.getString("acknowledged_by")),
                Columns.optionalInstant(rs, "acknowledged_at"),
                Columns.optionalInstant(rs, "simulated_at"));
    }
}
