package io.dwpilot.agents.indexer;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.models.verify.VerificationSettings;
import io.dwpilot.models.verify.VerificationSettings.StatisticalTest;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the indexer works (config {@code dwpilot.agents.indexer}, documented in reference.conf). Durations are of
 * workload time, checked every {@code tick} of wall time.
 *
 * @param mode           the mode until someone switches it through the API: build on its own, or only recommend
 * @param interval       how often the workload is analyzed
 * @param window         how much of the past workload an analysis reads
 * @param maxStatements  the most fingerprints (by total time) an analysis considers
 * @param minExecutions  the fewest executions in the window for a fingerprint to count
 * @param budget         what all of the indexer's indexes may take together
 * @param maxIndexes     the most indexes one analysis recommends
 * @param minimumSaving  the least estimated saving, as a share of a query's cost, that counts for an index
 * @param buildLookahead how far ahead the forecast is searched for the quietest time to build
 * @param buildTimeout   the longest one build may take
 * @param verification   the test, significance, minimum gain and regression tolerance of verification
 * @param beforeWindow   the latencies before a build that verification compares with
 * @param verifyAfter    the least time after a build before verification is tried
 * @param verifyDeadline the longest verification waits for enough executions; then the index is kept unjudged
 * @param unusedAfter    an index of the indexer's that no scan used for this long is dropped
 */
public record IndexerSettings(
        Mode mode,
        Duration tick,
        Duration interval,
        Duration window,
        int maxStatements,
        int minExecutions,
        StorageBudget budget,
        int maxIndexes,
        double minimumSaving,
        Duration buildLookahead,
        Duration buildTimeout,
        VerificationSettings verification,
        Duration beforeWindow,
        Duration verifyAfter,
        Duration verifyDeadline,
        Duration unusedAfter) {

    public IndexerSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(verification, "verification");
        for (Duration d : new Duration[] {
            tick, interval, window, buildLookahead, buildTimeout, beforeWindow, verifyAfter, verifyDeadline, unusedAfter
        }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("indexer durations must be positive");
            }
        }
        if (maxStatements < 1 || minExecutions < 1 || maxIndexes < 1) {
            throw new IllegalArgumentException("indexer max-statements, min-executions and max-indexes must be >= 1");
        }
        if (!(minimumSaving >= 0 && minimumSaving < 1)) {
            throw new IllegalArgumentException("indexer min-saving must be in [0, 1): " + minimumSaving);
        }
        if (verifyDeadline.compareTo(verifyAfter) < 0) {
            throw new IllegalArgumentException("indexer verify-deadline must not be shorter than verify-after");
        }
    }

    public static IndexerSettings fromConfig(Config indexer) {
        Config verify = indexer.getConfig("verification");
        VerificationSettings verification = new VerificationSettings(
                test(verify.getString("test")),
                verify.getDouble("alpha"),
                verify.getDouble("minimum-gain"),
                verify.getDouble("regression-tolerance"),
                verify.getInt("minimum-samples"));
        return new IndexerSettings(
                mode(indexer.getString("mode")),
                indexer.getDuration("tick"),
                indexer.getDuration("interval"),
                indexer.getDuration("window"),
                indexer.getInt("max-statements"),
                indexer.getInt("min-executions"),
                StorageBudget.parse(indexer.getString("budget")),
                indexer.getInt("max-indexes"),
                indexer.getDouble("min-saving"),
                indexer.getDuration("build-lookahead"),
                indexer.getDuration("build-timeout"),
                verification,
                verify.getDuration("before-window"),
                verify.getDuration("after"),
                verify.getDuration("deadline"),
                indexer.getDuration("unused-after"));
    }

    /** The defaults of the agents' reference.conf. */
    public static IndexerSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference().getConfig("dwpilot.agents.indexer"));
    }

    public IndexerSettings withMode(Mode newMode) {
        return new IndexerSettings(
                newMode,
                tick,
                interval,
                window,
                maxStatements,
                minExecutions,
                budget,
                maxIndexes,
                minimumSaving,
                buildLookahead,
                buildTimeout,
                verification,
                beforeWindow,
                verifyAfter,
                verifyDeadline,
                unusedAfter);
    }

    /** How often it checks (wall time), how often it analyzes and how much past workload an analysis reads. */
    public IndexerSettings withSchedule(Duration newTick, Duration newInterval, Duration newWindow) {
        return new IndexerSettings(
                mode,
                newTick,
                newInterval,
                newWindow,
                maxStatements,
                minExecutions,
                budget,
                maxIndexes,
                minimumSaving,
                buildLookahead,
                buildTimeout,
                verification,
                beforeWindow,
                verifyAfter,
                verifyDeadline,
                unusedAfter);
    }

    /** Which fingerprints an analysis considers. */
    public IndexerSettings withStatements(int newMaxStatements, int newMinExecutions) {
        return new IndexerSettings(
                mode,
                tick,
                interval,
                window,
                newMaxStatements,
                newMinExecutions,
                budget,
                maxIndexes,
                minimumSaving,
                buildLookahead,
                buildTimeout,
                verification,
                beforeWindow,
                verifyAfter,
                verifyDeadline,
                unusedAfter);
    }

    /** What all its indexes may take together, and the most indexes one analysis recommends. */
    public IndexerSettings withBudget(StorageBudget newBudget, int newMaxIndexes) {
        return new IndexerSettings(
                mode,
                tick,
                interval,
                window,
                maxStatements,
                minExecutions,
                newBudget,
                newMaxIndexes,
                minimumSaving,
                buildLookahead,
                buildTimeout,
                verification,
                beforeWindow,
                verifyAfter,
                verifyDeadline,
                unusedAfter);
    }

    public IndexerSettings withBuild(Duration newBuildLookahead, Duration newBuildTimeout) {
        return new IndexerSettings(
                mode,
                tick,
                interval,
                window,
                maxStatements,
                minExecutions,
                budget,
                maxIndexes,
                minimumSaving,
                newBuildLookahead,
                newBuildTimeout,
                verification,
                beforeWindow,
                verifyAfter,
                verifyDeadline,
                unusedAfter);
    }

    /** How a built index is judged, on which latencies, and how long it may wait for them. */
    public IndexerSettings withVerification(
            VerificationSettings newVerification,
            Duration newBeforeWindow,
            Duration newVerifyAfter,
            Duration newVerifyDeadline) {
        return new IndexerSettings(
                mode,
                tick,
                interval,
                window,
                maxStatements,
                minExecutions,
                budget,
                maxIndexes,
                minimumSaving,
                buildLookahead,
                buildTimeout,
                newVerification,
                newBeforeWindow,
                newVerifyAfter,
                newVerifyDeadline,
                unusedAfter);
    }

    public IndexerSettings withUnusedAfter(Duration newUnusedAfter) {
        return new IndexerSettings(
                mode,
                tick,
                interval,
                window,
                maxStatements,
                minExecutions,
                budget,
                maxIndexes,
                minimumSaving,
                buildLookahead,
                buildTimeout,
                verification,
                beforeWindow,
                verifyAfter,
                verifyDeadline,
                newUnusedAfter);
    }

    private static Mode mode(String mode) {
        return switch (mode) {
            case "automatic" -> Mode.AUTOMATIC;
            case "recommend-only" -> Mode.RECOMMEND_ONLY;
            default ->
                throw new IllegalArgumentException(
                        "dwpilot.agents.indexer.mode must be \"automatic\" or \"recommend-only\", not \"" + mode
                                + "\"");
        };
    }

    private static StatisticalTest test(String test) {
        return switch (test.toLowerCase(Locale.ROOT)) {
            case "mann-whitney" -> StatisticalTest.MANN_WHITNEY;
            case "welch" -> StatisticalTest.WELCH;
            default ->
                throw new IllegalArgumentException(
                        "dwpilot.agents.indexer.verification.test must be \"mann-whitney\" or \"welch\", not \"" + test
                                + "\"");
        };
    }
}
