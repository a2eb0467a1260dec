package io.dwpilot.agents.governor;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.governor.GovernorPolicy.Evaluation;
import io.dwpilot.agents.governor.GovernorPolicy.ForecastPeak;
import io.dwpilot.agents.governor.GovernorPolicy.Holds;
import io.dwpilot.agents.governor.GovernorPolicy.Inputs;
import io.dwpilot.gateway.GatewayControls.Demand;
import io.dwpilot.gateway.GatewayControls.LaneDemand;
import io.dwpilot.gateway.GatewaySettings;
import io.dwpilot.gateway.Lane;
import io.dwpilot.gateway.LimitBounds;
import io.dwpilot.gateway.LimitBounds.Range;
import io.dwpilot.gateway.Limits;
import io.dwpilot.persistence.observations.Forecast;
import io.dwpilot.persistence.observations.ForecastPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GovernorPolicyTest {
    private static final Instant NOW = Instant.parse("2026-03-02T13:35:00Z");
    private static final GovernorSettings SETTINGS = GovernorSettings.defaults();
    private static final LimitBounds BOUNDS =
            new LimitBounds(new Range(2, 32), new Range(1, 8), new Range(4, 40), new Range(4, 256));
    private static final Limits START = new Limits(16, 4, 20, 64);
    private static final int EVALUATIONS_PER_DAY = 288;
    /** Evaluations of low need before a lane is lowered: 36 of 5 minutes in 3 hours. */
    private static final int LOW_EVALUATIONS =
            (int) (SETTINGS.lowerAfter().toMinutes() / SETTINGS.interval().toMinutes());

    private final GovernorPolicy policy = new GovernorPolicy(SETTINGS);

    private static Inputs inputs(int interactive, int heavy, long arrivals, Optional<ForecastPeak> peak) {
        return new Inputs(
                NOW, new Demand(new LaneDemand(interactive, 0), new LaneDemand(heavy, 0)), arrivals, peak, peak);
    }

    @Test
    void theDefaultsLoadFromTheReferenceConfiguration() {
        Config config = ConfigFactory.load();
        GatewaySettings gateway = GatewaySettings.fromConfig(config);
        assertThat(gateway.heavyThreshold()).isEqualTo(Duration.ofMillis(250));
        assertThat(gateway.bounds().interactive()).isEqualTo(new Range(4, 48));
        assertThat(GovernorSettings.fromConfig(config.getConfig("dwpilot.agents.governor")))
                .isEqualTo(new GovernorSettings(
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(1),
                        Duration.ofHours(1),
                        1.25,
                        0.5,
                        Duration.ofHours(3),
                        Duration.ofHours(1),
                        3.0,
                        256));
    }

    @Test
    void aSteadyLoadWithinTheBandChangesNothing() {
        Evaluation evaluation = policy.evaluate(inputs(12, 3, 100, Optional.empty()), START, Holds.NONE, BOUNDS);
        assertThat(evaluation.changed()).isFalse();
        assertThat(evaluation.to()).isEqualTo(START);
        assertThat(evaluation.reason()).isEqualTo("no change");
    }

    @Test
    void theLimitIsRaisedAheadOfAForecastPeak() {
        ForecastPeak peak = new ForecastPeak(180, Instant.parse("2026-03-02T14:05:00Z"));
        Evaluation evaluation = policy.evaluate(inputs(12, 3, 100, Optional.of(peak)), START, Holds.NONE, BOUNDS);
        // 12 × 1.8 × 1.25 = 27 interactive, 3 × 1.8 × 1.25 = 6.75 → 7 heavy, the pool holds both
        assertThat(evaluation.to()).isEqualTo(new Limits(27, 7, 34, 36));
        assertThat(evaluation.reason()).startsWith("interactive 16→27 ahead of forecast peak 1.8x at 14:05");
        assertThat(evaluation.numbers().ratio()).isEqualTo(1.8);
        assertThat(evaluation.numbers().interactiveTarget()).isEqualTo(27);
    }

    @Test
    void rejectionsCountAsDemandAndAForecastBelowTheLoadNeverPlansBelowIt() {
        Demand demand = new Demand(new LaneDemand(16, 4), new LaneDemand(2, 0));
        Evaluation evaluation = policy.evaluate(
                new Inputs(NOW, demand, 100, Optional.of(new ForecastPeak(40, NOW.plusSeconds(600))), Optional.empty()),
                START,
                Holds.NONE,
                BOUNDS);
        assertThat(evaluation.numbers().ratio()).isEqualTo(1.0);
        assertThat(evaluation.to().interactive()).isEqualTo(25); // (16 + 4) × 1.25
        assertThat(evaluation.reason())
                .contains("interactive 16→25 for demand 20 (need 20.0 > limit 16) with 4 turned away");
    }

    @Test
    void theBoundsAreNeverExceeded() {
        Evaluation flood = policy.evaluate(
                new Inputs(
                        NOW,
                        new Demand(new LaneDemand(500, 900), new LaneDemand(300, 50)),
                        10,
                        Optional.of(new ForecastPeak(10_000, NOW)),
                        Optional.empty()),
                START,
                Holds.NONE,
                BOUNDS);
        assertThat(flood.to()).isEqualTo(new Limits(32, 8, 40, 32));
        assertThat(flood.numbers().ratio()).isEqualTo(3.0); // a wild forecast is capped

        Random random = new Random(7);
        Limits limits = START;
        Holds holds = Holds.NONE;
        for (int i = 0; i < 2_000; i++) {
            Optional<ForecastPeak> peak =
                    random.nextBoolean() ? Optional.of(new ForecastPeak(random.nextInt(1_000), NOW)) : Optional.empty();
            Evaluation e = policy.evaluate(
                    new Inputs(
                            NOW,
                            new Demand(
                                    new LaneDemand(random.nextInt(80), random.nextInt(5)),
                                    new LaneDemand(random.nextInt(20), random.nextInt(3))),
                            random.nextInt(300),
                            peak,
                            peak),
                    limits,
                    holds,
                    BOUNDS);
            assertThat(BOUNDS.violation(e.to())).isEmpty();
            limits = e.to();
            holds = e.holds();
        }
    }

    @Test
    void limitsOutsideNarrowedBoundsAreBroughtBackWithin() {
        Evaluation evaluation =
                policy.evaluate(inputs(30, 8, 100, Optional.empty()), new Limits(40, 8, 48, 32), Holds.NONE, BOUNDS);
        assertThat(evaluation.to().interactive()).isEqualTo(32);
        assertThat(BOUNDS.violation(evaluation.to())).isEmpty();
    }

    @Test
    void aNeedBetweenTheThresholdsKeepsTheLimit() {
        Trace trace = new Trace(START);
        int[] noisy = {10, 16, 9, 12, 15, 11, 11, 16, 10, 9, 14, 12, 10, 13, 16, 9};
        for (int demand : noisy) { // above 50 % of 16, never above 16
            assertThat(trace.next(demand, 3, 0).changed()).isFalse();
        }
        assertThat(trace.limits).isEqualTo(START);
    }

    @Test
    void aSteadyGentleLoadChangesTheLimitsAtMostSixTimesADay() {
        Random random = new Random(16);
        Trace trace = new Trace(START);
        for (int evaluation = 0; evaluation < EVALUATIONS_PER_DAY; evaluation++) {
            // The default workload's shape: a heavy lane seeing 1 or 2 statements at once, an interactive one 3..9.
            trace.next(3 + random.nextInt(7), 1 + random.nextInt(2), 0);
        }
        assertThat(trace.changes).as(trace.reasons.toString()).hasSizeLessThanOrEqualTo(6);
        assertThat(trace.limits.heavy()).isBetween(2, 3);
        assertThat(trace.reasons).allSatisfy(reason -> assertThat(reason).isNotEqualTo("no change"));
    }

    @Test
    void aDailyCurveMovesEachLaneAFewTimesNotEveryFewMinutes() {
        Random random = new Random(61);
        Trace trace = new Trace(START);
        for (int evaluation = 0; evaluation < EVALUATIONS_PER_DAY; evaluation++) {
            double hour = evaluation / 12.0;
            double busy = Math.max(0, Math.sin((hour - 6) / 24 * 2 * Math.PI)); // quiet at night, a midday peak
            trace.next(
                    2 + (int) Math.round(busy * 8) + random.nextInt(3),
                    1 + (int) Math.round(busy * 2) + random.nextInt(2),
                    0);
        }
        // Down from the configured limits, up twice in the morning, down twice at night (the synthetic night is 12
        // hours long): not the 28 a day of a policy that moved by one slot whenever its target did.
        assertThat(trace.changes).as(trace.reasons.toString()).hasSizeLessThanOrEqualTo(8);
        for (Lane lane : Lane.values()) {
            List<Instant> changedAt = trace.changes.stream()
                    .filter(e -> e.from().limitOf(lane) != e.to().limitOf(lane))
                    .map(Evaluation::at)
                    .toList();
            for (int i = 1; i < changedAt.size(); i++) { // nothing was turned away: every change waited its dwell
                assertThat(Duration.between(changedAt.get(i - 1), changedAt.get(i)))
                        .as("%s changes %s", lane, changedAt)
                        .isGreaterThanOrEqualTo(SETTINGS.dwell());
            }
        }
    }

    @Test
    void rejectionsRaiseAtOnceEvenWithinTheDwellAndInProportionToTheGap() {
        Trace trace = new Trace(new Limits(8, 2, 10, 128));
        trace.next(12, 1, 0); // waiting statements: a raise, not urgent
        assertThat(trace.limits.interactive()).isEqualTo(15);

        trace.next(16, 1, 0); // 5 minutes later: waiting alone does not move the lane within its dwell
        assertThat(trace.limits.interactive()).isEqualTo(15);
        assertThat(trace.changes).hasSize(1);

        Evaluation burst = trace.next(15, 1, 9); // 10 minutes after the raise, 9 turned away
        assertThat(burst.to().interactive()).isEqualTo(30); // (15 + 9) × 1.25, not 16
        assertThat(burst.reason())
                .startsWith("interactive 15→30 for demand 24 (need 24.0 > limit 15) with 9 turned away,"
                        + " urgent: 10 min after its last change, within the 60 min dwell")
                .contains("pool 17→32");
    }

    @Test
    void aFallingLoadLowersTheLimitOnceAfterLowerAfterToTheHighestNeedOfThatPeriod() {
        Trace trace = new Trace(START);
        trace.next(12, 3, 0);
        trace.next(9, 3, 0);
        int[] low = {6, 5, 6, 4, 5}; // need ≤ 8 from the third evaluation (13:45) on
        for (int i = 0; i < LOW_EVALUATIONS; i++) {
            assertThat(trace.next(low[i % low.length], 3, 0).changed()).isFalse();
        }
        Evaluation lowered = trace.next(4, 3, 0);
        assertThat(lowered.to().interactive()).isEqualTo(8); // ceil(6 × 1.25)
        assertThat(lowered.reason())
                .startsWith("interactive 16→8: need at most 6.0 (≤ 50% of 16) since 13:45, 180 min");
        trace.next(5, 3, 0);
        assertThat(trace.changes).hasSize(1);
    }

    @Test
    void aLimitIsNeverLoweredBelowWhatTheForecastExpectsBeforeTheLoweredLimitCouldBeRaisedAgain() {
        Trace trace = new Trace(START);
        for (int i = 0; i < LOW_EVALUATIONS; i++) {
            trace.next(4, 3, 0);
        }
        // 100 arrivals in the last 5 minutes, 200 expected within lower-after: 4 × 2 × 1.25 = 10, not 5
        trace.holdPeak = Optional.of(new ForecastPeak(200, NOW.plus(Duration.ofHours(5))));
        Evaluation lowered = trace.next(4, 3, 0);
        assertThat(lowered.to().interactive()).isEqualTo(10);
        assertThat(lowered.reason())
                .startsWith("interactive 16→10: need at most 4.0")
                .contains("kept for the forecast peak 2.0x at 18:35");

        Trace expectingMore = new Trace(START);
        for (int i = 0; i < LOW_EVALUATIONS; i++) {
            expectingMore.next(4, 3, 0);
        }
        // 4 × 2.4 × 1.25 = 12: a cut to 12 is shallower than the low rule's deepest (16 × 0.5 × 1.25 = 10)
        expectingMore.holdPeak = Optional.of(new ForecastPeak(240, NOW.plus(Duration.ofHours(5))));
        assertThat(expectingMore.next(4, 3, 0).changed()).isFalse();
    }

    @Test
    void oneBusyEvaluationStartsTheLowPeriodOver() {
        Trace trace = new Trace(START);
        for (int i = 0; i < LOW_EVALUATIONS; i++) {
            trace.next(4, 3, 0);
        }
        trace.next(10, 3, 0); // above 50 % of 16: the low period ends
        for (int i = 0; i < LOW_EVALUATIONS; i++) {
            trace.next(4, 3, 0);
        }
        assertThat(trace.changes).isEmpty();
        trace.next(4, 3, 0);
        assertThat(trace.limits.interactive()).isEqualTo(5); // ceil(4 × 1.25)
    }

    @Test
    void heavyStatementsShareTheWorkMemBudget() {
        Trace trace = new Trace(START);
        for (int i = 0; i <= LOW_EVALUATIONS; i++) {
            trace.next(12, 1, 0);
        }
        assertThat(trace.limits.heavy()).isEqualTo(2);
        assertThat(trace.limits.heavyWorkMemMb()).isEqualTo(128);
        assertThat(trace.reasons.get(0)).contains("heavy 4→2: need at most 1.0").contains("work_mem 64→128MB");

        GovernorPolicy untouched = new GovernorPolicy(SETTINGS.withHeavyMemoryBudgetMb(0));
        assertThat(untouched
                        .evaluate(inputs(12, 8, 100, Optional.empty()), START, Holds.NONE, BOUNDS)
                        .to()
                        .heavyWorkMemMb())
                .isEqualTo(64);
    }

    /** Evaluations every 5 minutes from {@code NOW}, each starting from the last one's limits and holds. */
    private final class Trace {
        private Limits limits;
        private Holds holds = Holds.NONE;
        private Instant at = NOW;
        /** The forecast's peak within lower-after, beyond the lookahead: it bounds lowering only. */
        private Optional<ForecastPeak> holdPeak = Optional.empty();

        private final List<Evaluation> changes = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();

        Trace(Limits start) {
            this.limits = start;
        }

        Evaluation next(int interactive, int heavy, long interactiveRejected) {
            Evaluation e = policy.evaluate(
                    new Inputs(
                            at,
                            new Demand(new LaneDemand(interactive, interactiveRejected), new LaneDemand(heavy, 0)),
                            100,
                            Optional.empty(),
                            holdPeak),
                    limits,
                    holds,
                    BOUNDS);
            if (e.changed()) {
                changes.add(e);
                reasons.add(e.reason());
            }
            limits = e.to();
            holds = e.holds();
            at = at.plus(SETTINGS.interval());
            return e;
        }
    }

    @Test
    void thePeakIsTheBusiestBucketWithinTheLookaheadPer5Minutes() {
        Forecast forecast = new Forecast(
                "holt-winters",
                Optional.empty(),
                NOW,
                "total",
                15,
                List.of(
                        ForecastPoint.of(NOW.minusSeconds(900), 900, 0, 0),
                        ForecastPoint.of(NOW, 300, 0, 0),
                        ForecastPoint.of(NOW.plusSeconds(1800), 600, 0, 0),
                        ForecastPoint.of(NOW.plusSeconds(3600), 1200, 0, 0)));
        assertThat(GovernorPolicy.peakOf(forecast, NOW, Duration.ofHours(1)))
                .contains(new ForecastPeak(200, NOW.plusSeconds(1800)));
        assertThat(GovernorPolicy.peakOf(forecast, NOW.plusSeconds(7200), Duration.ofHours(1)))
                .isEmpty();
    }
}
