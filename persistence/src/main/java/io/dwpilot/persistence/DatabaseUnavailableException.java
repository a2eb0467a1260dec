package io.dwpilot.persistence;

/** The warehouse database cannot be started or reached; the message says which one and why. */
public final class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
