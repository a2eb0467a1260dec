package io.dwpilot.bench.steering;

import io.dwpilot.bench.indexes.BenchStatement;
import io.dwpilot.persistence.query.PlanArm;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;

/**
 * Every statement of a workload under every candidate hint set ({@link PlanArm}), on real executions: per statement a
 * warm-up run, then {@code rounds} rounds in which each arm runs once in a shuffled order (so that caching and drift
 * fall on all arms alike), each in a read-only transaction that is rolled back, reading every row, under a statement
 * timeout. The default plan runs twice per round under two names: the second ({@link #DEFAULT_AGAIN}) is the noise
 * floor, what the difference between two runs of the very same plan looks like.
 */
public final class ArmsBenchmark {
    /** The default plan once more: any "speed-up" of it is noise. */
    public static final PlanArm DEFAULT_AGAIN =
            new PlanArm("default-again", "the default plan once more: the noise floor", Map.of());

    /** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    public record Settings(int rounds, Duration timeout, long seed) {
        public Settings {
            if (rounds < 1 || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the arms benchmark needs rounds >= 1 and a positive timeout");
            }
        }
    }

    /** One statement under one arm: the median of its rounds (a timeout counts as the timeout) and its timeouts. */
    public record Cell(double medianMs, int timeouts) {}

    /** One statement under every arm, in the order of {@link #arms()}. */
    public record Measured(BenchStatement statement, Map<String, Cell> byArm) {}

    private final DataSource dataSource;
    private final Settings settings;
    private final List<PlanArm> arms;
    private final PrintStream out;

    public ArmsBenchmark(DataSource dataSource, Settings settings, List<PlanArm> candidates, PrintStream out) {
        this.dataSource = dataSource;
        this.settings = settings;
        List<PlanArm> all = new ArrayList<>(candidates);
        all.add(DEFAULT_AGAIN);
        this.arms = List.copyOf(all);
        this.out = out;
    }

    public List<PlanArm> arms() {
        return arms;
    }

    public List<Measured> run(List<BenchStatement> statements) throws SQLException {
        Random random = new Random(settings.seed());
        List<Measured> measured = new ArrayList<>();
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                for (int i = 0; i < statements.size(); i++) {
                    BenchStatement statement = statements.get(i);
                    time(c, s, PlanArm.DEFAULT, statement); // warms the cache; not counted
                    Map<String, List<Double>> samples = new LinkedHashMap<>();
                    Map<String, Integer> timeouts = new LinkedHashMap<>();
                    for (int round = 0; round < settings.rounds(); round++) {
                        List<PlanArm> order = new ArrayList<>(arms);
                        Collections.shuffle(order, random);
                        for (PlanArm arm : order) {
                            double ms = time(c, s, arm, statement);
                            samples.computeIfAbsent(arm.name(), a -> new ArrayList<>())
                                    .add(ms);
                            timeouts.merge(arm.name(), ms >= settings.timeout().toMillis() ? 1 : 0, Integer::sum);
                        }
                    }
                    Map<String, Cell> byArm = new LinkedHashMap<>();
                    for (PlanArm arm : arms) {
                        byArm.put(arm.name(), new Cell(median(samples.get(arm.name())), timeouts.get(arm.name())));
                    }
                    measured.add(new Measured(statement, byArm));
                    out.printf(
                            "  %d/%d %s: default %.1f ms, %.1f s so far%n",
                            i + 1,
                            statements.size(),
                            statement.label(),
                            byArm.get(PlanArm.DEFAULT.name()).medianMs(),
                            (System.nanoTime() - started) / 1e9);
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
        return measured;
    }

    /** One run in a transaction of its own, rolled back; a cancelled run counts as the timeout. */
    private double time(Connection c, Statement s, PlanArm arm, BenchStatement statement) throws SQLException {
        try {
            s.execute("SET LOCAL statement_timeout = " + settings.timeout().toMillis());
            arm.apply(s);
            long started = System.nanoTime();
            try (ResultSet rs = s.executeQuery(statement.sql())) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
            return (System.nanoTime() - started) / 1e6;
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                return settings.timeout().toMillis();
            }
            throw new SQLException(
                    "Statement " + statement.label() + " under " + arm.name() + " failed: " + e.getMessage(),
                    e.getSQLState(),
                    e);
        } finally {
            c.rollback();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
