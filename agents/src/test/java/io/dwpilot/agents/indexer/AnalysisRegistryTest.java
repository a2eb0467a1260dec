package io.dwpilot.agents.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.indexer.AnalysisRun.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;

class AnalysisRegistryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T13:35:00Z"), ZoneOffset.UTC);
    private final List<CompletableFuture<String>> asked = new ArrayList<>();
    private final AnalysisRegistry registry = new AnalysisRegistry(this::ask, CLOCK);

    private CompletionStage<String> ask() {
        CompletableFuture<String> analysis = new CompletableFuture<>();
        asked.add(analysis);
        return analysis;
    }

    @Test
    void anAnalysisRunsUntilTheIndexerAnswersAndAskingAgainJoinsIt() {
        AnalysisRun first = registry.start();
        assertThat(first.status()).isEqualTo(Status.RUNNING);
        assertThat(registry.start().id()).isEqualTo(first.id());
        assertThat(asked).hasSize(1);

        asked.get(0).complete("analyzed 12 statements: 40 candidates");

        AnalysisRun done = registry.find(first.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Status.DONE);
        assertThat(done.summary()).contains("analyzed 12 statements: 40 candidates");
        assertThat(done.finishedAt()).contains(CLOCK.instant());
        AnalysisRun next = registry.start();
        assertThat(next.id()).isNotEqualTo(first.id());
        assertThat(asked).hasSize(2);
    }

    @Test
    void aRefusalIsKeptInTheIndexersWordsAndAnythingElseWithoutItsText() {
        AnalysisRun refused = registry.start();
        asked.get(0).completeExceptionally(new StatusReply.ErrorMessage("the indexer is busy building an index"));
        AnalysisRun broken = registry.start();
        asked.get(1).completeExceptionally(new IllegalStateException("org.postgresql.util.PSQLException: internals"));

        assertThat(registry.find(refused.id()).orElseThrow().message())
                .contains("the indexer is busy building an index");
        AnalysisRun failed = registry.find(broken.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.message()).contains("the analysis failed (see the server log)");
    }

    @Test
    void onlyTheLastAnalysesAreKept() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < AnalysisRegistry.KEPT + 3; i++) {
            ids.add(registry.start().id());
            asked.get(i).complete("summary " + i);
        }
        assertThat(registry.find(ids.get(0))).isEmpty();
        assertThat(registry.find(ids.get(2))).isEmpty();
        assertThat(registry.find(ids.get(3))).isPresent();
        assertThat(registry.find(ids.get(ids.size() - 1)).orElseThrow().summary())
                .contains("summary " + (ids.size() - 1));
        assertThat(registry.find("no-such-id")).isEmpty();
    }
}
