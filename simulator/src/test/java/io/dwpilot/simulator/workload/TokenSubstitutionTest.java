package io.dwpilot.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenSubstitutionTest {

    @Test
    void tokensAreReplacedTogetherEverywhere() {
        String sql = "n1 = 'FRANCE' and n2 = 'GERMANY' or n1 = 'GERMANY' and n2 = 'FRANCE'";
        // A swap would come out wrong if the tokens were replaced one after the other.
        assertThat(TokenSubstitution.apply(sql, Map.of("'FRANCE'", "'GERMANY'", "'GERMANY'", "'FRANCE'")))
                .isEqualTo("n1 = 'GERMANY' and n2 = 'FRANCE' or n1 = 'FRANCE' and n2 = 'GERMANY'");
    }

    @Test
    void aMissingTokenIsABug() {
        assertThatThrownBy(() -> TokenSubstitution.apply("select 1", Map.of("'ASIA'", "'EUROPE'")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'ASIA'");
    }

    @Test
    void tpchTemplatesReplaceTheValidationValues() {
        QueryTemplate q6 = TpchTemplates.all().get(5);
        String sql = q6.render(new java.util.SplittableRandom(1), TestSpaces.retail(1));
        assertThat(q6.name()).isEqualTo("tpch_q06");
        assertThat(sql).doesNotContain("0.06 - 0.01").containsPattern("l_quantity < 2[45]");
    }
}
