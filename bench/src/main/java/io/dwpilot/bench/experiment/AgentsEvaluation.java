package io.dwpilot.bench.experiment;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.PagedQuery;
import io.dwpilot.persistence.decisions.DecisionFilter;
import io.dwpilot.persistence.decisions.DecisionRepository;
import io.dwpilot.persistence.decisions.DecisionRow;
import io.dwpilot.simulator.workload.run.RunSummary;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code experiment agents}' evaluation of a simulated week: the forecaster against the arrivals that came, the anomaly
 * watcher against the labels, and the governor's decisions.
 */
public final class AgentsEvaluation implements SimulatedWeek.Evaluation<AgentsReport> {
    private static final Duration FORECAST_WARM_UP = Duration.ofDays(2);
    private static final Duration DETECTION_TOLERANCE = Duration.ofMinutes(10);
    private static final int GOVERNOR_ROWS = 25;

    private final List<String> weekSetup;
    private final String commandLine;

    /** @param weekSetup the week's own setup lines; @param commandLine the command that ran it, for the report */
    public AgentsEvaluation(List<String> weekSetup, String commandLine) {
        this.weekSetup = weekSetup;
        this.commandLine = commandLine;
    }

    @Override
    public AgentsReport evaluate(Database database, RunSummary summary) throws SQLException {
        Instant scoredFrom = summary.simulatedStart().plus(FORECAST_WARM_UP);
        ForecastEvaluation forecasts = new ForecastEvaluation(database.systemPool());
        DecisionRepository decisions = new DecisionRepository(database.systemPool());
        PagedQuery.Page<DecisionRow> governor = decisions.list(new DecisionFilter(
                Optional.of("governor"),
                Optional.of("limits_changed"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                DecisionFilter.MAX_PAGE_SIZE));
        List<DecisionRow> oldestFirst = new ArrayList<>(governor.items());
        oldestFirst.sort(Comparator.comparingLong(DecisionRow::ordering));
        List<String> setup = new ArrayList<>(weekSetup);
        setup.add("agents on default settings, the agents' clock following the simulated time; system metrics sampled"
                + " every second of real time");
        setup.add("forecasts scored from " + scoredFrom + " (the forecaster needs two days of history)");
        return new AgentsReport(
                commandLine,
                setup,
                summary,
                forecasts.evaluate("total", scoredFrom, summary.simulatedEnd(), Duration.ofHours(1)),
                forecasts.evaluate("total", scoredFrom, summary.simulatedEnd(), Duration.ofHours(6)),
                new DetectionEvaluation(database.systemPool())
                        .evaluate(
                                summary.runId(),
                                summary.simulatedStart(),
                                summary.simulatedEnd().plus(DETECTION_TOLERANCE),
                                DETECTION_TOLERANCE),
                oldestFirst.subList(0, Math.min(GOVERNOR_ROWS, oldestFirst.size())),
                governor.total(),
                decisions.countsByAgentAndKind());
    }
}
