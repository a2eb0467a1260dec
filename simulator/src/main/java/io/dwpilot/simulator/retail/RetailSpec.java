package io.dwpilot.simulator.retail;

import java.time.LocalDate;

/**
 * What one generated batch of the retail warehouse holds. Scale 1 is 10,000 customers, 1,000 products, 1,000,000
 * sales and 200,000 inventory movements over two years. Ids start after the given last ids, so that a batch
 * appended to a loaded warehouse continues it: its sales may reference every customer and product up to its own.
 */
public record RetailSpec(
        double scale,
        long seed,
        LocalDate startDate,
        int days,
        long lastCustomerId,
        long lastProductId,
        long lastTransactionId,
        long lastMovementId) {

    public static final LocalDate DEFAULT_START = LocalDate.of(2024, 11, 1);
    public static final int DEFAULT_DAYS = 730;
    public static final long DEFAULT_SEED = 42;
    /** Scale 10 (10 million sales) is what the generator is tested to handle; past it the time spent is the user's. */
    public static final double MAX_SCALE = 100;

    public RetailSpec {
        if (!(scale > 0) || scale > MAX_SCALE) {
            throw new IllegalArgumentException(
                    "scale must be greater than 0 and at most " + MAX_SCALE + ", got " + scale);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        if (lastCustomerId < 0 || lastProductId < 0 || lastTransactionId < 0 || lastMovementId < 0) {
            throw new IllegalArgumentException("last ids cannot be negative");
        }
    }

    /** A first batch into an empty warehouse. */
    public static RetailSpec initial(double scale, long seed) {
        return new RetailSpec(scale, seed, DEFAULT_START, DEFAULT_DAYS, 0, 0, 0, 0);
    }

    public long newCustomers() {
        return Math.max(1, Math.round(10_000 * scale));
    }

    public long newProducts() {
        return Math.max(1, Math.round(1_000 * scale));
    }

    public long sales() {
        return Math.max(1, Math.round(1_000_000 * scale));
    }

    public long movements() {
        return Math.max(1, Math.round(200_000 * scale));
    }

    public long maxCustomerId() {
        return lastCustomerId + newCustomers();
    }

    public long maxProductId() {
        return lastProductId + newProducts();
    }

    public LocalDate endDate() {
        return startDate.plusDays(days - 1L);
    }
}
