package io.dwpilot.simulator.workload.run;

/** The dwpilot server the runner should drive does not answer, or is not ready. */
public final class ServerUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
