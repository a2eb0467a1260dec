package io.dwpilot.http;

/**
 * A caller's input as an error message quotes it: at most a short prefix, so that a 100 KB value does not come back
 * whole in the answer (nor in the log).
 */
final class Quoted {
    static final int PREFIX = 80;

    private Quoted() {}

    /** The value's first {@link #PREFIX} characters, and "…" with its length when there was more. */
    static String prefix(String value) {
        if (value.length() <= PREFIX) {
            return value;
        }
        return value.substring(0, PREFIX) + "… (" + value.length() + " characters)";
    }

    /** The text cut to {@code max} characters, "…" marking the cut. */
    static String atMost(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
