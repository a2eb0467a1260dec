package io.dwpilot.agents.governor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * How the governor plans (config {@code dwpilot.agents.governor}, documented in reference.conf): it evaluates every
 * {@code interval} of workload time (checked every {@code tick} of wall time), looks {@code lookahead} into the
 * forecast, plans {@code headroom} above the expected need, raises when the need exceeds a lane's limit but lowers
 * only after the need stayed at or below {@code lowerBelow} of the limit for {@code lowerAfter}, changes a lane at
 * most once per {@code dwell} unless statements were turned away, trusts a forecast at most
 * {@code maxForecastRatio} times the current load, and shares {@code heavyMemoryBudgetMb} of work_mem among the heavy
 * lane's slots (0: leaves work_mem alone). The hard bounds are the gateway's.
 */
public record GovernorSettings(
        Duration interval,
        Duration tick,
        Duration lookahead,
        double headroom,
        double lowerBelow,
        Duration lowerAfter,
        Duration dwell,
        double maxForecastRatio,
        int heavyMemoryBudgetMb) {
    public GovernorSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(lookahead, "lookahead");
        Objects.requireNonNull(lowerAfter, "lowerAfter");
        Objects.requireNonNull(dwell, "dwell");
        if (headroom < 1
                || lowerBelow <= 0
                || lowerBelow >= 1
                || lowerAfter.isNegative()
                || dwell.isNegative()
                || maxForecastRatio < 1
                || heavyMemoryBudgetMb < 0) {
            throw new IllegalArgumentException("governor settings need headroom >= 1, 0 < lower-below < 1,"
                    + " lower-after and dwell >= 0, max-forecast-ratio >= 1 and a budget >= 0");
        }
    }

    public static GovernorSettings fromConfig(Config governor) {
        return new GovernorSettings(
                governor.getDuration("interval"),
                governor.getDuration("tick"),
                governor.getDuration("lookahead"),
                governor.getDouble("headroom"),
                governor.getDouble("lower-below"),
                governor.getDuration("lower-after"),
                governor.getDuration("dwell"),
                governor.getDouble("max-forecast-ratio"),
                governor.getInt("heavy-memory-budget-mb"));
    }

    /** The defaults of the agents' reference.conf. */
    public static GovernorSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference().getConfig("dwpilot.agents.governor"));
    }

    public GovernorSettings withTick(Duration newTick) {
        return new GovernorSettings(
                interval,
                newTick,
                lookahead,
                headroom,
                lowerBelow,
                lowerAfter,
                dwell,
                maxForecastRatio,
                heavyMemoryBudgetMb);
    }

    public GovernorSettings withDwell(Duration newDwell) {
        return new GovernorSettings(
                interval,
                tick,
                lookahead,
                headroom,
                lowerBelow,
                lowerAfter,
                newDwell,
                maxForecastRatio,
                heavyMemoryBudgetMb);
    }

    public GovernorSettings withHeavyMemoryBudgetMb(int newBudgetMb) {
        return new GovernorSettings(
                interval, tick, lookahead, headroom, lowerBelow, lowerAfter, dwell, maxForecastRatio, newBudgetMb);
    }
}
