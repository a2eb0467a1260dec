package io.dwpilot.agents.trainer;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why the trainer retrains. Journaled, and shown, by its {@link #id()}, the lower-case name ({@code new_data}). */
public enum Trigger {
    /** A person asked. */
    MANUAL,
    /** The cost model's online q-error passed its limit. */
    DRIFT,
    /** Enough executions arrived since the last training. */
    NEW_DATA,
    /** The schedule is due. */
    SCHEDULE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
