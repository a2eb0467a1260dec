package io.dwpilot.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * The queues in front of the lanes' slots: how many statements may wait for each lane at most, each lane's standing
 * queue rule, the share of a lane's slots one caller may hold at once, and how many statements one caller may have
 * waiting per lane.
 */
public record AdmissionQueues(
        int interactiveCapacity,
        int heavyCapacity,
        StandingQueue interactiveStanding,
        StandingQueue heavyStanding,
        double callerShare,
        int callerWaiting) {

    /**
     * A queue that has not been empty for {@code after} is standing: the lane is overloaded rather than meeting a
     * burst, and a statement that joins it waits at most {@code maxWait} instead of the lane's admission wait (CoDel's
     * rule, as in "Fail at Scale", ACM Queue 2015): the backlog is shed fast and an admitted statement is a fresh one.
     */
    public record StandingQueue(Duration after, Duration maxWait) {
        public StandingQueue {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(maxWait, "maxWait");
            if (after.isNegative() || maxWait.isNegative()) {
                throw new IllegalArgumentException("standing-queue durations cannot be negative");
            }
        }
    }

    public AdmissionQueues {
        Objects.requireNonNull(interactiveStanding, "interactiveStanding");
        Objects.requireNonNull(heavyStanding, "heavyStanding");
        if (interactiveCapacity < 0 || heavyCapacity < 0) {
            throw new IllegalArgumentException("queue capacities cannot be negative, got interactive "
                    + interactiveCapacity + ", heavy " + heavyCapacity);
        }
        if (!(callerShare > 0 && callerShare <= 1)) {
            throw new IllegalArgumentException("caller-share must be in (0, 1], got " + callerShare);
        }
        if (callerWaiting < 0) {
            throw new IllegalArgumentException("caller-waiting cannot be negative, got " + callerWaiting);
        }
    }

    StandingQueue standingOf(Lane lane) {
        return lane == Lane.INTERACTIVE ? interactiveStanding : heavyStanding;
    }

    int capacityOf(Lane lane) {
        return lane == Lane.INTERACTIVE ? interactiveCapacity : heavyCapacity;
    }
}
