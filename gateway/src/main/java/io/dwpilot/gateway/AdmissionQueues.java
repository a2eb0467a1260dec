package io.dwpilot.gateway;

/**
 * The queues in front of the lanes' slots: how many statements may wait for each lane at most, the share of a lane's
 * slots one caller may hold at once, and how many statements one caller may have waiting per lane.
 */
public record AdmissionQueues(int interactiveCapacity, int heavyCapacity, double callerShare, int callerWaiting) {
    public AdmissionQueues {
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

    int capacityOf(Lane lane) {
        return lane == Lane.INTERACTIVE ? interactiveCapacity : heavyCapacity;
    }
}
