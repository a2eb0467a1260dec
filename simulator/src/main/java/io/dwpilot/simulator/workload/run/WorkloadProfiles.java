package io.dwpilot.simulator.workload.run;

import io.dwpilot.simulator.workload.UserType;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** The built-in workload profiles. */
public final class WorkloadProfiles {
    private WorkloadProfiles() {}

    /**
     * A retailer's week (UTC): analysts arrive with the morning rush (8–11), dip at lunch, fade in the evening and
     * all but vanish at night and on weekends; dashboards refresh all day with a lunch bump and a little on
     * weekends; batch jobs run at night, every night, a little more on weekends.
     */
    public static WorkloadProfile retail() {
        double[] analystHours = {
            0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.10, 0.40, // 0-7
            1.00, 1.00, 0.95, 0.85, 0.45, 0.70, 0.80, 0.75, // 8-15
            0.60, 0.40, 0.15, 0.10, 0.08, 0.06, 0.05, 0.04
        }; // 16-23
        double[] dashboardHours = {
            0.08, 0.05, 0.05, 0.05, 0.05, 0.08, 0.20, 0.55,
            1.00, 0.95, 0.85, 0.80, 0.90, 0.85, 0.70, 0.65,
            0.60, 0.45, 0.30, 0.25, 0.20, 0.15, 0.12, 0.10
        };
        double[] batchHours = {
            1.00, 1.00, 0.90, 0.90, 0.70, 0.40, 0.10, 0.05,
            0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03,
            0.03, 0.03, 0.05, 0.05, 0.10, 0.20, 0.50, 0.80
        };
        double[] analystWeek = {1.00, 1.00, 1.00, 0.95, 0.85, 0.12, 0.08};
        double[] dashboardWeek = {1.00, 1.00, 1.00, 1.00, 0.95, 0.35, 0.30};
        double[] batchWeek = {1.00, 1.00, 1.00, 1.00, 1.00, 1.15, 1.15};
        return new WorkloadProfile(
                "retail",
                ZoneOffset.UTC,
                Map.of(
                        UserType.ANALYST, new WorkloadProfile.Rhythm(1.0, analystHours, analystWeek),
                        UserType.DASHBOARD, new WorkloadProfile.Rhythm(1.6, dashboardHours, dashboardWeek),
                        UserType.BATCH, new WorkloadProfile.Rhythm(0.6, batchHours, batchWeek)));
    }

    /** A profile by name ("retail"). */
    public static Optional<WorkloadProfile> named(String name) {
        return switch (name) {
            case "retail" -> Optional.of(retail());
            default -> Optional.empty();
        };
    }
}
