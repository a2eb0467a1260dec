package io.dwpilot.persistence.ml;

import static io.dwpilot.persistence.ml.Jdbc.WORKLOAD_TIME;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/** The accuracy of the gateway's time predictions on the executions it logged, computed by PostgreSQL. */
public final class OnlineAccuracy {
    /**
     * Times are floored at 0.01 ms before dividing: a statement measured at 0 ms (or predicted so) would otherwise
     * give an infinite q-error that says nothing about the model.
     */
    private static final String SQL = """
            WITH q AS (
                SELECT greatest(p / a, a / p) AS q
                FROM (SELECT greatest(predicted_time_ms, 0.01) AS p, greatest(execution_time_ms, 0.01) AS a
                      FROM metadata.query_logs
                      WHERE status = 'ok' AND predicted_time_ms IS NOT NULL AND execution_time_ms IS NOT NULL
                        AND %1$s >= ? AND %1$s < ?) times)
            SELECT count(*) AS n,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY q) AS median,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY q) AS p90,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY q) AS p95,
                   avg(ln(q)) AS mean_abs_log_error
            FROM q""".formatted(WORKLOAD_TIME);

    private final DataSource dataSource;

    public OnlineAccuracy(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Over the last {@code window} of workload time, ending just after the latest execution logged (now when none
     * is): the accuracy the trainer watches for drift and the dashboard shows.
     */
    public Accuracy recent(Duration window) throws SQLException {
        Instant to =
                new TrainingData(dataSource).latest().orElseGet(Instant::now).plusNanos(1000);
        return costPredictions(to.minus(window), to);
    }

    /** Over the successful executions in [from, to) of workload time that have both a predicted and a measured time. */
    public Accuracy costPredictions(Instant from, Instant to) throws SQLException {
        Jdbc.requireRange(from, to);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Accuracy(
                        rs.getLong("n"),
                        Jdbc.doubleOrNaN(rs, "median"),
                        Jdbc.doubleOrNaN(rs, "p90"),
                        Jdbc.doubleOrNaN(rs, "p95"),
                        Jdbc.doubleOrNaN(rs, "mean_abs_log_error"));
            }
        }
    }
}
