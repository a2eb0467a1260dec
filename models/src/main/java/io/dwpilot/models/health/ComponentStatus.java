package io.dwpilot.models.health;

import java.util.Locale;

/** Where a component's value lies against its thresholds; unknown when it could not be measured. */
public enum ComponentStatus {
    OK,
    WARNING,
    CRITICAL,
    UNKNOWN;

    /** The API's name: ok, warning, critical, unknown. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
