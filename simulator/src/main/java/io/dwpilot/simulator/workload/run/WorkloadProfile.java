package io.dwpilot.simulator.workload.run;

import io.dwpilot.simulator.workload.UserType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * When the warehouse's users are busy: for each user type an hourly curve (24 values, hour 0 first), a weekly curve
 * (7 values, Monday first) and a weight. The arrival rate of a user type at a simulated time is weight × hourly ×
 * weekly (interpolated between whole hours); {@link #rate} is the sum over the types, scaled so that its average
 * over a week is 1, and {@link #userMix} is each type's share of that sum.
 */
public record WorkloadProfile(String name, ZoneId zone, Map<UserType, Rhythm> rhythms) {
    private static final int HOURS_PER_WEEK = 7 * 24;
    /** A floor, so that the runner never waits forever for the next arrival in a dead hour. */
    private static final double MIN_RATE = 0.02;

    /** One user type's rhythm. */
    public record Rhythm(double weight, double[] hourly, double[] weekly) {
        public Rhythm {
            if (hourly.length != 24 || weekly.length != 7) {
                throw new IllegalArgumentException("a rhythm has 24 hourly and 7 daily values");
            }
            if (!(weight >= 0)
                    || Arrays.stream(hourly).anyMatch(v -> !(v >= 0))
                    || Arrays.stream(weekly).anyMatch(v -> !(v >= 0))) {
                throw new IllegalArgumentException("rhythm values cannot be negative");
            }
            hourly = hourly.clone();
            weekly = weekly.clone();
        }

        double at(ZonedDateTime time) {
            int hour = time.getHour();
            double fraction = (time.getMinute() * 60 + time.getSecond()) / 3600.0;
            // interpolate towards the next hour (which may be on the next day)
            ZonedDateTime next = time.plusHours(1);
            double now = hourly[hour] * weekly[time.getDayOfWeek().getValue() - 1];
            double later = hourly[next.getHour()] * weekly[next.getDayOfWeek().getValue() - 1];
            return weight * (now + (later - now) * fraction);
        }
    }

    public WorkloadProfile {
        if (rhythms.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one user type");
        }
        rhythms = Collections.unmodifiableMap(new EnumMap<>(rhythms));
        double total = 0;
        for (Rhythm r : rhythms.values()) {
            for (int d = 0; d < 7; d++) {
                for (int h = 0; h < 24; h++) {
                    total += r.weight() * r.weekly()[d] * r.hourly()[h];
                }
            }
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("a profile needs some arrivals");
        }
    }

    /** The arrival-rate multiplier at a simulated time; 1 is the week's average. */
    public double rate(Instant simulatedTime) {
        ZonedDateTime time = simulatedTime.atZone(zone);
        double sum = 0;
        for (Rhythm r : rhythms.values()) {
            sum += r.at(time);
        }
        return Math.max(MIN_RATE, sum / weeklyMean());
    }

    /** Each user type's share of the arrivals at a simulated time (the shares add up to 1). */
    public Map<UserType, Double> userMix(Instant simulatedTime) {
        ZonedDateTime time = simulatedTime.atZone(zone);
        Map<UserType, Double> raw = new EnumMap<>(UserType.class);
        double sum = 0;
        for (UserType type : UserType.values()) {
            Rhythm r = rhythms.get(type);
            double v = r == null ? 0 : r.at(time);
            raw.put(type, v);
            sum += v;
        }
        Map<UserType, Double> mix = new EnumMap<>(UserType.class);
        for (UserType type : UserType.values()) {
            mix.put(type, sum > 0 ? raw.get(type) / sum : (rhythms.containsKey(type) ? 1.0 / rhythms.size() : 0));
        }
        return mix;
    }

    /** The user type for a uniform draw {@code u} in [0, 1) at a simulated time. */
    public UserType pickUser(Instant simulatedTime, double u) {
        Map<UserType, Double> mix = userMix(simulatedTime);
        double cumulative = 0;
        UserType last = null;
        for (UserType type : UserType.values()) {
            double share = mix.get(type);
            if (share <= 0) {
                continue;
            }
            cumulative += share;
            last = type;
            if (u < cumulative) {
                return type;
            }
        }
        return last;
    }

    /** Whether the day of a simulated time is a Saturday or Sunday in the profile's zone. */
    public boolean weekend(Instant simulatedTime) {
        DayOfWeek day = simulatedTime.atZone(zone).getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private double weeklyMean() {
        double total = 0;
        for (Rhythm r : rhythms.values()) {
            for (int d = 0; d < 7; d++) {
                for (int h = 0; h < 24; h++) {
                    total += r.weight() * r.weekly()[d] * r.hourly()[h];
                }
            }
        }
        return total / HOURS_PER_WEEK;
    }
}
