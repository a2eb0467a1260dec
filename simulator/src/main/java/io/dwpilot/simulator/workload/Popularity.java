package io.dwpilot.simulator.workload;

import io.dwpilot.simulator.retail.ZipfSampler;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which ids users ask about: Zipf-skewed like the sales themselves, so a few hot customers and products take a large
 * share of the lookups. Samplers are cached per range size (building one costs O(n)); they are immutable, so renders
 * on many threads share them.
 */
enum Popularity {
    CUSTOMERS(0xC057_0BEEL),
    PRODUCTS(0x9B0D_0C75L);

    /** The generator's skew: queries are as concentrated as the purchases. */
    private static final double SKEW = 1.05;

    private final long shuffleSeed;
    private final Map<Long, ZipfSampler> samplers = new ConcurrentHashMap<>();

    Popularity(long shuffleSeed) {
        this.shuffleSeed = shuffleSeed;
    }

    long draw(SplittableRandom random, ParameterSpace.IdRange range) {
        ZipfSampler sampler = samplers.computeIfAbsent(
                range.size(), size -> new ZipfSampler(Math.toIntExact(size), SKEW, shuffleSeed));
        return range.min() - 1 + sampler.next(random);
    }
}
