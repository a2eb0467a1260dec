package io.dwpilot.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TemplateMixTest {
    private static final int PICKS = 20_000;

    @Test
    void eachUserSendsItsShareOfEachComplexity() {
        for (UserType user : UserType.values()) {
            Map<Complexity, Integer> picked = new EnumMap<>(Complexity.class);
            TemplateMix mix = TemplateMix.forSpace(user, TestSpaces.retail(0.01));
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < PICKS; i++) {
                picked.merge(mix.next(random).complexity(), 1, Integer::sum);
            }
            for (Complexity complexity : Complexity.values()) {
                double share = picked.getOrDefault(complexity, 0) / (double) PICKS;
                assertThat(share).as("%s %s", user, complexity).isCloseTo(user.share(complexity), Offset.offset(0.02));
            }
        }
    }

    @Test
    void dashboardsAndBatchJobsKeepToTheirKinds() {
        assertThat(TemplateMix.forSpace(UserType.DASHBOARD, TestSpaces.retail(0))
                        .templates())
                .extracting(QueryTemplate::complexity)
                .containsOnly(Complexity.SIMPLE, Complexity.MEDIUM);
        assertThat(TemplateMix.forSpace(UserType.BATCH, TestSpaces.retail(0)).templates())
                .extracting(QueryTemplate::complexity)
                .containsOnly(Complexity.COMPLEX, Complexity.WRITE);
    }

    @Test
    void tpchTemplatesJoinOnlyWhenTpchIsLoaded() {
        assertThat(TemplateMix.forSpace(UserType.ANALYST, TestSpaces.retail(0)).templates())
                .noneMatch(t -> t.name().startsWith("tpch_"));
        assertThat(TemplateMix.forSpace(UserType.ANALYST, TestSpaces.retail(1)).templates())
                .anyMatch(t -> t.name().startsWith("tpch_"));
    }

    @Test
    void theSameSeedPicksTheSameTemplates() {
        TemplateMix mix = TemplateMix.forSpace(UserType.ANALYST, TestSpaces.retail(1));
        assertThat(picks(mix, 9)).isEqualTo(picks(mix, 9)).isNotEqualTo(picks(mix, 10));
    }

    @Test
    void aMixNeedsATemplateItsUserSends() {
        List<QueryTemplate> writesOnly = RetailTemplates.all().stream()
                .filter(t -> t.complexity() == Complexity.WRITE)
                .toList();
        assertThatThrownBy(() -> new TemplateMix(UserType.DASHBOARD, writesOnly))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> picks(TemplateMix mix, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return IntStream.range(0, 200).mapToObj(i -> mix.next(random).name()).toList();
    }
}
