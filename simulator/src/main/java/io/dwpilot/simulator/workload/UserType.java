package io.dwpilot.simulator.workload;

/**
 * Who sends the statements, as the share of each complexity in what they send. Dashboards refresh the same cheap
 * panels over and over; analysts explore with joins and windows; batch jobs run the heavy reports and the feeds.
 */
public enum UserType {
    ANALYST(0.10, 0.50, 0.40, 0),
    DASHBOARD(0.60, 0.40, 0, 0),
    BATCH(0, 0, 0.60, 0.40);

    private final double simple;
    private final double medium;
    private final double complex;
    private final double write;

    UserType(double simple, double medium, double complex, double write) {
        this.simple = simple;
        this.medium = medium;
        this.complex = complex;
        this.write = write;
    }

    /** The share of {@code complexity} in this user's statements. */
    public double share(Complexity complexity) {
        return switch (complexity) {
            case SIMPLE -> simple;
            case MEDIUM -> medium;
            case COMPLEX -> complex;
            case WRITE -> write;
        };
    }
}
