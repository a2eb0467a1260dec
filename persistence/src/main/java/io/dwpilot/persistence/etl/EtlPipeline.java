package io.dwpilot.persistence.etl;

import io.dwpilot.persistence.IngestLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bronze to silver to gold, incrementally. Each step runs in its own transaction together with its watermark
 * update, so a crash loses no data and the next run resumes where the last committed step stopped. A run with
 * nothing new changes no warehouse table.
 */
public final class EtlPipeline {
    private static final Logger log = LoggerFactory.getLogger(EtlPipeline.class);

    private final DataSource dataSource;

    public EtlPipeline(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public EtlReport run() {
        return run(step -> {});
    }

    /** Runs every step; {@code onStep} hears each finished step (for progress output). */
    public EtlReport run(Consumer<EtlStepResult> onStep) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                IngestLock ignored = IngestLock.acquire(connection)) {
            long runId = startRun(connection);
            List<EtlStepResult> results = new ArrayList<>();
            try {
                for (EtlStep step : EtlStep.ALL) {
                    EtlStepResult result = runStep(connection, runId, step);
                    results.add(result);
                    log.info(
                            "ETL {}: {} in, {} out, {} rejected in {} ms",
                            result.step(),
                            result.rowsIn(),
                            result.rowsOut(),
                            result.rowsRejected(),
                            result.duration().toMillis());
                    onStep.accept(result);
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                failRun(connection, runId, e);
                throw new EtlException("ETL run " + runId + " failed: " + e.getMessage(), e);
            }
            EtlReport report =
                    new EtlReport(runId, List.copyOf(results), Duration.ofNanos(System.nanoTime() - started));
            finishRun(connection, report);
            return report;
        } catch (SQLException e) {
            throw new EtlException("ETL could not run: " + e.getMessage(), e);
        }
    }

    private static long startRun(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("INSERT INTO metadata.etl_runs DEFAULT VALUES RETURNING run_id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static EtlStepResult runStep(Connection connection, long runId, EtlStep step) throws SQLException {
        long started = System.nanoTime();
        connection.setAutoCommit(false);
        long low = watermark(connection, step);
        long high = step.readsBronze() ? maxRawId(connection, step.source()) : runId;
        Map<SqlScript.Counter, Long> counts = Map.of();
        if (high > low) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL TimeZone = 'UTC'");
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT set_config('etl.low', ?, true), set_config('etl.high', ?, true), set_config('etl.run_id', ?, true)")) {
                ps.setString(1, Long.toString(low));
                ps.setString(2, Long.toString(high));
                ps.setString(3, Long.toString(runId));
                ps.execute();
            }
            counts = SqlScript.load(step.script()).run(connection);
            try (Statement s = connection.createStatement()) {
                // Fresh statistics, so that the next steps plan their joins against what was just written.
                s.execute("ANALYZE " + step.target());
            }
            saveWatermark(connection, step, high);
        }
        EtlStepResult result = new EtlStepResult(
                step.target(),
                counts.getOrDefault(SqlScript.Counter.ROWS_IN, 0L),
                counts.getOrDefault(SqlScript.Counter.ROWS_OUT, 0L),
                counts.getOrDefault(SqlScript.Counter.ROWS_REJECTED, 0L),
                Duration.ofNanos(System.nanoTime() - started));
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO metadata.etl_steps (run_id, step, rows_in, rows_out, rows_rejected, duration_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, runId);
            ps.setString(2, result.step());
            ps.setLong(3, result.rowsIn());
            ps.setLong(4, result.rowsOut());
            ps.setLong(5, result.rowsRejected());
            ps.setLong(6, result.duration().toMillis());
            ps.executeUpdate();
        }
        connection.commit();
        return result;
    }

    private static long watermark(Connection connection, EtlStep step) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT last_raw_id FROM metadata.etl_watermarks WHERE source_table = ?")) {
            ps.setString(1, step.watermarkKey());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    private static long maxRawId(Connection connection, String bronzeTable) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(raw_id), 0) FROM " + bronzeTable)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void saveWatermark(Connection connection, EtlStep step, long high) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO metadata.etl_watermarks (source_table, last_raw_id) VALUES (?, ?) "
                        + "ON CONFLICT (source_table) DO UPDATE SET last_raw_id = excluded.last_raw_id, updated_at = now()")) {
            ps.setString(1, step.watermarkKey());
            ps.setLong(2, high);
            ps.executeUpdate();
        }
    }

    private static void finishRun(Connection connection, EtlReport report) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE metadata.etl_runs SET status = 'succeeded', finished_at = now(), rows_in = ?, rows_out = ?, "
                        + "rows_rejected = ?, duration_ms = ? WHERE run_id = ?")) {
            ps.setLong(1, report.rowsIn());
            ps.setLong(2, report.rowsOut());
            ps.setLong(3, report.rowsRejected());
            ps.setLong(4, report.duration().toMillis());
            ps.setLong(5, report.runId());
            ps.executeUpdate();
        }
    }

    private static void failRun(Connection connection, long runId, Exception cause) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE metadata.etl_runs SET status = 'failed', finished_at = now(), error = ? WHERE run_id = ?")) {
            ps.setString(1, String.valueOf(cause.getMessage()));
            ps.setLong(2, runId);
            ps.executeUpdate();
        }
    }
}
