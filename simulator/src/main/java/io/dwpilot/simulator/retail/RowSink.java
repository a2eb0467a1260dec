package io.dwpilot.simulator.retail;

/** Receives generated rows; a null value is SQL NULL. */
@FunctionalInterface
public interface RowSink {
    void accept(String[] values);
}
