package io.dwpilot.simulator.workload.run;

import io.dwpilot.simulator.workload.ParameterSpace;
import io.dwpilot.simulator.workload.QueryTemplate;
import io.dwpilot.simulator.workload.TemplateMix;
import io.dwpilot.simulator.workload.UserType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The run's statements in order, each with the simulated time it is due: ordinary arrivals spaced by the profile's
 * rate (with jitter), interleaved with the injected ones by due time. Statement number k of the ordinary stream
 * belongs to virtual user k mod concurrency and is drawn from that user's random stream (user type by the profile,
 * template by the type's mix, parameters by the template), so the sequence depends only on the seed, never on how
 * fast the server answers.
 */
final class Arrivals {
    private static final long ARRIVAL_SEED_MIX = 0x2545F4914F6CDD1DL;

    /** One statement to send. */
    record Job(
            long sequence,
            int user,
            Instant simulatedAt,
            String sql,
            String template,
            int timeoutMs,
            EpisodeRun episode) {}

    private final RunSettings settings;
    private final ParameterSpace space;
    private final SplittableRandom[] users;
    private final Map<UserType, TemplateMix> mixes = new EnumMap<>(UserType.class);
    private final SplittableRandom arrivals;
    private final Deque<Job> injected = new ArrayDeque<>();
    private final Instant end;
    private double offsetSeconds;
    private long regular;
    private long issued;
    private RunSummary.StopReason exhausted;

    Arrivals(RunSettings settings, ParameterSpace space, List<EpisodeRun> episodes) {
        this.settings = settings;
        this.space = space;
        SplittableRandom root = new SplittableRandom(settings.seed());
        this.users = new SplittableRandom[settings.concurrency()];
        for (int i = 0; i < users.length; i++) {
            users[i] = root.split();
        }
        for (UserType type : UserType.values()) {
            mixes.put(type, TemplateMix.forSpace(type, space));
        }
        this.arrivals = new SplittableRandom(settings.seed() ^ ARRIVAL_SEED_MIX);
        this.end = settings.simulatedEnd();
        List<Job> planned = new ArrayList<>();
        for (EpisodeRun run : episodes) {
            for (AnomalyEpisode.Statement s : run.episode().statements()) {
                planned.add(
                        new Job(-1, -1, s.dueAt(), s.sql(), run.episode().kind().label(), s.timeoutMs(), run));
            }
        }
        planned.sort(Comparator.comparing(Job::simulatedAt)); // stable: keeps each episode's order
        injected.addAll(planned);
    }

    /**
     * The simulated time of ordinary arrival number {@code n} (0-based) for these settings, or the end of the run
     * when it comes later: computed on a fresh copy of the arrival stream.
     */
    static Instant timeOfArrival(RunSettings settings, long n) {
        SplittableRandom random = new SplittableRandom(settings.seed() ^ ARRIVAL_SEED_MIX);
        Instant end = settings.simulatedEnd();
        double offset = 0;
        for (long i = 0; i < n; i++) {
            Instant at = at(settings, offset);
            if (!at.isBefore(end)) {
                return end;
            }
            offset += interval(settings, at, random);
        }
        Instant at = at(settings, offset);
        return at.isBefore(end) ? at : end;
    }

    /** The next statement, or null when the run has sent all it should (see {@link #exhausted()}). */
    synchronized Job next() {
        if (exhausted != null) {
            return null;
        }
        if (settings.maxQueries() > 0 && issued >= settings.maxQueries()) {
            exhausted = RunSummary.StopReason.MAX_QUERIES;
            return null;
        }
        Instant at = at(settings, offsetSeconds);
        if (!injected.isEmpty()
                && injected.peekFirst().simulatedAt().isBefore(end)
                && (!injected.peekFirst().simulatedAt().isAfter(at) || !at.isBefore(end))) {
            Job job = injected.pollFirst();
            return new Job(
                    issued++, job.user(), job.simulatedAt(), job.sql(), job.template(), job.timeoutMs(), job.episode());
        }
        if (!at.isBefore(end)) {
            exhausted = RunSummary.StopReason.DAYS;
            return null;
        }
        int user = (int) (regular % users.length);
        SplittableRandom random = users[user];
        UserType type = settings.profile().pickUser(at, random.nextDouble());
        QueryTemplate template = mixes.get(type).next(random);
        String sql = template.render(random, space);
        offsetSeconds += interval(settings, at, arrivals);
        regular++;
        return new Job(issued++, user, at, sql, template.name(), settings.timeoutMs(), null);
    }

    synchronized RunSummary.StopReason exhausted() {
        return exhausted;
    }

    private static Instant at(RunSettings settings, double offsetSeconds) {
        long whole = (long) offsetSeconds;
        return settings.simulatedStart().plusSeconds(whole).plusNanos((long) ((offsetSeconds - whole) * 1e9));
    }

    /** Simulated seconds to the next arrival: speed / (qps × rate), jittered by a factor in [0.5, 1.5). */
    private static double interval(RunSettings settings, Instant at, SplittableRandom random) {
        double rate = settings.profile().rate(at);
        return settings.speed() / (settings.qps() * rate) * (0.5 + random.nextDouble());
    }
}
