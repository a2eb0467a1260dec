package io.dwpilot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.query.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QueryExecutedTest {
    private static QueryExecuted executed(String sql) {
        return new QueryExecuted(
                OptionalLong.of(1),
                "fp",
                "select",
                List.of(),
                List.of(),
                new Caller("ann", Role.ANALYST),
                ExecutionStatus.OK,
                1,
                1,
                Instant.EPOCH,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                sql);
    }

    @Test
    void theTextIsCutAtThreeHundredCharacters() {
        String select = "SELECT 1";
        assertThat(executed(select).sql()).isEqualTo(select);
        String exactly = "x".repeat(QueryExecuted.SQL_EXCERPT);
        assertThat(executed(exactly).sql()).isEqualTo(exactly);
        String longer = "SELECT '" + "y".repeat(500) + "'";
        assertThat(executed(longer).sql()).hasSize(300).isEqualTo(longer.substring(0, 300));
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00"; // one character, two chars
        String sql = "x".repeat(299) + emoji + "tail";
        assertThat(executed(sql).sql()).isEqualTo("x".repeat(299));
    }

    @Test
    void theShortConstructorHasNoText() {
        assertThat(new QueryExecuted(
                                1,
                                "fp",
                                "select",
                                List.of(),
                                List.of(),
                                new Caller("ann", Role.ANALYST),
                                ExecutionStatus.OK,
                                1,
                                1,
                                Instant.EPOCH,
                                Optional.empty())
                        .sql())
                .isEmpty();
    }
}
