package io.dwpilot.simulator.workload.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.simulator.workload.ParameterSpace;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyInjectorTest {
    static final ParameterSpace SPACE = new ParameterSpace(
            new ParameterSpace.IdRange(1, 10_000),
            new ParameterSpace.IdRange(1, 1_000),
            new ParameterSpace.IdRange(1, 1_000_000),
            new ParameterSpace.IdRange(1, 1_030_000),
            new ParameterSpace.IdRange(1, 206_000),
            LocalDate.of(2024, 11, 1),
            LocalDate.of(2026, 10, 31),
            List.of("books", "electronics"),
            List.of("Europe", "West"),
            List.of("mobile", "online", "store"),
            List.of("WH-01", "WH-02"),
            List.of("consumer", "corporate"),
            50,
            0);
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void theSameSeedPlansTheSameEpisodesAndStatements() {
        List<AnomalyEpisode> first = new AnomalyInjector(7, SPACE, 8).schedule(START, WEEK, 6);
        List<AnomalyEpisode> second = new AnomalyInjector(7, SPACE, 8).schedule(START, WEEK, 6);
        assertThat(first).isEqualTo(second);
        assertThat(new AnomalyInjector(8, SPACE, 8).schedule(START, WEEK, 6)).isNotEqualTo(first);
    }

    @Test
    void episodesStayInsideTheHorizonInOrderAndCoverEveryKind() {
        List<AnomalyEpisode> episodes = new AnomalyInjector(1, SPACE, 4).schedule(START, WEEK, 4);
        assertThat(episodes).hasSize(4);
        assertThat(episodes.stream().map(AnomalyEpisode::kind)).containsExactlyInAnyOrder(AnomalyKind.values());
        Instant previousEnd = START;
        for (AnomalyEpisode e : episodes) {
            assertThat(e.start()).isAfterOrEqualTo(previousEnd);
            assertThat(e.end()).isAfter(e.start()).isBeforeOrEqualTo(START.plus(WEEK));
            assertThat(e.statements()).isNotEmpty().allSatisfy(s -> {
                assertThat(s.dueAt()).isBetween(e.start(), e.end());
                assertThat(s.sql()).isNotBlank();
            });
            previousEnd = e.end();
        }
    }

    @Test
    void aSpikeSendsManyStatementsAtOnceAndFailuresFail() {
        List<AnomalyEpisode> episodes = new AnomalyInjector(3, SPACE, 8).schedule(START, WEEK, 4);
        AnomalyEpisode spike = episodes.stream()
                .filter(e -> e.kind() == AnomalyKind.RESOURCE_SPIKE)
                .findFirst()
                .orElseThrow();
        assertThat(spike.statements()).hasSizeGreaterThanOrEqualTo(24);
        Duration window = Duration.between(spike.start(), spike.end());
        assertThat(Duration.between(
                        spike.start(),
                        spike.statements().get(spike.statements().size() - 1).dueAt()))
                .isLessThanOrEqualTo(window.dividedBy(10));
        assertThat(new AnomalyInjector(3, SPACE, 8).schedule(START, WEEK, 0)).isEmpty();
    }
}
