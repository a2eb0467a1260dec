package io.dwpilot.persistence.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.Rows;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExecutionStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Database database;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("execution_status");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void theLabelsAreThoseQueryLogsStatusCheckAllows() throws SQLException {
        String check = Rows.strings(
                        database.systemPool(),
                        "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                                + " WHERE conname = 'query_logs_status_check'")
                .get(0);
        Matcher quoted = Pattern.compile("'([^']*)'").matcher(check);
        List<String> allowed = quoted.results().map(m -> m.group(1)).toList();
        assertThat(Arrays.stream(ExecutionStatus.values()).map(ExecutionStatus::label))
                .containsExactlyInAnyOrderElementsOf(allowed);
    }

    @Test
    void jsonAndTextShowTheLabel() throws Exception {
        assertThat(JSON.writeValueAsString(ExecutionStatus.EXPLAINED)).isEqualTo("\"explained\"");
        assertThat(JSON.readValue("\"timeout\"", ExecutionStatus.class)).isEqualTo(ExecutionStatus.TIMEOUT);
        assertThat(ExecutionStatus.of("ok")).isEqualTo(ExecutionStatus.OK);
        assertThat(ExecutionStatus.REJECTED).hasToString("rejected");
        assertThatThrownBy(() -> ExecutionStatus.of("OK")).isInstanceOf(IllegalArgumentException.class);
    }
}
