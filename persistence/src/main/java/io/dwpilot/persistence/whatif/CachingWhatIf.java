package io.dwpilot.persistence.whatif;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers what-if answers by statement text and index set (the order of the indexes does not matter), in a
 * bounded least-recently-used map. Failures are not remembered. Two threads asking the same new question at once may
 * both reach the planner; the answer is the same either way.
 *
 * <p>Answers go stale when the data or its statistics change a lot (the planner's estimates move with ANALYZE):
 * callers {@link #clear()} the cache when they re-plan after such a change.
 */
public final class CachingWhatIf implements WhatIf {
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private record Key(String sql, Set<HypotheticalIndex> indexes) {}

    private final WhatIf delegate;
    private final Map<Key, PlanCost> cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public CachingWhatIf(WhatIf delegate) {
        this(delegate, DEFAULT_MAX_ENTRIES);
    }

    public CachingWhatIf(WhatIf delegate, int maxEntries) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, PlanCost> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public PlanCost cost(String sql, List<HypotheticalIndex> indexes) {
        Key key = new Key(sql, Set.copyOf(indexes));
        synchronized (cache) {
            PlanCost known = cache.get(key);
            if (known != null) {
                hits.incrementAndGet();
                return known;
            }
        }
        misses.incrementAndGet();
        PlanCost planned = delegate.cost(sql, indexes);
        synchronized (cache) {
            cache.put(key, planned);
        }
        return planned;
    }

    /** The evaluations that reached the planner: the delegate's count. */
    @Override
    public long calls() {
        return delegate.calls();
    }

    /** Answers given from the cache. */
    public long hits() {
        return hits.get();
    }

    /** Questions passed on to the delegate (including those that failed). */
    public long misses() {
        return misses.get();
    }

    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    public void clear() {
        synchronized (cache) {
            cache.clear();
        }
    }

    public WhatIf delegate() {
        return delegate;
    }
}
