package io.dwpilot.agents.governor;

import io.dwpilot.gateway.GatewayControls;
import io.dwpilot.gateway.LimitBounds;
import io.dwpilot.gateway.Limits;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Gateway controls whose demand the test scripts; they record what was applied and how often demand was read. */
final class ScriptedControls implements GatewayControls {
    private final LimitBounds bounds;
    private final List<Limits> applied = new CopyOnWriteArrayList<>();
    private final AtomicInteger demandReads = new AtomicInteger();
    private volatile Limits current;
    private volatile Demand demand = new Demand(new LaneDemand(0, 0), new LaneDemand(0, 0));

    ScriptedControls(Limits start, LimitBounds bounds) {
        this.current = start;
        this.bounds = bounds;
    }

    void demand(int interactive, int heavy) {
        demand = new Demand(new LaneDemand(interactive, 0), new LaneDemand(heavy, 0));
    }

    List<Limits> applied() {
        return applied;
    }

    int demandReads() {
        return demandReads.get();
    }

    @Override
    public Limits current() {
        return current;
    }

    @Override
    public LimitBounds bounds() {
        return bounds;
    }

    @Override
    public void apply(Limits limits) {
        bounds.violation(limits).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        applied.add(limits);
        current = limits;
    }

    @Override
    public Demand takeDemand() {
        demandReads.incrementAndGet();
        return demand;
    }
}
