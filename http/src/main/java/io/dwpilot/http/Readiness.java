package io.dwpilot.http;

import java.util.concurrent.atomic.AtomicReference;

/** Whether the server has finished preparing the warehouse, and what it is doing until then. */
public final class Readiness {
    private static final String READY = "ready";
    private final AtomicReference<String> phase = new AtomicReference<>("starting");

    public void phase(String description) {
        phase.set(description);
    }

    public void markReady() {
        phase.set(READY);
    }

    public boolean ready() {
        return READY.equals(phase.get());
    }

    public String phase() {
        return phase.get();
    }
}
