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
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The governor's decision rule, free of actors and clocks so it can be tested on its own.
 *
 * <p>Per lane, demand is the most statements that held or waited for a slot at once since the last evaluation plus
 * those turned away (each wanted a slot). The expected change is the forecast's peak arrivals over the lookahead
 * divided by the arrivals of the last 5 minutes: a ratio, so an accelerated clock does not matter; it is at least 1
 * (the governor never plans below what it sees) and at most {@code maxForecastRatio} (one wild forecast cannot take
 * every resource). A lane's need is {@code demand × ratio}, its target {@code ceil(need × headroom)} within the hard
 * bounds.
 *
 * <p>Hysteresis with two thresholds and a dwell, so that a small noisy demand (a heavy lane seeing 1 or 2 statements
 * at once) does not move the limit back and forth:
 *
 * <ul>
 *   <li>raise when the need exceeds the limit (statements waited, or the forecast expects more), to the target: the
 *       move is proportional to the gap, never a step of one. Within {@code dwell} of the lane's last change only
 *       when statements were turned away (urgent);
 *   <li>lower only when the need stayed at or below {@code lowerBelow × limit} at every evaluation for
 *       {@code lowerAfter} (counted from after the lane's last change: a change ends any low period), to the target of
 *       the highest need of that period, but never below the target of the forecast's peak within {@code lowerAfter}
 *       (a lowered limit stays at least that long, so lowering before a forecast rise would only be undone), and only
 *       when that still cuts as deep as the low rule alone could ({@code lowerBelow × headroom} of the limit). Longer
 *       than the dwell, so that a lane follows the day's peak rather than every lull of it.
 * </ul>
 *
 * A need between the two thresholds keeps the limit. The pool follows the lanes (one connection per slot of both).
 * Heavy statements share a work_mem budget: {@code budget ÷ heavy limit}, so when few heavy statements may run at
 * once each gets more memory to sort and hash without spilling, and when many may run the total stays within the
 * budget.
 */
public final class GovernorPolicy {
    private static final DateTimeFormatter HOUR_MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final GovernorSettings settings;

    public GovernorPolicy(GovernorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * What one evaluation looks at. {@code forecastPeak} is the forecast's busiest bucket within the lookahead,
     * {@code holdPeak} within {@code lowerAfter} (the least a lowered limit stays); both empty without a (current)
     * forecast.
     */
    public record Inputs(
            Instant at,
            GatewayControls.Demand demand,
            long arrivalsLast5Minutes,
            Optional<ForecastPeak> forecastPeak,
            Optional<ForecastPeak> holdPeak) {
        public Inputs {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(demand, "demand");
            forecastPeak = forecastPeak == null ? Optional.empty() : forecastPeak;
            holdPeak = holdPeak == null ? Optional.empty() : holdPeak;
        }
    }

    /** The forecast's busiest bucket ahead, in arrivals per 5 minutes, and when it starts. */
    public record ForecastPeak(double arrivalsPer5Minutes, Instant at) {}

    /**
     * What the policy remembers of one lane between evaluations: when its limit last changed (empty: not since the
     * governor started) and, while its need stays low, since when and the highest need of that low period.
     */
    public record LaneHold(Optional<Instant> changedAt, Optional<Instant> lowSince, double lowPeak) {
        public static final LaneHold NONE = new LaneHold(Optional.empty(), Optional.empty(), 0);

        public LaneHold {
            Objects.requireNonNull(changedAt, "changedAt");
            Objects.requireNonNull(lowSince, "lowSince");
        }

        static LaneHold changed(Instant at) {
            return new LaneHold(Optional.of(at), Optional.empty(), 0);
        }

        LaneHold notLow() {
            return new LaneHold(changedAt, Optional.empty(), 0);
        }

        LaneHold low(Instant at, double need) {
            return new LaneHold(changedAt, Optional.of(lowSince.orElse(at)), Math.max(lowPeak, need));
        }

        /** Whether a whole dwell has passed since the lane's last change (always, before its first). */
        boolean dwelt(Instant at, Duration dwell) {
            return changedAt.map(t -> !at.isBefore(t.plus(dwell))).orElse(true);
        }
    }

    /** Both lanes' holds. */
    public record Holds(LaneHold interactive, LaneHold heavy) {
        public static final Holds NONE = new Holds(LaneHold.NONE, LaneHold.NONE);

        LaneHold of(Lane lane) {
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
    public record Evaluation(Instant at, Limits from, Limits to, Holds holds, String reason, Numbers numbers) {
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

    public Evaluation evaluate(Inputs inputs, Limits current, Holds holds, LimitBounds bounds) {
        double ratio = ratio(inputs, inputs.forecastPeak());
        double holdRatio = ratio(inputs, inputs.holdPeak());
        List<String> reasons = new ArrayList<>();
        LaneStep interactive = step(Lane.INTERACTIVE, inputs, ratio, holdRatio, current, holds, bounds, reasons);
        LaneStep heavy = step(Lane.HEAVY, inputs, ratio, holdRatio, current, holds, bounds, reasons);
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
                new Holds(interactive.hold, heavy.hold),
                reasons.isEmpty() ? "no change" : String.join("; ", reasons),
                numbers);
    }

    private double ratio(Inputs inputs, Optional<ForecastPeak> forecastPeak) {
        if (inputs.arrivalsLast5Minutes() <= 0) {
            return 1;
        }
        return forecastPeak
                .map(peak -> Math.max(
                        1,
                        Math.min(
                                settings.maxForecastRatio(),
                                peak.arrivalsPer5Minutes() / inputs.arrivalsLast5Minutes())))
                .orElse(1.0);
    }

    private record LaneStep(int demand, int target, int next, LaneHold hold) {}

    private LaneStep step(
            Lane lane,
            Inputs inputs,
            double ratio,
            double holdRatio,
            Limits current,
            Holds holds,
            LimitBounds bounds,
            List<String> reasons) {
        GatewayControls.LaneDemand seen = inputs.demand().of(lane);
        int demand = (int) Math.min(Integer.MAX_VALUE, seen.peakConcurrency() + seen.rejected());
        double need = demand * ratio;
        LimitBounds.Range range = bounds.of(lane);
        int target = targetOf(need, range);
        int limit = current.limitOf(lane);
        LaneHold hold = holds.of(lane);
        Instant at = inputs.at();
        boolean dwelt = hold.dwelt(at, settings.dwell());
        String name = lane.label();
        if (need > limit && target > limit) {
            boolean urgent = seen.rejected() > 0;
            if (!dwelt && !urgent) {
                return keep(demand, target, limit, range, hold.notLow(), at, name, reasons);
            }
            reasons.add(name + " " + limit + "→" + target + raiseWhy(inputs, ratio, demand, need, limit)
                    + turnedAway(seen.rejected(), hold, at, dwelt));
            return new LaneStep(demand, target, target, LaneHold.changed(at));
        }
        if (need <= limit * settings.lowerBelow()) {
            LaneHold low = hold.low(at, need);
            Instant since = low.lowSince().orElseThrow();
            // a lowered limit must last lowerAfter: never below what the forecast expects within it
            int forecastFloor = targetOf(demand * holdRatio, range);
            int lowered = Math.max(targetOf(low.lowPeak(), range), forecastFloor);
            // a cut the forecast keeps smaller than the low rule's own would only add a change
            boolean worthACut = lowered <= Math.ceil(limit * settings.lowerBelow() * settings.headroom());
            if (!at.isBefore(since.plus(settings.lowerAfter())) && lowered < limit && worthACut) {
                reasons.add(String.format(
                                Locale.ROOT,
                                "%s %d→%d: need at most %.1f (≤ %.0f%% of %d) since %s, %d min",
                                name,
                                limit,
                                lowered,
                                low.lowPeak(),
                                settings.lowerBelow() * 100,
                                limit,
                                HOUR_MINUTE.format(since),
                                Duration.between(since, at).toMinutes())
                        + (forecastFloor == lowered && holdRatio > 1
                                ? inputs.holdPeak()
                                        .map(peak -> String.format(
                                                Locale.ROOT,
                                                ", kept for the forecast peak %.1fx at %s",
                                                holdRatio,
                                                HOUR_MINUTE.format(peak.at())))
                                        .orElse("")
                                : ""));
                return new LaneStep(demand, target, lowered, LaneHold.changed(at));
            }
            return keep(demand, target, limit, range, low, at, name, reasons);
        }
        return keep(demand, target, limit, range, hold.notLow(), at, name, reasons);
    }

    private int targetOf(double need, LimitBounds.Range range) {
        return range.clamp((int) Math.min(Integer.MAX_VALUE, Math.ceil(need * settings.headroom())));
    }

    /** Keeps the limit, but never outside the hard bounds (they may have been narrowed since it was set). */
    private static LaneStep keep(
            int demand,
            int target,
            int limit,
            LimitBounds.Range range,
            LaneHold hold,
            Instant at,
            String name,
            List<String> reasons) {
        int next = range.clamp(limit);
        if (next != limit) {
            reasons.add(name + " " + limit + "→" + next + " into its bounds " + range.min() + ".." + range.max());
            return new LaneStep(demand, target, next, LaneHold.changed(at));
        }
        return new LaneStep(demand, target, next, hold);
    }

    private static String raiseWhy(Inputs inputs, double ratio, int demand, double need, int limit) {
        String needed = String.format(Locale.ROOT, "need %.1f > limit %d", need, limit);
        return inputs.forecastPeak()
                .filter(peak -> ratio > 1)
                .map(peak -> " ahead of forecast peak " + String.format(Locale.ROOT, "%.1fx", ratio) + " at "
                        + HOUR_MINUTE.format(peak.at()) + " (demand " + demand + ", " + needed + ")")
                .orElse(" for demand " + demand + " (" + needed + ")");
    }

    private String turnedAway(long rejected, LaneHold hold, Instant at, boolean dwelt) {
        if (rejected == 0) {
            return "";
        }
        String urgency = dwelt
                ? ""
                : ", urgent: "
                        + Duration.between(hold.changedAt().orElseThrow(), at).toMinutes()
                        + " min after its last change, within the "
                        + settings.dwell().toMinutes() + " min dwell";
        return " with " + rejected + " turned away" + urgency;
    }

    private int workMem(int heavyLimit, Limits current, LimitBounds bounds) {
        if (settings.heavyMemoryBudgetMb() == 0) {
            return current.heavyWorkMemMb();
        }
        return bounds.heavyWorkMemMb().clamp(settings.heavyMemoryBudgetMb() / heavyLimit);
    }
}
