package io.dwpilot.persistence.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QueryLogEntryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void whatIsNotSetIsEmpty() {
        QueryLogEntry entry = required().build();
        assertThat(entry)
                .isEqualTo(new QueryLogEntry(
                        OptionalLong.empty(),
                        "SELECT 1",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        "ann",
                        "analyst",
                        ExecutionStatus.OK,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        List.of(),
                        Optional.empty(),
                        T0,
                        Optional.empty(),
                        OptionalInt.empty(),
                        Optional.empty()));
    }

    @Test
    void eachRequiredFieldIsCheckedAtBuild() {
        assertThatThrownBy(() -> required().queryText(null).build()).hasMessageContaining("queryText");
        assertThatThrownBy(() -> required().userId(null).build()).hasMessageContaining("userId");
        assertThatThrownBy(() -> required().userRole(null).build()).hasMessageContaining("userRole");
        assertThatThrownBy(() -> required().status(null).build()).hasMessageContaining("status");
        assertThatThrownBy(() -> required().executedAt(null).build()).hasMessageContaining("executedAt");
    }

    @Test
    void toBuilderKeepsEveryField() {
        QueryLogEntry full = required()
                .queryId(OptionalLong.of(7))
                .fingerprint(Optional.of("fp"))
                .normalizedText(Optional.of("SELECT ?"))
                .statementKind(Optional.of("select"))
                .errorCode(Optional.of("57014"))
                .errorMessage(Optional.of("canceled"))
                .executionTimeMs(Optional.of(1.5))
                .queueTimeMs(Optional.of(0.5))
                .predictedTimeMs(Optional.of(2.0))
                .rowsReturned(Optional.of(3L))
                .truncated(true)
                .tablesAccessed(List.of("t"))
                .planChoice(Optional.of("p"))
                .simulatedAt(Optional.of(T0.plusSeconds(1)))
                .concurrentQueries(OptionalInt.of(4))
                .features(Optional.of(new FeatureRow(1, Map.of())))
                .build();
        assertThat(full.toBuilder().build()).isEqualTo(full);
        assertThat(full.withQueryId(8).queryId()).hasValue(8);
    }

    private static QueryLogEntry.Builder required() {
        return QueryLogEntry.builder()
                .queryText("SELECT 1")
                .userId("ann")
                .userRole("analyst")
                .status(ExecutionStatus.OK)
                .executedAt(T0);
    }
}
