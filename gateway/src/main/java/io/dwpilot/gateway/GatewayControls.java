package io.dwpilot.gateway;

/**
 * The knobs the resource governor turns in the gateway, and what it reads to decide: the current limits, their hard
 * bounds, and each lane's demand since the governor last looked.
 */
public interface GatewayControls {
    Limits current();

    LimitBounds bounds();

    /**
     * Applies new limits at once: lane limits change without disturbing running statements (a lowered lane admits
     * again when enough of them finished), the query pool grows or shrinks as connections are returned.
     *
     * @throws IllegalArgumentException when the limits break the {@link #bounds()}; nothing is changed then
     */
    void apply(Limits limits);

    /** Each lane's demand since the previous call (or since start); every call begins a new window. */
    Demand takeDemand();

    /** Both lanes' demand over one window. */
    record Demand(LaneDemand interactive, LaneDemand heavy) {
        public LaneDemand of(Lane lane) {
            return lane == Lane.INTERACTIVE ? interactive : heavy;
        }
    }

    /**
     * One lane's demand over a window: the most statements that held or waited for one of its slots at once, and
     * how many it turned away (each one a statement that wanted a slot and found none).
     */
    record LaneDemand(int peakConcurrency, long rejected) {}
}
