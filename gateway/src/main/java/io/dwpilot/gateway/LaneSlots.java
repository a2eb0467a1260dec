package io.dwpilot.gateway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The slots of one lane: a counting semaphore whose limit can change while statements hold slots. Lowering the limit
 * takes no slot away from a running statement; the lane simply admits no one until enough have finished. A statement
 * waits for a slot at most {@code wait}, then is turned away, so that overload shows as fast 503s rather than a
 * growing queue. It also records the lane's peak demand and rejections per window, for the governor.
 */
final class LaneSlots {
    private final Lane lane;
    private final Duration wait;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition freed = lock.newCondition();
    private int limit;
    private int running;
    private int waiting;
    private long rejected;
    private int windowPeak;
    private long windowRejected;

    LaneSlots(Lane lane, int limit, Duration wait) {
        this.lane = lane;
        this.limit = limit;
        this.wait = wait;
    }

    /** Takes a slot or throws {@link GatewayRejection} with reason SATURATED. */
    void acquire() {
        lock.lock();
        try {
            if (running >= limit) {
                awaitSlot();
            }
            running++;
            windowPeak = Math.max(windowPeak, running + waiting);
        } finally {
            lock.unlock();
        }
    }

    private void awaitSlot() {
        waiting++;
        windowPeak = Math.max(windowPeak, running + waiting);
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(wait.toMillis());
            while (running >= limit) {
                if (left <= 0) {
                    throw turnAway();
                }
                left = freed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw turnAway();
        } finally {
            waiting--;
        }
    }

    private GatewayRejection turnAway() {
        rejected++;
        windowRejected++;
        return new GatewayRejection(
                GatewayRejection.Reason.SATURATED,
                "All " + limit + " " + lane.label() + " execution slots are busy and none freed within "
                        + wait.toMillis() + " ms",
                1);
    }

    void release() {
        lock.lock();
        try {
            running--;
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    void resize(int newLimit) {
        lock.lock();
        try {
            limit = newLimit;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    QueryGateway.LaneStats stats() {
        lock.lock();
        try {
            return new QueryGateway.LaneStats(lane.label(), running, waiting, limit, rejected);
        } finally {
            lock.unlock();
        }
    }

    /** The window's demand; the next window starts with what holds or waits for a slot now. */
    GatewayControls.LaneDemand takeDemand() {
        lock.lock();
        try {
            GatewayControls.LaneDemand demand = new GatewayControls.LaneDemand(windowPeak, windowRejected);
            windowPeak = running + waiting;
            windowRejected = 0;
            return demand;
        } finally {
            lock.unlock();
        }
    }
}
