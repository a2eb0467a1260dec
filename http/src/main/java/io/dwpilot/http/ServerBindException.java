package io.dwpilot.http;

/** The HTTP server could not listen on its address. */
public final class ServerBindException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerBindException(String message, Throwable cause) {
        super(message, cause);
    }
}
