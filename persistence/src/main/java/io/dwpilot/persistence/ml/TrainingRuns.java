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
import java.util.Set;
import javax.sql.DataSource;

/** Writes and reads ml.training_runs: every attempt to train a model, how it ended and on how much data. */
public final class TrainingRuns {
    /** How a run may end. */
    public static final Set<String> FINAL_STATUSES = Set.of("succeeded", "failed", "rejected");

    private static final String COLUMNS = """
            run_id, model_name, trigger, status, train_rows, validation_rows, test_rows, metrics::text AS metrics,
            message, started_at, finished_at""";

    private final DataSource dataSource;

    public TrainingRuns(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Records a running training of the model and answers the run's id. */
    public long start(String modelName, String trigger) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ml.training_runs (model_name, trigger, status) VALUES (?, ?, 'running') RETURNING run_id")) {
            ps.setString(1, Objects.requireNonNull(modelName, "modelName"));
            ps.setString(2, Objects.requireNonNull(trigger, "trigger"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Ends a running run: succeeded, failed, or rejected (trained, but not good enough to register).
     *
     * @param metricsJson a JSON object
     * @throws NoSuchElementException for an unknown run
     * @throws IllegalStateException  for a run that has already ended
     */
    public void finish(
            long runId,
            String status,
            long trainRows,
            long validationRows,
            long testRows,
            String metricsJson,
            String message)
            throws SQLException {
        if (!FINAL_STATUSES.contains(status)) {
            throw new IllegalArgumentException("a run ends as one of " + FINAL_STATUSES + ", not " + status);
        }
        Objects.requireNonNull(metricsJson, "metricsJson");
        Objects.requireNonNull(message, "message");
        String sql = """
                UPDATE ml.training_runs
                SET status = ?, train_rows = ?, validation_rows = ?, test_rows = ?, metrics = ?::jsonb, message = ?,
                    finished_at = now()
                WHERE run_id = ? AND status = 'running'""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status);
            ps.setLong(2, trainRows);
            ps.setLong(3, validationRows);
            ps.setLong(4, testRows);
            ps.setString(5, metricsJson);
            ps.setString(6, message);
            ps.setLong(7, runId);
            if (ps.executeUpdate() == 0) {
                throw find(c, runId)
                        .<RuntimeException>map(run -> new IllegalStateException(
                                "training run " + runId + " has already ended as " + run.status()))
                        .orElseGet(() -> new NoSuchElementException("no training run with id " + runId));
            }
        }
    }

    /** The latest runs of one model, or of every model, newest first. */
    public List<TrainingRun> recent(Optional<String> modelName, int limit) throws SQLException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        String sql = "SELECT " + COLUMNS + " FROM ml.training_runs"
                + (modelName.isPresent() ? " WHERE model_name = ?" : "") + " ORDER BY run_id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (modelName.isPresent()) {
                ps.setString(i++, modelName.get());
            }
            ps.setInt(i, limit);
            List<TrainingRun> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return List.copyOf(out);
        }
    }

    private static Optional<TrainingRun> find(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM ml.training_runs WHERE run_id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static TrainingRun read(ResultSet rs) throws SQLException {
        return new TrainingRun(
                rs.getLong("run_id"),
                rs.getString("model_name"),
                rs.getString("trigger"),
                rs.getString("status"),
                Jdbc.optionalLong(rs, "train_rows"),
                Jdbc.optionalLong(rs, "validation_rows"),
                Jdbc.optionalLong(rs, "test_rows"),
                rs.getString("metrics"),
                Optional.ofNullable(rs.getString("message")),
                rs.getTimestamp("started_at").toInstant(),
                Columns.optionalInstant(rs, "finished_at"));
    }
}
