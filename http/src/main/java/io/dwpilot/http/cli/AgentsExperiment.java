package io.dwpilot.http.cli;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.PagedQuery;
import io.dwpilot.persistence.decisions.DecisionFilter;
import io.dwpilot.persistence.decisions.DecisionRepository;
import io.dwpilot.persistence.decisions.DecisionRow;
import io.dwpilot.simulator.experiment.AgentsReport;
import io.dwpilot.simulator.experiment.DetectionEvaluation;
import io.dwpilot.simulator.experiment.ForecastEvaluation;
import io.dwpilot.simulator.workload.run.RunSummary;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "agents", mixinStandardHelpOptions = true,
        description = {"Runs the whole system on a fresh warehouse (embedded PostgreSQL in a temporary directory unless"
                + " --db-url or --data-dir is given) and drives it with a simulated retail week with labelled anomalies;"
                + " then scores the forecaster against the arrivals that came and the anomaly watcher against the"
                + " labels, lists the governor's decisions, and writes a Markdown report."})
final class AgentsExperiment implements Callable<Integer> {
    private static final Duration FORECAST_WARM_UP = Duration.ofDays(2);
    private static final Duration DETECTION_TOLERANCE = Duration.ofMinutes(10);
    private static final int GOVERNOR_ROWS = 25;

    @Spec
    CommandSpec spec;

    @Mixin
    SimulatedWeek week;

    @Override
    public Integer call() throws Exception {
        week.validate(spec, 3); // the forecaster needs two days of history before a day can be scored
        PrintStream out = System.out;
        AgentsReport result = week.run(out, this::evaluate);
        week.publish(result.markdown(), out);
        return 0;
    }

    private AgentsReport evaluate(Database database, RunSummary summary) throws SQLException {
        Instant scoredFrom = summary.simulatedStart().plus(FORECAST_WARM_UP);
        ForecastEvaluation forecasts = new ForecastEvaluation(database.systemPool());
        DecisionRepository decisions = new DecisionRepository(database.systemPool());
        PagedQuery.Page<DecisionRow> governor = decisions.list(new DecisionFilter(Optional.of("governor"),
                Optional.of("limits_changed"), Optional.empty(), Optional.empty(), Optional.empty(), 0, DecisionFilter.MAX_PAGE_SIZE));
        List<DecisionRow> oldestFirst = new ArrayList<>(governor.items());
        oldestFirst.sort(Comparator.comparingLong(DecisionRow::ordering));
        List<String> setup = new ArrayList<>(week.setup());
        setup.add("agents on default settings, the agents' clock following the simulated time; system metrics sampled"
                + " every second of real time");
        setup.add("forecasts scored from " + scoredFrom + " (the forecaster needs two days of history)");
        return new AgentsReport(commandLine(), setup, summary,
                forecasts.evaluate("total", scoredFrom, summary.simulatedEnd(), Duration.ofHours(1)),
                forecasts.evaluate("total", scoredFrom, summary.simulatedEnd(), Duration.ofHours(6)),
                new DetectionEvaluation(database.systemPool()).evaluate(summary.runId(), summary.simulatedStart(),
                        summary.simulatedEnd().plus(DETECTION_TOLERANCE), DETECTION_TOLERANCE),
                oldestFirst.subList(0, Math.min(GOVERNOR_ROWS, oldestFirst.size())), governor.total(),
                decisions.countsByAgentAndKind());
    }

    private String commandLine() {
        // the original arguments of the whole command line, from "experiment" on
        return "./dwpilot " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
