package io.dwpilot.agents.governor;

import io.dwpilot.gateway.GatewayControls;
import io.dwpilot.gateway.Lane;
import io.dwpilot.gateway.LimitBounds;
import io.dwpilot.gateway.Limits;
import io.dwpilot.persistence.observations.Forecast;
import io.dwpilot.persistence.observations.ForecastPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The governor's decision rule, free of actors and clocks so it can be tested on its own.
 *
 * <p>Per lane, demand is the most statements that held or waited for a slot at once since the last evaluation plus
 * those turned away (each wanted a slot). The expected change is the forecast's peak arrivals over the lookahead
 * divided by the arrivals of the last 5 minutes: a ratio, so an accelerated clock does not matter; it is at least 1
 * (the governor never plans below what it sees) and at most {@code maxForecastRatio} (one wild forecast cannot take
 * every resource). The target is {@code ceil(demand × ratio × headroom)} within the hard bounds. A target above the
 * limit is taken at once, ahead of the peak; a target below {@code limit × (1 − band)} only after {@code lowerAfter}
 * consecutive such evaluations (hysteresis: a noisy demand inside the band never moves the limit). The pool follows
 * the lanes (one connection per slot of both). Heavy statements share a work_mem budget: {@code budget ÷ heavy
 * limit}, so when few heavy statements may run at once each gets more memory to sort and hash without spilling, and
 * when many may run the total stays within the budget.
 */
public final class GovernorPolicy {
    private static final DateTimeFormatter HOUR_MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final GovernorSettings settings;

    public GovernorPolicy(GovernorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** What one evaluation looks at. {@code forecastPeak} is empty without a (current) forecast. */
    public record Inputs(
            Instant at, GatewayControls.Demand demand, long arrivalsLast5Minutes, Optional<ForecastPeak> forecastPeak) {
        public Inputs {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(demand, "demand");
            forecastPeak = forecastPeak == null ? Optional.empty() : forecastPeak;
        }
    }

    /** The forecast's busiest bucket ahead, in arrivals per 5 minutes, and when it starts. */
    public record ForecastPeak(double arrivalsPer5Minutes, Instant at) {}

    /** How many evaluations in a row each lane's target stayed below its limit by more than the band. */
    public record Streaks(int interactive, int heavy) {
        public static final Streaks NONE = new Streaks(0, 0);

        int of(Lane lane) {
            return lane == Lane.INTERACTIVE ? interactive : heavy;
        }
    }

    /** The numbers an evaluation decided on, journaled with every change. */
    public record Numbers(
            int interactiveDemand,
            int heavyDemand,
            long arrivalsLast5Minutes,
            Optional<ForecastPeak> forecastPeak,
            double ratio,
            int interactiveTarget,
            int heavyTarget) {
        public Numbers {
            forecastPeak = forecastPeak == null ? Optional.empty() : forecastPeak;
        }
    }

    /** One evaluation: the limits before and after ({@code to} equals {@code from} when nothing changes). */
    public record Evaluation(Instant at, Limits from, Limits to, Streaks streaks, String reason, Numbers numbers) {
        public boolean changed() {
            return !from.equals(to);
        }
    }

    /** The busiest bucket of {@code forecast} that starts in [{@code now}, {@code now + lookahead}). */
    public static Optional<ForecastPeak> peakOf(Forecast forecast, Instant now, Duration lookahead) {
        Instant end = now.plus(lookahead);
        double per5Minutes = (double) FIVE_MINUTES.toMinutes() / Math.max(1, forecast.bucketMinutes());
        return forecast.points().stream()
                .filter(p -> !p.bucketStart().isBefore(now) && p.bucketStart().isBefore(end))
                .max(Comparator.comparingDouble(ForecastPoint::predicted))
                .map(p -> new ForecastPeak(p.predicted() * per5Minutes, p.bucketStart()));
    }

    public Evaluation evaluate(Inputs inputs, Limits current, Streaks streaks, LimitBounds bounds) {
        double ratio = ratio(inputs);
        List<String> reasons = new ArrayList<>();
        LaneStep interactive = step(Lane.INTERACTIVE, inputs, ratio, current, streaks, bounds, reasons);
        LaneStep heavy = step(Lane.HEAVY, inputs, ratio, current, streaks, bounds, reasons);
        int pool = bounds.poolSize().clamp(interactive.next + heavy.next);
        if (pool != current.poolSize()) {
            reasons.add("pool " + current.poolSize() + "→" + pool + " to hold both lanes");
        }
        int workMem = workMem(heavy.next, current, bounds);
        if (workMem != current.heavyWorkMemMb()) {
            reasons.add("work_mem " + current.heavyWorkMemMb() + "→" + workMem + "MB (budget "
                    + settings.heavyMemoryBudgetMb() + "MB ÷ " + heavy.next + " heavy slots)");
        }
        Numbers numbers = new Numbers(
                interactive.demand,
                heavy.demand,
                inputs.arrivalsLast5Minutes(),
                inputs.forecastPeak(),
                ratio,
                interactive.target,
                heavy.target);
        return new Evaluation(
                inputs.at(),
                current,
                new Limits(interactive.next, heavy.next, pool, workMem),
                new Streaks(interactive.streak, heavy.streak),
                reasons.isEmpty() ? "no change" : String.join("; ", reasons),
                numbers);
    }

    private double ratio(Inputs inputs) {
        if (inputs.arrivalsLast5Minutes() <= 0) {
            return 1;
        }
        return inputs.forecastPeak()
                .map(peak -> Math.max(
                        1,
                        Math.min(
                                settings.maxForecastRatio(),
                                peak.arrivalsPer5Minutes() / inputs.arrivalsLast5Minutes())))
                .orElse(1.0);
    }

    private record LaneStep(int demand, int target, int next, int streak) {}

    private LaneStep step(
            Lane lane,
            Inputs inputs,
            double ratio,
            Limits current,
            Streaks streaks,
            LimitBounds bounds,
            List<String> reasons) {
        GatewayControls.LaneDemand seen = inputs.demand().of(lane);
        int demand = (int) Math.min(Integer.MAX_VALUE, seen.peakConcurrency() + seen.rejected());
        LimitBounds.Range range = bounds.of(lane);
        int target = range.clamp((int) Math.min(Integer.MAX_VALUE, Math.ceil(demand * ratio * settings.headroom())));
        int limit = current.limitOf(lane);
        String name = lane.label();
        if (target > limit) {
            reasons.add(name + " " + limit + "→" + target + raiseWhy(inputs, ratio, demand));
            return new LaneStep(demand, target, target, 0);
        }
        if (target < limit * (1 - settings.band())) {
            int streak = streaks.of(lane) + 1;
            if (streak >= settings.lowerAfter()) {
                reasons.add(name + " " + limit + "→" + target + " after " + streak + " low evaluations (demand "
                        + demand + ")");
                return new LaneStep(demand, target, target, 0);
            }
            return keep(demand, target, limit, range, streak, name, reasons);
        }
        return keep(demand, target, limit, range, 0, name, reasons);
    }

    /** Keeps the limit, but never outside the hard bounds (they may have been narrowed since it was set). */
    private static LaneStep keep(
            int demand, int target, int limit, LimitBounds.Range range, int streak, String name, List<String> reasons) {
        int next = range.clamp(limit);
        if (next != limit) {
            reasons.add(name + " " + limit + "→" + next + " into its bounds " + range.min() + ".." + range.max());
        }
        return new LaneStep(demand, target, next, streak);
    }

    private static String raiseWhy(Inputs inputs, double ratio, int demand) {
        return inputs.forecastPeak()
                .filter(peak -> ratio > 1)
                .map(peak -> " ahead of forecast peak " + String.format("%.1fx", ratio) + " at "
                        + HOUR_MINUTE.format(peak.at()) + " (demand " + demand + ")")
                .orElse(" for demand " + demand);
    }

    private int workMem(int heavyLimit, Limits current, LimitBounds bounds) {
        if (settings.heavyMemoryBudgetMb() == 0) {
            return current.heavyWorkMemMb();
        }
        return bounds.heavyWorkMemMb().clamp(settings.heavyMemoryBudgetMb() / heavyLimit);
    }
}
