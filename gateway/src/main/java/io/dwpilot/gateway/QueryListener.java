package io.dwpilot.gateway;

/** Hears every execution. Called on the query's thread: implementations hand the event on and return at once. */
@FunctionalInterface
public interface QueryListener {
    void onExecuted(QueryExecuted event);
}
