package io.dwpilot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LaneSlotsTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private LaneSlots lane(int limit, Duration wait, AdmissionQueues queues) {
        return new LaneSlots(Lane.INTERACTIVE, limit, wait, queues, timer);
    }

    private static AdmissionQueues queues(int capacity, double callerShare, int callerWaiting) {
        AdmissionQueues.StandingQueue never =
                new AdmissionQueues.StandingQueue(Duration.ofHours(1), Duration.ofHours(1));
        return new AdmissionQueues(capacity, capacity, never, never, callerShare, callerWaiting);
    }

    @Test
    void aFreeSlotIsGivenAtOnceAndAFullLaneRefusesWhenTheWaitRunsOut() throws Exception {
        LaneSlots slots = lane(1, Duration.ofMillis(200), queues(10, 1.0, 10));
        assertThat(slots.acquire("a", System.nanoTime())).isCompleted();

        long started = System.nanoTime();
        CompletableFuture<LaneSlots.Slot> waiting = slots.acquire("a", System.nanoTime());
        assertThat(waiting).isNotDone();
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        GatewayRejection.class,
                        r -> assertThat(r.reason()).isEqualTo(GatewayRejection.Reason.SATURATED));
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(waitedMs).isBetween(150L, 2_000L);
        assertThat(slots.stats().waiting()).isZero();
        assertThat(slots.stats().rejected()).isEqualTo(1);
    }

    @Test
    void theWaitCountsFromReceiptSoTimeSpentBeforeAdmissionIsPartOfIt() throws Exception {
        LaneSlots slots = lane(1, Duration.ofSeconds(2), queues(10, 1.0, 10));
        slots.acquire("a", System.nanoTime()).join();

        long receivedLongAgo = System.nanoTime() - Duration.ofSeconds(3).toNanos();
        CompletableFuture<LaneSlots.Slot> late = slots.acquire("b", receivedLongAgo);
        assertThat(late).isCompletedExceptionally();
        assertThatThrownBy(late::join).cause().hasMessageContaining("more than the 2000 ms");

        long started = System.nanoTime();
        CompletableFuture<LaneSlots.Slot> partly =
                slots.acquire("b", started - Duration.ofMillis(1_800).toNanos());
        assertThatThrownBy(() -> partly.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_000L); // 200 ms were left
        assertThat(slots.stats().rejected()).isEqualTo(2);
    }

    @Test
    void aFullQueueRefusesAtOnceAndACallerOverItsWaitingShareGets429() {
        LaneSlots slots = lane(1, Duration.ofSeconds(30), queues(2, 1.0, 1));
        slots.acquire("a", System.nanoTime()).join();
        assertThat(slots.acquire("a", System.nanoTime())).isNotDone();

        CompletableFuture<LaneSlots.Slot> overQuota = slots.acquire("a", System.nanoTime());
        assertThat(overQuota).isCompletedExceptionally();
        assertThat(reasonOf(overQuota)).isEqualTo(GatewayRejection.Reason.OVER_QUOTA);

        assertThat(slots.acquire("b", System.nanoTime())).isNotDone();
        CompletableFuture<LaneSlots.Slot> queueFull = slots.acquire("c", System.nanoTime());
        assertThat(queueFull).isCompletedExceptionally();
        assertThat(reasonOf(queueFull)).isEqualTo(GatewayRejection.Reason.SATURATED);
        assertThat(slots.takeDemand().rejected()).isEqualTo(2);
    }

    @Test
    void aFloodingCallerLeavesSlotsToOthersAndFreedSlotsGoToWaitingCallersInTurn() {
        LaneSlots slots = lane(4, Duration.ofSeconds(30), queues(100, 0.5, 100));
        List<LaneSlots.Slot> flood = new ArrayList<>();
        List<CompletableFuture<LaneSlots.Slot>> floodWaiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<LaneSlots.Slot> slot = slots.acquire("flood", System.nanoTime());
            if (slot.isDone()) {
                flood.add(slot.join());
            } else {
                floodWaiting.add(slot);
            }
        }
        assertThat(flood).as("half of the 4 slots at most").hasSize(2);

        // another caller is admitted at once although the flood has 8 statements waiting
        LaneSlots.Slot other = slots.acquire("other", System.nanoTime()).join();
        LaneSlots.Slot third = slots.acquire("third", System.nanoTime()).join();
        assertThat(slots.stats().running()).isEqualTo(4);

        // the lane is full: a late caller waits, and the next freed slot is its, not the flood's
        CompletableFuture<LaneSlots.Slot> late = slots.acquire("late", System.nanoTime());
        assertThat(late).isNotDone();
        slots.release(other);
        assertThat(late).isCompleted();
        assertThat(floodWaiting).noneMatch(CompletableFuture::isDone);

        // a slot the flood frees goes back to the flood (it is below its share again)
        slots.release(flood.get(0));
        assertThat(floodWaiting.get(0)).isCompleted();
        slots.release(third);
        assertThat(floodWaiting.get(1))
                .as("the flood is at its share of 2: the third caller's freed slot stays free")
                .isNotDone();
        assertThat(slots.stats().running()).isEqualTo(3);
    }

    @Test
    void aStatementJoiningAStandingQueueWaitsOnlyTheShortWait() throws Exception {
        AdmissionQueues.StandingQueue standing =
                new AdmissionQueues.StandingQueue(Duration.ofMillis(100), Duration.ofMillis(50));
        LaneSlots slots = lane(1, Duration.ofSeconds(5), new AdmissionQueues(10, 10, standing, standing, 1.0, 10));
        slots.acquire("a", System.nanoTime()).join();
        CompletableFuture<LaneSlots.Slot> burst = slots.acquire("b", System.nanoTime());
        Thread.sleep(200); // the queue has not been empty since: it stands

        long joined = System.nanoTime();
        CompletableFuture<LaneSlots.Slot> late = slots.acquire("c", System.nanoTime());
        assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(GatewayRejection.class)
                .hasMessageContaining("overloaded");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joined)).isLessThan(1_000);
        assertThat(burst).as("who joined a burst keeps the lane's whole wait").isNotDone();
    }

    @Test
    void raisingTheLimitAdmitsWaitersAndLoweringItTakesNothingFromRunningStatements() {
        LaneSlots slots = lane(1, Duration.ofSeconds(30), queues(10, 1.0, 10));
        LaneSlots.Slot first = slots.acquire("a", System.nanoTime()).join();
        CompletableFuture<LaneSlots.Slot> second = slots.acquire("b", System.nanoTime());
        CompletableFuture<LaneSlots.Slot> third = slots.acquire("c", System.nanoTime());

        slots.resize(3);
        assertThat(second).isCompleted();
        assertThat(third).isCompleted();

        slots.resize(1);
        assertThat(slots.stats().running()).isEqualTo(3);
        CompletableFuture<LaneSlots.Slot> fourth = slots.acquire("d", System.nanoTime());
        slots.release(first);
        slots.release(second.join());
        assertThat(fourth).as("still 1 running against a limit of 1").isNotDone();
        slots.release(third.join());
        assertThat(fourth).isCompleted();
    }

    @Test
    void theDemandWindowCountsRunningAndWaitingStatements() {
        LaneSlots slots = lane(2, Duration.ofSeconds(30), queues(10, 1.0, 10));
        slots.acquire("a", System.nanoTime()).join();
        slots.acquire("a", System.nanoTime()).join();
        slots.acquire("b", System.nanoTime());
        GatewayControls.LaneDemand demand = slots.takeDemand();
        assertThat(demand.peakConcurrency()).isEqualTo(3);
        assertThat(demand.rejected()).isZero();
    }

    private static GatewayRejection.Reason reasonOf(CompletableFuture<LaneSlots.Slot> refused) {
        try {
            refused.join();
            throw new AssertionError("expected a refusal");
        } catch (java.util.concurrent.CompletionException e) {
            return ((GatewayRejection) e.getCause()).reason();
        }
    }
}
