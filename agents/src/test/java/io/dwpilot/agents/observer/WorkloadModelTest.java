package io.dwpilot.agents.observer;

import static io.dwpilot.agents.observer.Executions.ok;
import static io.dwpilot.agents.observer.Executions.outcome;
import static io.dwpilot.persistence.query.ExecutionStatus.ERROR;
import static io.dwpilot.persistence.query.ExecutionStatus.REJECTED;
import static io.dwpilot.persistence.query.ExecutionStatus.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WorkloadModelTest {
    /** A simulated instant on a 5-minute boundary. */
    private static final Instant T = Instant.parse("2025-03-10T10:00:00Z");

    private static Instant at(long minutes, long seconds) {
        return T.plus(Duration.ofMinutes(minutes)).plusSeconds(seconds);
    }

    /** The buckets of a series that counted something, by start instant. */
    private static Map<Instant, Long> nonZero(Observer.Series series) {
        Map<Instant, Long> out = new TreeMap<>();
        for (int i = 0; i < series.counts().size(); i++) {
            if (series.counts().get(i) > 0) {
                out.put(
                        series.start().plus(series.width().multipliedBy(i)),
                        series.counts().get(i));
            }
        }
        return out;
    }

    @Test
    void countsArrivalsPerMinuteAndPer5MinutesAtWorkloadTimeEvenOutOfOrder() {
        WorkloadModel model = new WorkloadModel(100, 50, 500);
        Instant now = at(12, 59);
        for (Instant when : List.of(at(12, 0), at(0, 30), at(7, 0), at(0, 0), at(12, 59), at(1, 1))) {
            assertThat(model.record(ok("a", when, 10, 1), now)).isTrue();
        }

        Observer.LoadView load = model.fingerprint("a", now).orElseThrow().load();
        assertThat(load.perMinute().counts()).hasSize(60);
        assertThat(load.perMinute().start()).isEqualTo(at(12, 0).minus(Duration.ofMinutes(59)));
        assertThat(nonZero(load.perMinute()))
                .containsExactlyEntriesOf(
                        new TreeMap<>(Map.of(at(0, 0), 2L, at(1, 0), 1L, at(7, 0), 1L, at(12, 0), 2L)));
        assertThat(load.perFiveMinutes().counts()).hasSize(288);
        assertThat(nonZero(load.perFiveMinutes()))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(at(0, 0), 3L, at(5, 0), 1L, at(10, 0), 2L)));
        assertThat(load.arrivalsLastMinute()).isEqualTo(2);
        assertThat(load.arrivalsLast5Minutes()).isEqualTo(2); // minutes 8 to 12
        assertThat(load.ok()).isEqualTo(6);
        assertThat(model.totals(now)).isEqualTo(load);
        assertThat(model.snapshot(now, 5, 0, Optional.empty()).arrivalsLast5Minutes())
                .isEqualTo(2);
        // an hour later, minute 0 has left the hour of minutes but not the day of 5-minute buckets
        Observer.LoadView later = model.totals(at(60, 0));
        assertThat(nonZero(later.perMinute())).containsOnlyKeys(at(1, 0), at(7, 0), at(12, 0));
        assertThat(nonZero(later.perFiveMinutes())).containsOnlyKeys(at(0, 0), at(5, 0), at(10, 0));
    }

    @Test
    void ignoresExecutionsOlderThanTheKeptDayOrLaterThanTheClock() {
        WorkloadModel model = new WorkloadModel(100, 50, 500);
        Instant now = T;
        assertThat(model.record(ok("a", T.minus(Duration.ofDays(1)), 10, 1), now))
                .isFalse();
        assertThat(model.record(ok("a", T.plusSeconds(1), 10, 1), now)).isFalse();
        assertThat(model.record(ok("a", T.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)), 10, 1), now))
                .isTrue();
        assertThat(model.record(ok("a", T.minus(Duration.ofMinutes(61)), 10, 1), now))
                .isTrue();

        Observer.LoadView load = model.fingerprint("a", now).orElseThrow().load();
        assertThat(load.ok()).isEqualTo(2);
        assertThat(nonZero(load.perMinute())).isEmpty(); // both kept ones are older than the hour of minutes
        assertThat(nonZero(load.perFiveMinutes()))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        T.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)),
                        1L,
                        T.minus(Duration.ofMinutes(65)),
                        1L)));
    }

    @Test
    void latencyQuantilesAreNearestRankOverTheRecentOkExecutions() {
        WorkloadModel model = new WorkloadModel(100, 10, 500);
        List<Integer> millis = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            millis.add(i);
        }
        Collections.shuffle(millis, new Random(7));
        for (int m : millis) {
            model.record(ok("a", T, m, m), T);
        }
        model.record(outcome("a", ERROR, T), T); // failures have no latency
        model.record(ok("a", T.minus(Duration.ofMinutes(10)), 5000, 0), T); // out of the snapshot's 5 minutes

        LatencySummary all = model.totals(T).recentLatency();
        assertThat(all).isEqualTo(new LatencySummary(101, 51, 96, 100, 5050.0 / 101));
        WorkloadSnapshot snapshot = model.snapshot(T, 5, 0, Optional.empty());
        assertThat(snapshot.p50Ms()).isEqualTo(50);
        assertThat(snapshot.p95Ms()).isEqualTo(95);
        // the fingerprint keeps only its last 10 ok executions
        LatencySummary recent = model.fingerprint("a", T).orElseThrow().load().recentLatency();
        List<Integer> last = new ArrayList<>(millis.subList(91, 100));
        last.add(5000);
        Collections.sort(last);
        assertThat(recent.samples()).isEqualTo(10);
        assertThat(recent.p50Ms()).isEqualTo((double) last.get(4));
        assertThat(recent.p99Ms()).isEqualTo(5000);
    }

    @Test
    void evictsTheLeastRecentlySeenFingerprintBeyondTheCap() {
        WorkloadModel model = new WorkloadModel(2, 10, 100);
        for (String fingerprint : List.of("a", "b", "a", "c")) {
            model.record(ok(fingerprint, T, 1, 1), T);
        }
        assertThat(model.fingerprints()).isEqualTo(2);
        assertThat(model.evicted()).isEqualTo(1);
        assertThat(model.fingerprint("b", T)).isEmpty();
        assertThat(model.fingerprint("a", T).orElseThrow().load().ok()).isEqualTo(2);
        assertThat(model.fingerprint("c", T)).isPresent();
        assertThat(model.totals(T).ok()).isEqualTo(4); // totals keep what evicted fingerprints brought
    }

    @Test
    void snapshotRanksTheBusiestOfTheLast5MinutesWithOutcomes() {
        WorkloadModel model = new WorkloadModel(100, 50, 500);
        Instant now = at(9, 0);
        model.record(ok("a", at(5, 0), 10, 2), now);
        model.record(ok("a", at(6, 0), 30, 4), now);
        model.record(outcome("a", TIMEOUT, at(9, 0)), now);
        model.record(ok("c", at(7, 0), 20, 1), now);
        model.record(outcome("c", REJECTED, at(8, 0)), now);
        model.record(outcome("c", ERROR, at(8, 30)), now);
        model.record(ok("b", at(8, 0), 40, 0), now);
        model.record(ok("d", at(4, 59), 50, 0), now); // minute 4: outside the last 5 minutes (5 to 9)

        WorkloadSnapshot snapshot = model.snapshot(now, 2, 3, Optional.empty());
        assertThat(snapshot.at()).isEqualTo(now);
        assertThat(snapshot.arrivalsLastMinute()).isEqualTo(1);
        assertThat(snapshot.arrivalsLast5Minutes()).isEqualTo(7);
        assertThat(snapshot.failedLast5Minutes()).isEqualTo(2);
        assertThat(snapshot.rejectedLast5Minutes()).isEqualTo(1);
        assertThat(snapshot.p50Ms()).isEqualTo(20); // 10, 20, 30, 40
        assertThat(snapshot.p95Ms()).isEqualTo(40);
        assertThat(snapshot.running()).isEqualTo(3);
        assertThat(snapshot.busiest())
                .containsExactly(
                        new WorkloadSnapshot.FingerprintLoad("a", "select", 3, 3, 1, 10, 30, 3, List.of("gold.a")),
                        new WorkloadSnapshot.FingerprintLoad("c", "select", 3, 2, 1, 20, 20, 1, List.of("gold.c")));
        assertThat(model.snapshot(now, 10, 0, Optional.empty()).busiest())
                .extracting(WorkloadSnapshot.FingerprintLoad::fingerprint)
                .containsExactly("a", "c", "b");

        Observer.FingerprintView c = model.fingerprint("c", now).orElseThrow();
        assertThat(c.tables()).containsExactly("gold.c");
        assertThat(c.columns()).containsExactly("gold.c.id", "gold.c.day");
        assertThat(c.firstSeen()).isEqualTo(at(7, 0));
        assertThat(c.lastSeen()).isEqualTo(at(8, 30));
        assertThat(c.load().rejected()).isEqualTo(1);
        assertThat(c.load().errors()).isEqualTo(1);
    }

    @Test
    void aClockThatWentBackToSimulatedTimeStartsTheWindowsOver() {
        WorkloadModel model = new WorkloadModel(100, 50, 500);
        model.record(Executions.wallOk("w", Executions.WALL), Executions.WALL);
        model.record(ok("s", T, 10, 1), T);

        assertThat(model.snapshot(T, 5, 0, Optional.empty()).busiest())
                .extracting(WorkloadSnapshot.FingerprintLoad::fingerprint)
                .containsExactly("s");
        Observer.LoadView totals = model.totals(T);
        assertThat(totals.arrivalsLast5Minutes()).isEqualTo(1);
        assertThat(totals.perFiveMinutes().counts().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(1);
    }
}
