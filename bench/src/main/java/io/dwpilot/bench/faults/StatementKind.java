package io.dwpilot.bench.faults;

/** The two kinds of statement the load sends: cheap reads of the gold layer, and slow ones. */
public enum StatementKind {
    INTERACTIVE,
    HEAVY
}
