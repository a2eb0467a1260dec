package io.dwpilot.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** One statement sent through the front door, with optional limits below the gateway's maxima. */
public record QuerySubmission(
        String sql, Caller caller, OptionalInt maxRows, Optional<Duration> timeout, Optional<Instant> simulatedAt) {

    public static QuerySubmission of(String sql, Caller caller) {
        return new QuerySubmission(sql, caller, OptionalInt.empty(), Optional.empty(), Optional.empty());
    }
}
