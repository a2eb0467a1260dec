package io.dwpilot.models.index;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.SqlAnalyzer;
import org.junit.jupiter.api.Test;

class WorkloadQueryTest {
    private static final QueryAnalysis QUERY = new SqlAnalyzer().analyze("SELECT * FROM t WHERE a = $1");

    @Test
    void aWeightIsFiniteAndNotNegative() {
        assertThatThrownBy(() -> new WorkloadQuery(QUERY, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkloadQuery(QUERY, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
