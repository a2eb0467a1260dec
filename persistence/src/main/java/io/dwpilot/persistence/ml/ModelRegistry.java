package io.dwpilot.persistence.ml;

import io.dwpilot.persistence.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The versions of each model in ml.model_registry, at most one of them active per name. Registering numbers a
 * version after the name's newest and prunes the name to its {@value #KEPT_VERSIONS} newest versions, never the
 * active one: a fallback always has a few recent versions and the version in use.
 *
 * <p>Writes to one name are serialized by a transaction-scoped advisory lock, so concurrent registrations never
 * race for a version number and pruning never deletes a version while it is being activated.
 */
public final class ModelRegistry {
    public static final int KEPT_VERSIONS = 5;

    private static final String COLUMNS = """
            model_id, model_name, version, algorithm, coalesce(artifact_format, '') AS artifact_format,
            coalesce(octet_length(artifact), 0) AS artifact_bytes, metrics::text AS metrics,
            hyper_parameters::text AS hyper_parameters, features, training_data_size, training_time_ms,
            training_run_id, is_active, created_at, activated_at""";

    private final DataSource dataSource;

    public ModelRegistry(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Stores the version as the name's newest (version 1 for a new name), then prunes the name. */
    public ModelVersion register(NewModelVersion v) throws SQLException {
        Objects.requireNonNull(v, "v");
        return inTransaction(c -> {
            lockName(c, v.name());
            long id = insert(c, v);
            prune(c, v.name());
            return find(c, id).orElseThrow();
        });
    }

    /** The versions of one name, or of every name, newest first. */
    public List<ModelVersion> list(Optional<String> name) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM ml.model_registry" + (name.isPresent() ? " WHERE model_name = ?" : "")
                + " ORDER BY model_id DESC";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (name.isPresent()) {
                ps.setString(1, name.get());
            }
            List<ModelVersion> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return List.copyOf(out);
        }
    }

    /** The versions still stored for a name, newest first: what a model can fall back to. */
    public List<ModelVersion> kept(String name) throws SQLException {
        return list(Optional.of(Objects.requireNonNull(name, "name")));
    }

    public Optional<ModelVersion> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, id);
        }
    }

    public Optional<ModelVersion> active(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM ml.model_registry WHERE model_name = ? AND is_active")) {
            ps.setString(1, Objects.requireNonNull(name, "name"));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The serialized model of a version (empty if it was registered without one). */
    public byte[] artifact(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT coalesce(artifact, ''::bytea) FROM ml.model_registry WHERE model_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw unknown(id);
                }
                return rs.getBytes(1);
            }
        }
    }

    /**
     * Makes the version its name's active one, in one transaction: no reader ever sees two active versions or none
     * where there was one. Activating the active version changes nothing.
     */
    public ModelVersion activate(long id) throws SQLException {
        return inTransaction(c -> {
            String name = find(c, id).orElseThrow(() -> unknown(id)).name();
            lockName(c, name);
            // registering a version of the same name may have pruned this one before the lock was ours
            find(c, id).orElseThrow(() -> unknown(id));
            update(
                    c,
                    "UPDATE ml.model_registry SET is_active = false WHERE model_name = ? AND is_active"
                            + " AND model_id <> ?",
                    name,
                    id);
            update(
                    c,
                    "UPDATE ml.model_registry SET is_active = true, activated_at = now()"
                            + " WHERE model_id = ? AND NOT is_active",
                    id);
            return find(c, id).orElseThrow();
        });
    }

    private static long insert(Connection c, NewModelVersion v) throws SQLException {
        String sql = """
                INSERT INTO ml.model_registry (model_name, version, algorithm, artifact, artifact_format, metrics,
                    hyper_parameters, features, training_data_size, training_time_ms, training_run_id)
                SELECT ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?
                FROM ml.model_registry WHERE model_name = ?
                RETURNING model_id""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, v.name());
            ps.setString(2, v.algorithm());
            ps.setBytes(3, v.artifact());
            ps.setString(4, v.artifactFormat());
            ps.setString(5, v.metricsJson());
            ps.setString(6, v.hyperParametersJson());
            ps.setArray(7, c.createArrayOf("text", v.features().toArray()));
            ps.setLong(8, v.trainingDataSize());
            ps.setLong(9, v.trainingTimeMs());
            Jdbc.setLong(ps, 10, v.trainingRunId());
            ps.setString(11, v.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void prune(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM ml.model_registry
                WHERE model_name = ? AND NOT is_active
                  AND model_id NOT IN (SELECT model_id FROM ml.model_registry WHERE model_name = ?
                                       ORDER BY version DESC LIMIT ?)""")) {
            ps.setString(1, name);
            ps.setString(2, name);
            ps.setInt(3, KEPT_VERSIONS);
            ps.executeUpdate();
        }
    }

    private static void lockName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended('ml.model_registry/' || ?, 0))")) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static Optional<ModelVersion> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM ml.model_registry WHERE model_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static NoSuchElementException unknown(long id) {
        return new NoSuchElementException("no model version with id " + id);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static ModelVersion read(ResultSet rs) throws SQLException {
        return new ModelVersion(
                rs.getLong("model_id"),
                rs.getString("model_name"),
                rs.getInt("version"),
                rs.getString("algorithm"),
                rs.getString("artifact_format"),
                rs.getInt("artifact_bytes"),
                rs.getString("metrics"),
                rs.getString("hyper_parameters"),
                Columns.strings(rs, "features"),
                rs.getLong("training_data_size"),
                Jdbc.optionalLong(rs, "training_time_ms"),
                Jdbc.optionalLong(rs, "training_run_id"),
                rs.getBoolean("is_active"),
                rs.getTimestamp("created_at").toInstant(),
                Columns.optionalInstant(rs, "activated_at"));
    }
}
