package io.dwpilot.gateway;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Admission control: one set of resizable slots per {@link Lane}, each with its own limit, bounded wait queue and
 * wait, asked before a statement gets a thread. One timer thread ends the waits that run out.
 */
final class Admission implements AutoCloseable {
    private final Map<Lane, LaneSlots> lanes = new EnumMap<>(Lane.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dwpilot-admission-timer");
        thread.setDaemon(true);
        return thread;
    });

    Admission(GatewaySettings settings) {
        AdmissionQueues queues = settings.queues();
        lanes.put(
                Lane.INTERACTIVE,
                new LaneSlots(Lane.INTERACTIVE, settings.maxConcurrent(), settings.admissionWait(), queues, timer));
        lanes.put(
                Lane.HEAVY,
                new LaneSlots(
                        Lane.HEAVY,
                        settings.heavy().maxConcurrent(),
                        settings.heavy().admissionWait(),
                        queues,
                        timer));
    }

    /**
     * A slot of the lane for a statement of {@code caller} received at {@code receivedNanos}, now or within the lane's
     * wait counted from receipt; or a failed future with a {@link GatewayRejection} (SATURATED, OVER_QUOTA).
     */
    CompletableFuture<LaneSlots.Slot> acquire(Lane lane, String caller, long receivedNanos) {
        return lanes.get(lane).acquire(caller, receivedNanos);
    }

    void release(LaneSlots.Slot slot) {
        lanes.get(slot.lane()).release(slot);
    }

    void resize(Lane lane, int limit) {
        lanes.get(lane).resize(limit);
    }

    int limit(Lane lane) {
        return lanes.get(lane).limit();
    }

    QueryGateway.LaneStats stats(Lane lane) {
        return lanes.get(lane).stats();
    }

    GatewayControls.Demand takeDemand() {
        return new GatewayControls.Demand(
                lanes.get(Lane.INTERACTIVE).takeDemand(), lanes.get(Lane.HEAVY).takeDemand());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
