package io.dwpilot.agents.governor;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.governor.GovernorPolicy.Evaluation;
import io.dwpilot.agents.governor.GovernorPolicy.ForecastPeak;
import io.dwpilot.agents.governor.GovernorPolicy.Inputs;
import io.dwpilot.agents.governor.GovernorPolicy.Streaks;
import io.dwpilot.gateway.GatewayControls.Demand;
import io.dwpilot.gateway.GatewayControls.LaneDemand;
import io.dwpilot.gateway.GatewaySettings;
import io.dwpilot.gateway.LimitBounds;
import io.dwpilot.gateway.LimitBounds.Range;
import io.dwpilot.gateway.Limits;
import io.dwpilot.persistence.observations.Forecast;
import io.dwpilot.persistence.observations.ForecastPoint;
import java.time.Duration;
import java.time.Instant;
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
    private final GovernorPolicy policy = new GovernorPolicy(SETTINGS);

    private static Inputs inputs(int interactive, int heavy, long arrivals, Optional<ForecastPeak> peak) {
        return new Inputs(NOW, new Demand(new LaneDemand(interactive, 0), new LaneDemand(heavy, 0)), arrivals, peak);
    }

    @Test
    void theDefaultsLoadFromTheReferenceConfiguration() {
        Config config = ConfigFactory.load();
        GatewaySettings gateway = GatewaySettings.fromConfig(config);
        assertThat(gateway.heavyThreshold()).isEqualTo(Duration.ofMillis(250));
        assertThat(gateway.bounds().interactive()).isEqualTo(new Range(4, 48));
        assertThat(GovernorSettings.fromConfig(config.getConfig("dwpilot.agents.governor")))
                .isEqualTo(new GovernorSettings(
                        Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofHours(1), 1.25, 0.2, 3, 3.0, 256));
    }

    @Test
    void aSteadyLoadWithinTheBandChangesNothing() {
        Evaluation evaluation = policy.evaluate(inputs(12, 3, 100, Optional.empty()), START, Streaks.NONE, BOUNDS);
        assertThat(evaluation.changed()).isFalse();
        assertThat(evaluation.to()).isEqualTo(START);
        assertThat(evaluation.reason()).isEqualTo("no change");
    }

    @Test
    void theLimitIsRaisedAheadOfAForecastPeak() {
        ForecastPeak peak = new ForecastPeak(180, Instant.parse("2026-03-02T14:05:00Z"));
        Evaluation evaluation = policy.evaluate(inputs(12, 3, 100, Optional.of(peak)), START, Streaks.NONE, BOUNDS);
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
                new Inputs(NOW, demand, 100, Optional.of(new ForecastPeak(40, NOW.plusSeconds(600)))),
                START,
                Streaks.NONE,
                BOUNDS);
        assertThat(evaluation.numbers().ratio()).isEqualTo(1.0);
        assertThat(evaluation.to().interactive()).isEqualTo(25); // (16 + 4) × 1.25
        assertThat(evaluation.reason()).contains("interactive 16→25 for demand 20");
    }

    @Test
    void theBoundsAreNeverExceeded() {
        Evaluation flood = policy.evaluate(
                new Inputs(
                        NOW,
                        new Demand(new LaneDemand(500, 900), new LaneDemand(300, 50)),
                        10,
                        Optional.of(new ForecastPeak(10_000, NOW))),
                START,
                Streaks.NONE,
                BOUNDS);
        assertThat(flood.to()).isEqualTo(new Limits(32, 8, 40, 32));
        assertThat(flood.numbers().ratio()).isEqualTo(3.0); // a wild forecast is capped

        Random random = new Random(7);
        Limits limits = START;
        Streaks streaks = Streaks.NONE;
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
                            peak),
                    limits,
                    streaks,
                    BOUNDS);
            assertThat(BOUNDS.violation(e.to())).isEmpty();
            limits = e.to();
            streaks = e.streaks();
        }
    }

    @Test
    void limitsOutsideNarrowedBoundsAreBroughtBackWithin() {
        Evaluation evaluation =
                policy.evaluate(inputs(30, 8, 100, Optional.empty()), new Limits(40, 8, 48, 32), Streaks.NONE, BOUNDS);
        assertThat(evaluation.to().interactive()).isEqualTo(32);
        assertThat(BOUNDS.violation(evaluation.to())).isEmpty();
    }

    @Test
    void aNoisyDemandInsideTheBandNeverFlaps() {
        Limits limits = START;
        Streaks streaks = Streaks.NONE;
        int[] noisy = {10, 12, 11, 10, 12, 12, 10, 11, 10, 12, 11, 10};
        for (int demand : noisy) { // targets 13..15: below the limit of 16, not below 16 × 0.8
            Evaluation e = policy.evaluate(inputs(demand, 3, 100, Optional.empty()), limits, streaks, BOUNDS);
            assertThat(e.to().interactive()).isEqualTo(16);
            assertThat(e.streaks().interactive()).isZero();
            limits = e.to();
            streaks = e.streaks();
        }
    }

    @Test
    void theLimitIsLoweredOnlyAfterThreeLowEvaluationsInARow() {
        Limits limits = START;
        Streaks streaks = Streaks.NONE;
        int[] demands = {4, 4, 12, 4, 4, 4};
        int[] expected = {16, 16, 16, 16, 16, 5};
        for (int i = 0; i < demands.length; i++) {
            Evaluation e = policy.evaluate(inputs(demands[i], 3, 100, Optional.empty()), limits, streaks, BOUNDS);
            assertThat(e.to().interactive()).as("evaluation %d", i).isEqualTo(expected[i]);
            limits = e.to();
            streaks = e.streaks();
        }
        assertThat(streaks.interactive()).isZero();
    }

    @Test
    void heavyStatementsShareTheWorkMemBudget() {
        Evaluation fewer = policy.evaluate(inputs(12, 1, 100, Optional.empty()), START, new Streaks(0, 2), BOUNDS);
        assertThat(fewer.to().heavy()).isEqualTo(2);
        assertThat(fewer.to().heavyWorkMemMb()).isEqualTo(128);
        assertThat(fewer.reason()).contains("heavy 4→2 after 3 low evaluations").contains("work_mem 64→128MB");

        GovernorPolicy untouched = new GovernorPolicy(SETTINGS.withHeavyMemoryBudgetMb(0));
        assertThat(untouched
                        .evaluate(inputs(12, 1, 100, Optional.empty()), START, new Streaks(0, 2), BOUNDS)
                        .to()
                        .heavyWorkMemMb())
                .isEqualTo(64);
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
