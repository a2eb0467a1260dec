package io.dwpilot.gateway;

/** The gateway refused a statement before running it. */
public final class GatewayRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The caller's role may not run this kind of statement. */
        FORBIDDEN,
        /** The front door does not run this kind of statement for anyone (transaction control, what EXPLAIN cannot plan). */
        UNSUPPORTED,
        /** Too many statements are running; the caller may retry after {@link #retryAfterSeconds()}. */
        SATURATED,
        /** The caller already has its share of statements waiting; it may retry after {@link #retryAfterSeconds()}. */
        OVER_QUOTA
    }

    private final Reason reason;
    private final int retryAfterSeconds;

    public GatewayRejection(Reason reason, String message, int retryAfterSeconds) {
        super(message);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Reason reason() {
        return reason;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
