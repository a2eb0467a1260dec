package io.dwpilot.simulator.load;

/** A bulk load failed; the message says what and whether bronze was left unchanged. */
public final class LoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
