package io.dwpilot.models.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.models.sql.ColumnRef;
import io.dwpilot.models.sql.ConstantFilter;
import io.dwpilot.models.sql.Fingerprint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexCandidateTest {
    private static final Map<Fingerprint, Double> SERVED = Map.of(Fingerprint.of("SELECT 1"), 1.0);

    @Test
    void ddlQuotesNamesThatAreNotPlainLowerCaseAndAddsThePredicate() {
        IndexCandidate candidate = new IndexCandidate(
                "Sales.order lines",
                List.of(KeyColumn.ascending("Region"), new KeyColumn("day", true)),
                List.of("total"),
                Optional.of(new ConstantFilter(new ColumnRef("orders", "status"), "status = 'open'")),
                SERVED);

        assertThat(candidate.ddl("lines_region_day"))
                .isEqualTo("CREATE INDEX CONCURRENTLY lines_region_day"
                        + " ON \"Sales\".\"order lines\" (\"Region\", day DESC) INCLUDE (total) WHERE status = 'open'");
    }

    @Test
    void anIndexHasOneToThreeKeyColumns() {
        assertThatThrownBy(() -> new IndexCandidate("t", List.of(), List.of(), Optional.empty(), SERVED))
                .isInstanceOf(IllegalArgumentException.class);
        List<KeyColumn> four =
                List.of("a", "b", "c", "d").stream().map(KeyColumn::ascending).toList();
        assertThatThrownBy(() -> new IndexCandidate("t", four, List.of(), Optional.empty(), SERVED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
