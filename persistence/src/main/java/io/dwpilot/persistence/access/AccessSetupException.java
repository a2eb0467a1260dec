package io.dwpilot.persistence.access;

/** dwpilot cannot run users' statements under least-privilege roles here; the message says what to do. */
public final class AccessSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessSetupException(String message, Throwable cause) {
        super(message, cause);
    }

    public AccessSetupException(String message) {
        super(message);
    }
}
