package io.dwpilot.persistence.query;

import io.dwpilot.persistence.Columns;
import io.dwpilot.persistence.NamedParameters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import javax.sql.DataSource;

/**
 * The workload at a glance, by wall-clock time (executed_at), in one pass over the log since yesterday's start:
 * executions today and yesterday, slow executions and failures, recent latency against the window before.
 */
public final class ExecutionCounts {
    private static final String SQL = """
            SELECT count(*) FILTER (WHERE executed_at >= :today) AS today,
                   count(*) FILTER (WHERE executed_at >= :yesterday AND executed_at < :sameTime) AS yesterday_same_time,
                   count(*) FILTER (WHERE executed_at >= :yesterday AND executed_at < :today) AS yesterday,
                   count(*) FILTER (WHERE executed_at >= :minuteAgo) AS last_minute,
                   count(*) FILTER (WHERE executed_at >= :today AND execution_time_ms >= :slow
                                    AND status NOT IN ('rejected', 'explained')) AS slow_today,
                   count(*) FILTER (WHERE executed_at >= :hourAgo AND execution_time_ms >= :slow
                                    AND status NOT IN ('rejected', 'explained')) AS slow_last_hour,
                   count(*) FILTER (WHERE executed_at >= :today AND status IN ('error', 'timeout')) AS failures_today,
                   count(*) FILTER (WHERE executed_at >= :hourAgo AND status IN ('error', 'timeout')) AS failures_last_hour,
                   avg(execution_time_ms) FILTER (WHERE status = 'ok' AND executed_at >= :window) AS avg_ms,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY execution_time_ms)
                       FILTER (WHERE status = 'ok' AND executed_at >= :window) AS p95_ms,
                   avg(execution_time_ms) FILTER (WHERE status = 'ok' AND executed_at >= :previous
                                                  AND executed_at < :window) AS previous_avg_ms,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY execution_time_ms)
                       FILTER (WHERE status = 'ok' AND executed_at >= :previous AND executed_at < :window) AS previous_p95_ms
            FROM metadata.query_logs
            WHERE executed_at >= least(:yesterday::timestamptz, :hourAgo::timestamptz, :previous::timestamptz)
              AND executed_at < :now""";

    /** The instants the counts are cut at: now, the start of today and of yesterday, and yesterday at this time. */
    public record Day(Instant now, Instant todayStart, Instant yesterdayStart, Instant yesterdaySameTime) {
        public Day {
            if (!(yesterdayStart.isBefore(todayStart)
                    && !todayStart.isAfter(now)
                    && !yesterdaySameTime.isBefore(yesterdayStart)
                    && !yesterdaySameTime.isAfter(todayStart))) {
                throw new IllegalArgumentException("the day's instants are out of order: " + yesterdayStart + ", "
                        + yesterdaySameTime + ", " + todayStart + ", " + now);
            }
        }
    }

    /**
     * The counts; latencies are of ok executions in the last {@code window} and the window before it, empty without
     * one.
     */
    public record Summary(
            long today,
            long yesterdaySameTime,
            long yesterday,
            long lastMinute,
            long slowToday,
            long slowLastHour,
            long failuresToday,
            long failuresLastHour,
            OptionalDouble avgMs,
            OptionalDouble p95Ms,
            OptionalDouble previousAvgMs,
            OptionalDouble previousP95Ms) {}

    private final DataSource dataSource;

    public ExecutionCounts(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** @param slowMs an execution this slow or slower counts as slow */
    public Summary summarize(Day day, Duration window, double slowMs) throws SQLException {
        NamedParameters sql = new NamedParameters(SQL)
                .set("today", Timestamp.from(day.todayStart()))
                .set("yesterday", Timestamp.from(day.yesterdayStart()))
                .set("sameTime", Timestamp.from(day.yesterdaySameTime()))
                .set("now", Timestamp.from(day.now()))
                .set("minuteAgo", Timestamp.from(day.now().minusSeconds(60)))
                .set("hourAgo", Timestamp.from(day.now().minus(Duration.ofHours(1))))
                .set("window", Timestamp.from(day.now().minus(window)))
                .set("previous", Timestamp.from(day.now().minus(window.multipliedBy(2))))
                .set("slow", slowMs);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = sql.prepare(c);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Summary(
                    rs.getLong("today"),
                    rs.getLong("yesterday_same_time"),
                    rs.getLong("yesterday"),
                    rs.getLong("last_minute"),
                    rs.getLong("slow_today"),
                    rs.getLong("slow_last_hour"),
                    rs.getLong("failures_today"),
                    rs.getLong("failures_last_hour"),
                    Columns.optionalDouble(rs, "avg_ms"),
                    Columns.optionalDouble(rs, "p95_ms"),
                    Columns.optionalDouble(rs, "previous_avg_ms"),
                    Columns.optionalDouble(rs, "previous_p95_ms"));
        }
    }
}
