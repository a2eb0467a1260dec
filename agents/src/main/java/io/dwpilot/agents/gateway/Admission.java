package io.dwpilot.agents.gateway;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admission control: at most {@code maxConcurrent} statements run at once; a statement waits for a slot at most
 * {@code wait}, then is turned away, so that overload shows as fast 503s rather than a growing queue.
 */
final class Admission {
    private final Semaphore slots;
    private final Duration wait;
    private final int maxConcurrent;

    Admission(int maxConcurrent, Duration wait) {
        this.slots = new Semaphore(maxConcurrent, true);
        this.wait = wait;
        this.maxConcurrent = maxConcurrent;
    }

    /** Takes a slot or throws {@link GatewayRejection} with reason SATURATED. */
    void acquire() {
        try {
            if (slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new GatewayRejection(GatewayRejection.Reason.SATURATED, "All " + maxConcurrent
                + " execution slots are busy and none freed within " + wait.toMillis() + " ms", 1);
    }

    void release() {
        slots.release();
    }

    int running() {
        return maxConcurrent - slots.availablePermits();
    }
}
