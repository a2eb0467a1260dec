package io.dwpilot.gateway;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the threads that run admitted statements, so that a thread dump shows which ones hold a database session. */
final class StatementThreads implements ThreadFactory {
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "dwpilot-statement-" + next.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
