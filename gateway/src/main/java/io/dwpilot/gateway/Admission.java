package io.dwpilot.gateway;

import java.util.EnumMap;
import java.util.Map;

/** Admission control: one set of resizable slots per {@link Lane}, each with its own limit and wait. */
final class Admission {
    private final Map<Lane, LaneSlots> lanes = new EnumMap<>(Lane.class);

    Admission(GatewaySettings settings) {
        lanes.put(
                Lane.INTERACTIVE, new LaneSlots(Lane.INTERACTIVE, settings.maxConcurrent(), settings.admissionWait()));
        lanes.put(
                Lane.HEAVY,
                new LaneSlots(
                        Lane.HEAVY,
                        settings.heavy().maxConcurrent(),
                        settings.heavy().admissionWait()));
    }

    /** Takes a slot of the lane or throws {@link GatewayRejection} with reason SATURATED. */
    void acquire(Lane lane) {
        lanes.get(lane).acquire();
    }

    void release(Lane lane) {
        lanes.get(lane).release();
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
}
