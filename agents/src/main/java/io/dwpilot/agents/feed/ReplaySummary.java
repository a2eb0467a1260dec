package io.dwpilot.agents.feed;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a replay adds up to: decisions by agent and kind, by kind alone (the outcomes, such as kept or reverted, are
 * kinds), the journal lag (written − decided) and, for events that state when their decision took effect (a record
 * component {@code effectAt}, {@code appliedAt} or {@code verifiedAt}), the time from decision to effect.
 */
public final class ReplaySummary {
    /** Record components that say when a decision took effect. */
    static final Set<String> EFFECT_COMPONENTS = Set.of("effectAt", "appliedAt", "verifiedAt");

    /** The spread of some durations. */
    public record Spread(int count, Duration median, Duration max) {
        static Optional<Spread> of(List<Duration> values) {
            if (values.isEmpty()) {
                return Optional.empty();
            }
            List<Duration> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return Optional.of(
                    new Spread(sorted.size(), sorted.get((sorted.size() - 1) / 2), sorted.get(sorted.size() - 1)));
        }
    }

    private final Map<String, Map<String, Long>> byAgentAndKind = new TreeMap<>();
    private final Map<String, Long> byKind = new TreeMap<>();
    private final List<Duration> lags = new ArrayList<>();
    private final List<Duration> effects = new ArrayList<>();
    private Instant first;
    private Instant last;
    private long total;

    /** Adds one decision (in journal order). */
    public void add(PersistedDecision d) {
        Instant at = d.event().at();
        total++;
        first = first == null || at.isBefore(first) ? at : first;
        last = last == null || at.isAfter(last) ? at : last;
        byAgentAndKind
                .computeIfAbsent(d.event().agent(), a -> new TreeMap<>())
                .merge(d.event().kind().id(), 1L, Long::sum);
        byKind.merge(d.event().kind().id(), 1L, Long::sum);
        lags.add(Duration.between(at, d.persistedAt()));
        effectAt(d.event()).ifPresent(effect -> effects.add(Duration.between(at, effect)));
    }

    public long total() {
        return total;
    }

    public Optional<Instant> first() {
        return Optional.ofNullable(first);
    }

    public Optional<Instant> last() {
        return Optional.ofNullable(last);
    }

    /** Counts per agent, then per kind, both sorted by name. */
    public Map<String, Map<String, Long>> byAgentAndKind() {
        return Collections.unmodifiableMap(byAgentAndKind);
    }

    /** Counts per kind over all agents, sorted by kind. */
    public Map<String, Long> byKind() {
        return Collections.unmodifiableMap(byKind);
    }

    /** Written − decided. Agents decide on the workload clock, so under a simulator this is the clocks' offset. */
    public Optional<Spread> journalLag() {
        return Spread.of(lags);
    }

    /** Decided − took effect, for the decisions whose event states it. */
    public Optional<Spread> decisionToEffect() {
        return Spread.of(effects);
    }

    /** The first effect time an event states, if its record has one of {@link #EFFECT_COMPONENTS}. */
    static Optional<Instant> effectAt(Object event) {
        if (!event.getClass().isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (!EFFECT_COMPONENTS.contains(component.getName())) {
                continue;
            }
            try {
                Object value = component.getAccessor().invoke(event);
                if (value instanceof Optional<?> optional) {
                    value = optional.orElse(null);
                }
                if (value instanceof Instant instant) {
                    return Optional.of(instant);
                }
            } catch (ReflectiveOperationException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
