package io.dwpilot.bench.experiment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Scores the anomaly watcher's findings (metadata.anomalies) against the simulator's labelled episodes
 * (metadata.injected_anomalies) of one run, by workload time. An anomaly matches an episode when it was detected
 * within the episode's window widened by {@code tolerance} on both sides (detection needs a moment; the workload clock
 * moves in steps). Precision is the share of anomalies that match some episode; recall the share of episodes
 * matched by at least one anomaly; F1 their harmonic mean. Anomalies are counted one by one: the watcher raises
 * one per incident and key (kind and fingerprint or metric), so an episode it sees in several ways counts each.
 */
public final class DetectionEvaluation {

    /** A labelled episode and the anomalies that matched it. */
    public record Episode(String kind, Instant startedAt, Instant endedAt, int queries, List<String> matchedKinds) {
        public boolean detected() {
            return !matchedKinds.isEmpty();
        }
    }

    /** A finding: when, what kind, and whether it matched an episode. */
    public record Finding(
            long id, Instant detectedAt, String kind, String severity, String description, boolean matched) {}

    public record Result(List<Episode> episodes, List<Finding> findings, Duration tolerance) {
        public long detectedEpisodes() {
            return episodes.stream().filter(Episode::detected).count();
        }

        public long matchedFindings() {
            return findings.stream().filter(Finding::matched).count();
        }

        public double precision() {
            return findings.isEmpty() ? Double.NaN : (double) matchedFindings() / findings.size();
        }

        public double recall() {
            return episodes.isEmpty() ? Double.NaN : (double) detectedEpisodes() / episodes.size();
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 || Double.isNaN(p) || Double.isNaN(r) ? 0 : 2 * p * r / (p + r);
        }

        /** Episodes and detected episodes per labelled kind. */
        public Map<String, long[]> recallByKind() {
            Map<String, long[]> byKind = new TreeMap<>();
            for (Episode e : episodes) {
                long[] counts = byKind.computeIfAbsent(e.kind(), k -> new long[2]);
                counts[0]++;
                counts[1] += e.detected() ? 1 : 0;
            }
            return byKind;
        }

        /** Findings and matched findings per anomaly kind. */
        public Map<String, long[]> precisionByKind() {
            Map<String, long[]> byKind = new TreeMap<>();
            for (Finding f : findings) {
                long[] counts = byKind.computeIfAbsent(f.kind(), k -> new long[2]);
                counts[0]++;
                counts[1] += f.matched() ? 1 : 0;
            }
            return byKind;
        }
    }

    private record Window(String kind, Instant startedAt, Instant endedAt, int queries) {}

    private final DataSource dataSource;

    public DetectionEvaluation(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Scores the anomalies detected in [from, to) of workload time against the episodes of run {@code runId}. */
    public Result evaluate(String runId, Instant from, Instant to, Duration tolerance) throws SQLException {
        List<Window> windows = new ArrayList<>();
        List<Finding> raw = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, started_at, ended_at, queries"
                    + " FROM metadata.injected_anomalies WHERE run_id = ? ORDER BY started_at")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        windows.add(new Window(
                                rs.getString(1),
                                rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant(),
                                rs.getInt(4)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT anomaly_id, coalesce(simulated_at, detected_at),"
                    + " kind, severity, description FROM metadata.anomalies"
                    + " WHERE coalesce(simulated_at, detected_at) >= ? AND coalesce(simulated_at, detected_at) < ?"
                    + " ORDER BY 2, 1")) {
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        raw.add(new Finding(
                                rs.getLong(1),
                                rs.getTimestamp(2).toInstant(),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                false));
                    }
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<List<String>> matched = new ArrayList<>();
        windows.forEach(w -> matched.add(new ArrayList<>()));
        for (Finding f : raw) {
            boolean any = false;
            for (int i = 0; i < windows.size(); i++) {
                Window w = windows.get(i);
                if (!f.detectedAt().isBefore(w.startedAt().minus(tolerance))
                        && !f.detectedAt().isAfter(w.endedAt().plus(tolerance))) {
                    matched.get(i).add(f.kind());
                    any = true;
                }
            }
            findings.add(new Finding(f.id(), f.detectedAt(), f.kind(), f.severity(), f.description(), any));
        }
        List<Episode> episodes = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            episodes.add(new Episode(w.kind(), w.startedAt(), w.endedAt(), w.queries(), List.copyOf(matched.get(i))));
        }
        return new Result(episodes, findings, tolerance);
    }
}
