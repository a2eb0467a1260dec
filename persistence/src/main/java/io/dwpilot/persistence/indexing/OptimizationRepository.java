package io.dwpilot.persistence.indexing;

import io.dwpilot.persistence.Columns;
import io.dwpilot.persistence.Criteria;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;

/**
 * Writes and reads metadata.optimization_history: what an agent weighed, recommended and applied, and how the
 * verification judged it. Every status change is one UPDATE of one row, so the history survives a restart of the
 * agent that wrote it.
 */
public final class OptimizationRepository {
    private static final String COLUMNS = """
            optimization_id, agent, recommendation_type, fingerprints, target, reason, status, applied,
            estimated_gain, performance_gain, p_value, details::text AS details, index_schema, index_name,
            table_name, size_bytes, recommended_at, applied_at, verified_at, dropped_at""";

    private final DataSource dataSource;

    public OptimizationRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Stores an optimization and answers its id. One stored as APPLIED or KEPT counts as applied at its
     * recommendation time.
     */
    public long insert(NewOptimization o) throws SQLException {
        String sql = """
                INSERT INTO metadata.optimization_history (agent, recommendation_type, fingerprints, target, reason,
                    status, applied, estimated_gain, details, index_schema, index_name, table_name, size_bytes,
                    recommended_at, applied_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""";
        Optional<OptimizationIndexRef> index = o.index();
        boolean applied = o.status() == OptimizationStatus.APPLIED || o.status() == OptimizationStatus.KEPT;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, o.agent());
            ps.setString(2, o.recommendationType());
            ps.setArray(3, c.createArrayOf("text", o.fingerprints().toArray()));
            ps.setString(4, o.target().orElse(null));
            ps.setString(5, o.reason());
            ps.setString(6, o.status().dbValue());
            ps.setBoolean(7, applied);
            setDouble(ps, 8, o.estimatedGain());
            ps.setString(9, o.detailsJson());
            ps.setString(10, index.map(OptimizationIndexRef::schema).orElse(null));
            ps.setString(11, index.map(OptimizationIndexRef::name).orElse(null));
            ps.setString(12, index.map(OptimizationIndexRef::table).orElse(null));
            if (index.isPresent()) {
                ps.setLong(13, index.get().sizeBytes());
            } else {
                ps.setNull(13, Types.BIGINT);
            }
            ps.setTimestamp(14, Timestamp.from(o.recommendedAt()));
            ps.setTimestamp(15, applied ? Timestamp.from(o.recommendedAt()) : null);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong("optimization_id");
            }
        }
    }

    public Optional<OptimizationRecord> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM metadata.optimization_history WHERE optimization_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The optimizations matching the filter, newest recommendation first (ties by id, newest first). */
    public List<OptimizationRecord> list(OptimizationFilter filter) throws SQLException {
        Criteria criteria = new Criteria()
                .where(filter.agent(), "agent = ?")
                .where(filter.recommendationType(), "recommendation_type = ?")
                .where(
                        Optional.of(filter.statuses()).filter(s -> !s.isEmpty()),
                        "status = ANY (?)",
                        s -> s.stream().map(OptimizationStatus::dbValue).toArray(String[]::new))
                .where(filter.fingerprint(), "? = ANY (fingerprints)");
        String sql = "SELECT " + COLUMNS + " FROM metadata.optimization_history" + criteria.sql()
                + " ORDER BY recommended_at DESC, optimization_id DESC LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int next = criteria.bind(ps, 1);
            ps.setInt(next, filter.limit());
            ps.setInt(next + 1, filter.offset());
            List<OptimizationRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    /** How many rows of a recommendation type there are in each status (statuses without rows left out). */
    public Map<String, Long> countByStatus(String recommendationType) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT status, count(*) FROM metadata.optimization_history WHERE recommendation_type = ?"
                                + " GROUP BY status ORDER BY status")) {
            ps.setString(1, recommendationType);
            Map<String, Long> counts = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        }
    }

    /** The change is in place: status applied, applied at {@code at}. */
    public void markApplied(long id, Instant at) throws SQLException {
        update(
                id,
                "UPDATE metadata.optimization_history SET status = 'applied', applied = true, applied_at = ?"
                        + " WHERE optimization_id = ?",
                Timestamp.from(at),
                id);
    }

    /**
     * The verification's verdict: KEPT, or REVERTED (the change was undone at {@code at}, so it is no longer
     * applied). The measured gain and p-value are stored as given, the patch is merged into the details.
     *
     * @param detailsPatchJson a JSON object whose keys replace those of the details; null for none
     */
    public void markVerified(
            long id,
            OptimizationStatus keptOrReverted,
            OptionalDouble performanceGain,
            OptionalDouble pValue,
            String detailsPatchJson,
            Instant at)
            throws SQLException {
        if (keptOrReverted != OptimizationStatus.KEPT && keptOrReverted != OptimizationStatus.REVERTED) {
            throw new IllegalArgumentException("a verification keeps or reverts, got " + keptOrReverted);
        }
        boolean reverted = keptOrReverted == OptimizationStatus.REVERTED;
        Timestamp time = Timestamp.from(at);
        update(
                id,
                """
                UPDATE metadata.optimization_history
                SET status = ?, performance_gain = ?, p_value = ?, verified_at = ?,
                    details = details || coalesce(?::jsonb, '{}'),
                    applied = applied AND NOT ?, dropped_at = CASE WHEN ? THEN ? ELSE dropped_at END
                WHERE optimization_id = ?""",
                keptOrReverted.dbValue(),
                performanceGain,
                pValue,
                time,
                detailsPatchJson,
                reverted,
                reverted,
                time,
                id);
    }

    /**
     * The optimization ended without a verdict: REJECTED (never applied), FAILED (the change could not be made) or
     * DROPPED (undone at {@code at}). DROPPED stores {@code at} as dropped_at; the others, which have no column for
     * it, store it in the details as {@code rejected_at} or {@code failed_at}.
     *
     * @param detailsPatchJson a JSON object whose keys replace those of the details; null for none
     */
    public void markStatus(long id, OptimizationStatus status, String detailsPatchJson, Instant at)
            throws SQLException {
        Timestamp time = Timestamp.from(at);
        switch (status) {
            case REJECTED -> update(id, """
                    UPDATE metadata.optimization_history
                    SET status = 'rejected',
                        details = details || coalesce(?::jsonb, '{}') || jsonb_build_object('rejected_at', ?::timestamptz)
                    WHERE optimization_id = ?""", detailsPatchJson, time, id);
            case FAILED -> update(id, """
                    UPDATE metadata.optimization_history
                    SET status = 'failed', applied = false,
                        details = details || coalesce(?::jsonb, '{}') || jsonb_build_object('failed_at', ?::timestamptz)
                    WHERE optimization_id = ?""", detailsPatchJson, time, id);
            case DROPPED -> update(id, """
                    UPDATE metadata.optimization_history
                    SET status = 'dropped', applied = false, dropped_at = ?,
                        details = details || coalesce(?::jsonb, '{}')
                    WHERE optimization_id = ?""", time, detailsPatchJson, id);
            default -> throw new IllegalArgumentException("markStatus sets rejected, failed or dropped, got " + status);
        }
    }

    private void update(long id, String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof OptionalDouble d) {
                    setDouble(ps, i + 1, d);
                } else if (p == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            if (ps.executeUpdate() == 0) {
                throw new NoSuchElementException("no optimization with id " + id);
            }
        }
    }

    private static void setDouble(PreparedStatement ps, int index, OptionalDouble value) throws SQLException {
        if (value.isPresent()) {
            ps.setDouble(index, value.getAsDouble());
        } else {
            ps.setNull(index, Types.DOUBLE);
        }
    }

    private static OptimizationRecord read(ResultSet rs) throws SQLException {
        String indexSchema = rs.getString("index_schema");
        String indexName = rs.getString("index_name");
        String table = rs.getString("table_name");
        Optional<OptimizationIndexRef> index = indexSchema == null || indexName == null || table == null
                ? Optional.empty()
                : Optional.of(new OptimizationIndexRef(indexSchema, indexName, table, rs.getLong("size_bytes")));
        return new OptimizationRecord(
                rs.getLong("optimization_id"),
                rs.getString("agent"),
                rs.getString("recommendation_type"),
                Columns.strings(rs, "fingerprints"),
                Optional.ofNullable(rs.getString("target")),
                rs.getString("reason"),
                OptimizationStatus.of(rs.getString("status")),
                rs.getBoolean("applied"),
                Columns.optionalDouble(rs, "estimated_gain"),
                Columns.optionalDouble(rs, "performance_gain"),
                Columns.optionalDouble(rs, "p_value"),
                rs.getString("details"),
                index,
                rs.getTimestamp("recommended_at").toInstant(),
                Columns.optionalInstant(rs, "applied_at"),
                Columns.optionalInstant(rs, "verified_at"),
                Columns.optionalInstant(rs, "dropped_at"));
    }
}
