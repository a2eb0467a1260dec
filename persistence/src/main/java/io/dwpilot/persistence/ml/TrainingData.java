package io.dwpilot.persistence.ml;

import static io.dwpilot.persistence.ml.Jdbc.WORKLOAD_TIME;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.dwpilot.persistence.Columns;
import io.dwpilot.persistence.Criteria;
import io.dwpilot.persistence.query.ExecutionStatus;
import io.dwpilot.persistence.query.QueryScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Logged executions read back by workload time for training: metadata.query_logs with the ml.feature_store row of
 * the requested feature version. Every status is read; a trainer picks what it learns from.
 */
public final class TrainingData {
    /** Rows per round trip: a window of tens of thousands of executions streams in a few fetches, never all at once. */
    private static final int FETCH_SIZE = 5_000;

    private static final ObjectReader FEATURES =
            new ObjectMapper().readerFor(new TypeReference<Map<String, Double>>() {});

    private final DataSource dataSource;

    public TrainingData(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Every execution with workload time in [from, to), ordered by that time, then by query id. */
    public List<LoggedExecution> executions(Instant from, Instant to, int featureVersion) throws SQLException {
        Jdbc.requireRange(from, to);
        String sql = "SELECT l.query_id, coalesce(l.fingerprint, '') AS fingerprint, " + WORKLOAD_TIME + " AS at, "
                + """
                l.status, coalesce(l.statement_kind, '') AS statement_kind, l.execution_time_ms, l.predicted_time_ms,
                l.concurrent_queries, l.tables_accessed, f.features::text AS features
                FROM metadata.query_logs l
                LEFT JOIN ml.feature_store f ON f.query_id = l.query_id AND f.feature_version = ?
                """
                + "WHERE " + WORKLOAD_TIME + " >= ? AND " + WORKLOAD_TIME + " < ? ORDER BY at, l.query_id";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // the driver streams with a fetch size only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setInt(1, featureVersion);
                ps.setTimestamp(2, Timestamp.from(from));
                ps.setTimestamp(3, Timestamp.from(to));
                List<LoggedExecution> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            } finally {
                c.rollback(); // read only
                c.setAutoCommit(true);
            }
        }
    }

    /** Executions with workload time at or after {@code since}: how much new data a retraining would see. */
    public long countSince(Instant since) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM metadata.query_logs WHERE " + WORKLOAD_TIME + " >= ?")) {
            ps.setTimestamp(1, Timestamp.from(Objects.requireNonNull(since, "since")));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The latest workload time logged; empty when nothing is. */
    public Optional<Instant> latest() throws SQLException {
        return instant("SELECT max(" + WORKLOAD_TIME + ") FROM metadata.query_logs");
    }

    /** The earliest workload time logged; empty when nothing is. */
    public Optional<Instant> earliest() throws SQLException {
        return instant("SELECT min(" + WORKLOAD_TIME + ") FROM metadata.query_logs");
    }

    /**
     * One normalized text per fingerprint (all executions of a fingerprint share it), read from the executions within
     * the scope; fingerprints the scope never logged with one are left out.
     */
    public Map<String, String> normalizedTexts(Collection<String> fingerprints, QueryScope scope) throws SQLException {
        Criteria ofFingerprint =
                scope.restrict(new Criteria().where("fingerprint = fp").where("normalized_text IS NOT NULL"));
        String sql = """
                SELECT fp, (SELECT normalized_text FROM metadata.query_logs%s LIMIT 1)
                FROM unnest(?::text[]) fp""".formatted(ofFingerprint.sql());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(
                    ofFingerprint.bind(ps, 1),
                    c.createArrayOf("text", fingerprints.stream().distinct().toArray()));
            Map<String, String> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String text = rs.getString(2);
                    if (text != null) {
                        out.put(rs.getString(1), text);
                    }
                }
            }
            return out;
        }
    }

    private Optional<Instant> instant(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant);
        }
    }

    private static LoggedExecution read(ResultSet rs) throws SQLException {
        return new LoggedExecution(
                rs.getLong("query_id"),
                rs.getString("fingerprint"),
                rs.getTimestamp("at").toInstant(),
                ExecutionStatus.of(rs.getString("status")),
                rs.getString("statement_kind"),
                Jdbc.doubleOrNaN(rs, "execution_time_ms"),
                Columns.optionalDouble(rs, "predicted_time_ms"),
                Jdbc.optionalInt(rs, "concurrent_queries"),
                Columns.strings(rs, "tables_accessed"),
                features(rs.getString("features")));
    }

    private static Map<String, Double> features(String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            return FEATURES.readValue(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable features in ml.feature_store: " + e.getMessage(), e);
        }
    }
}
