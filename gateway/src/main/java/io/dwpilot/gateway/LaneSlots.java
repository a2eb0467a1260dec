package io.dwpilot.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The slots of one lane and the bounded queue in front of them. A statement asks for a slot before any thread is
 * given to it: it gets one at once, waits in the queue at most the lane's wait, or is turned away at once when the
 * queue is full (503) or its caller already has its share waiting (429). So overload shows as fast refusals, never
 * as a growing backlog of threads.
 *
 * <p>Fairness between callers: one caller holds at most {@code callerShare} of the lane's slots (rounded up, at least
 * one), so a flood from one token always leaves slots for the others, and a freed slot goes to the waiting callers in
 * turn rather than to whoever queued the most. The limit can change while statements hold slots; lowering it takes
 * nothing from a running statement. The lane also records its peak demand and refusals per window, for the governor.
 */
final class LaneSlots {
    private final Lane lane;
    private final Duration wait;
    private final AdmissionQueues queues;
    private final ScheduledExecutorService timer;
    private int limit;
    private int running;
    private int waitingCount;
    /** When the queue was last seen empty: a queue that stays non-empty longer than its standing rule's is standing. */
    private long emptyAt = System.nanoTime();

    private final Map<String, Integer> runningByCaller = new HashMap<>();
    /** Waiting statements per caller; iteration order is the order in which callers are served next. */
    private final LinkedHashMap<String, ArrayDeque<Waiter>> waiting = new LinkedHashMap<>();

    private long rejected;
    private int windowPeak;
    private long windowRejected;

    /**
     * A statement waiting for a slot; its future completes with the slot, or with the refusal when its wait ends.
     * {@code wait} is what the lane allowed it (counted from the statement's receipt).
     */
    private final class Waiter {
        final String caller;
        final CompletableFuture<Slot> granted = new CompletableFuture<>();
        final Duration wait;
        ScheduledFuture<?> expiry;

        Waiter(String caller, Duration wait) {
            this.caller = caller;
            this.wait = wait;
        }
    }

    /** A slot held by one statement of {@code caller}; give it back exactly once with {@link #release(Slot)}. */
    record Slot(Lane lane, String caller) {}

    LaneSlots(Lane lane, int limit, Duration wait, AdmissionQueues queues, ScheduledExecutorService timer) {
        this.lane = lane;
        this.limit = limit;
        this.wait = wait;
        this.queues = queues;
        this.timer = timer;
    }

    /**
     * A slot for a statement of {@code caller} received at {@code receivedNanos} ({@link System#nanoTime()}):
     * completed at once when one is free to it, later when one frees within the wait, or exceptionally with a
     * {@link GatewayRejection} (SATURATED, or OVER_QUOTA for a caller with its share already waiting). The wait counts
     * from receipt: time spent before admission (reading and estimating the statement on a busy server) is part of
     * it, so a refusal never comes later than the lane's wait.
     */
    CompletableFuture<Slot> acquire(String caller, long receivedNanos) {
        Waiter waiter;
        synchronized (this) {
            // waiters that could take a free slot were given one already: any still waiting are at their share
            if (running < limit && runningOf(caller) < callerCap() && !waiting.containsKey(caller)) {
                take(caller);
                notePeak();
                return CompletableFuture.completedFuture(new Slot(lane, caller));
            }
            ArrayDeque<Waiter> own = waiting.get(caller);
            if (own != null && own.size() >= queues.callerWaiting()) {
                return CompletableFuture.failedFuture(overQuota(caller));
            }
            if (waitingCount >= queues.capacityOf(lane)) {
                return CompletableFuture.failedFuture(queueFull());
            }
            long now = System.nanoTime();
            if (waitingCount == 0) {
                emptyAt = now;
            }
            AdmissionQueues.StandingQueue standing = queues.standingOf(lane);
            boolean isStanding = now - emptyAt > standing.after().toNanos();
            Duration allowed = isStanding && standing.maxWait().compareTo(wait) < 0 ? standing.maxWait() : wait;
            Duration left = allowed.minusNanos(now - receivedNanos);
            if (left.isNegative() || left.isZero()) {
                return CompletableFuture.failedFuture(waitedBeforeAdmission(allowed, now - receivedNanos));
            }
            waiter = new Waiter(caller, allowed);
            waiting.computeIfAbsent(caller, c -> new ArrayDeque<>()).add(waiter);
            waitingCount++;
            notePeak();
            waiter.expiry = timer.schedule(() -> expire(waiter), left.toNanos(), TimeUnit.NANOSECONDS);
        }
        // a slot may have freed while the statement was queued above, with no release left to hand it over
        grantFreeSlots();
        return waiter.granted;
    }

    void release(Slot slot) {
        synchronized (this) {
            running--;
            int left = runningByCaller.merge(slot.caller(), -1, Integer::sum);
            if (left <= 0) {
                runningByCaller.remove(slot.caller());
            }
        }
        grantFreeSlots();
    }

    void resize(int newLimit) {
        synchronized (this) {
            limit = newLimit;
        }
        grantFreeSlots();
    }

    /** Hands free slots to waiting callers in turn; the futures complete outside the lock. */
    private void grantFreeSlots() {
        List<Waiter> granted = new ArrayList<>();
        synchronized (this) {
            Waiter next;
            while (running < limit && (next = nextInTurn()) != null) {
                take(next.caller);
                granted.add(next);
            }
        }
        for (Waiter waiter : granted) {
            waiter.expiry.cancel(false);
            waiter.granted.complete(new Slot(lane, waiter.caller));
        }
    }

    /**
     * Takes the first waiting statement of the first caller in turn that is below its share of slots, and moves that
     * caller to the end of the turn order; null when no waiting caller may take a slot now.
     */
    private Waiter nextInTurn() {
        Iterator<Map.Entry<String, ArrayDeque<Waiter>>> callers =
                waiting.entrySet().iterator();
        while (callers.hasNext()) {
            Map.Entry<String, ArrayDeque<Waiter>> entry = callers.next();
            if (runningOf(entry.getKey()) < callerCap()) {
                ArrayDeque<Waiter> own = entry.getValue();
                Waiter next = own.poll();
                callers.remove();
                if (!own.isEmpty()) {
                    waiting.put(next.caller, own);
                }
                waitingCount--;
                noteIfEmpty();
                return next;
            }
        }
        return null;
    }

    private void expire(Waiter waiter) {
        synchronized (this) {
            ArrayDeque<Waiter> own = waiting.get(waiter.caller);
            if (own == null || !own.remove(waiter)) {
                return; // granted meanwhile
            }
            if (own.isEmpty()) {
                waiting.remove(waiter.caller);
            }
            waitingCount--;
            noteIfEmpty();
            rejected++;
            windowRejected++;
        }
        waiter.granted.completeExceptionally(new GatewayRejection(
                GatewayRejection.Reason.SATURATED,
                "All " + limit + " " + lane.label() + " execution slots stayed busy for the " + waiter.wait.toMillis()
                        + " ms a statement may wait"
                        + (waiter.wait.equals(wait) ? "" : " while the lane is overloaded"),
                1));
    }

    private GatewayRejection waitedBeforeAdmission(Duration allowed, long waitedNanos) {
        rejected++;
        windowRejected++;
        return new GatewayRejection(
                GatewayRejection.Reason.SATURATED,
                "The server took " + TimeUnit.NANOSECONDS.toMillis(waitedNanos) + " ms to read the statement, more than"
                        + " the " + allowed.toMillis() + " ms a " + lane.label() + " statement may wait",
                1);
    }

    private GatewayRejection queueFull() {
        rejected++;
        windowRejected++;
        return new GatewayRejection(
                GatewayRejection.Reason.SATURATED,
                "All " + limit + " " + lane.label() + " execution slots are busy and " + waitingCount
                        + " statements already wait for them",
                1);
    }

    private GatewayRejection overQuota(String caller) {
        rejected++;
        windowRejected++;
        return new GatewayRejection(
                GatewayRejection.Reason.OVER_QUOTA,
                caller + " already has " + queues.callerWaiting() + " " + lane.label()
                        + " statements waiting; send the next when one has finished",
                1);
    }

    private void noteIfEmpty() {
        if (waitingCount == 0) {
            emptyAt = System.nanoTime();
        }
    }

    private void take(String caller) {
        running++;
        runningByCaller.merge(caller, 1, Integer::sum);
    }

    private int runningOf(String caller) {
        return runningByCaller.getOrDefault(caller, 0);
    }

    private int callerCap() {
        return Math.max(1, (int) Math.ceil(limit * queues.callerShare()));
    }

    private void notePeak() {
        windowPeak = Math.max(windowPeak, running + waitingCount);
    }

    synchronized int limit() {
        return limit;
    }

    synchronized QueryGateway.LaneStats stats() {
        return new QueryGateway.LaneStats(lane.label(), running, waitingCount, limit, rejected);
    }

    /** The window's demand; the next window starts with what holds or waits for a slot now. */
    synchronized GatewayControls.LaneDemand takeDemand() {
        GatewayControls.LaneDemand demand = new GatewayControls.LaneDemand(windowPeak, windowRejected);
        windowPeak = running + waitingCount;
        windowRejected = 0;
        return demand;
    }
}
