package io.dwpilot.cli;

import io.dwpilot.bench.gateway.FrontDoorLoad;
import io.dwpilot.bench.gateway.GatewayBenchmark;
import io.dwpilot.bench.indexes.IndexBenchReport;
import io.dwpilot.bench.indexes.IndexBenchmark;
import io.dwpilot.bench.steering.ArmsBenchmark;
import io.dwpilot.bench.steering.ArmsReport;
import io.dwpilot.bench.steering.ArmsRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmarks that print a table of numbers.",
            "gateway: the same point lookups and small aggregates through plain JDBC and through the HTTP gateway",
            "at concurrency 1, 8 and 32; latency p50/p95, throughput, and the gateway/JDBC ratios; and through a",
            "second gateway with learning off (no cost features, no prediction), the two alternating call by call:",
            "what learning adds to the p50.",
            "front-door: the HTTP front door driven by wrk (a process of its own) at 1, 8, 32 and 128 connections,",
            "beside pgbench against the same PostgreSQL in the same run (pgbench -S, and the same statement);",
            "throughput, p50 and p99. Needs wrk and pgbench installed.",
            "indexes: dwpilot's index selection against plain Extend and a Dexter-style advisor at several storage",
            "budgets (what-if cost, what-if calls, time), and the measured workload before and after dwpilot's indexes;",
            "works in a database of its own (dwpilot_bench) on the server, never in the warehouse itself.",
            "arms: every statement of a workload under each candidate plan hint set (SET LOCAL planner settings) and",
            "the default twice (the noise floor), interleaved in rounds on the warehouse's own data, reads only, each",
            "run rolled back; per arm the statements made faster and slower, the worst slowdown, the total, and the",
            "oracle that picks the best arm per statement."
        })
final class BenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BENCHMARK", description = "gateway, front-door, indexes or arms")
    String benchmark;

    @Mixin
    IndexBenchOptions indexes;

    @Option(
            names = "--calls",
            paramLabel = "N",
            defaultValue = "4000",
            description = "gateway: calls per run. Default: ${DEFAULT-VALUE}.")
    int calls;

    @Option(
            names = "--seconds",
            paramLabel = "N",
            defaultValue = "20",
            description = "front-door: seconds per measured run. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "3",
            description = "arms: rounds of every arm per statement (the median counts). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the results as Markdown to FILE.")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (benchmark.equals("indexes")) {
            indexes.check(spec);
            IndexBenchReport result = new IndexBenchmark(indexes.settings(), System.out).run(common.config());
            result.print(System.out);
            if (report != null) {
                Files.writeString(report, result.markdown());
                System.out.println("Report written to " + report);
            }
            return 0;
        }
        if (benchmark.equals("front-door")) {
            if (seconds < 1) {
                throw new IllegalArgumentException("--seconds must be at least 1, got " + seconds);
            }
            new FrontDoorLoad(seconds, Optional.ofNullable(report), System.out).run(common.config());
            return 0;
        }
        if (benchmark.equals("arms")) {
            indexes.check(spec);
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
            }
            IndexBenchmark.Settings options = indexes.settings();
            ArmsReport result = new ArmsRun(
                            options.workload(),
                            options.statements(),
                            new ArmsBenchmark.Settings(rounds, options.timeout(), options.seed()),
                            System.out)
                    .run(common.config());
            System.out.println(result.markdown());
            if (report != null) {
                Files.writeString(report, result.markdown());
                System.out.println("Report written to " + report);
            }
            return 0;
        }
        if (!benchmark.equals("gateway")) {
            throw new IllegalArgumentException(
                    "Unknown benchmark '" + benchmark + "': try 'gateway', 'front-door', 'indexes' or 'arms'");
        }
        new GatewayBenchmark(calls, Optional.ofNullable(report), System.out).run(common.config());
        return 0;
    }
}
