package io.dwpilot.http.cli;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dwpilot.agents.gateway.Caller;
import io.dwpilot.agents.gateway.GatewaySettings;
import io.dwpilot.agents.gateway.QueryGateway;
import io.dwpilot.agents.gateway.QuerySubmission;
import io.dwpilot.agents.gateway.Role;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.access.DatabaseRole;
import io.dwpilot.persistence.access.Login;
import io.dwpilot.persistence.access.UserSessions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What running users' statements under their own roles costs: the gateway on the analysts' pool, whose sessions are
 * reset ({@code DISCARD ALL}) on return, against the same gateway on one pool of the configured login whose sessions
 * go back as they are — how dwpilot ran them before it kept roles. Both run in-process (no HTTP), learning off, in
 * one alternating run, so that they meet the same machine and database state.
 */
final class SessionCostBench {
    static final int[] CONCURRENCY = {1, 32};

    /** One concurrency: both gateways' medians and what the roles and the reset add. */
    record Row(int concurrency, LatencyRun.Summary roles, LatencyRun.Summary before) {
        double addedP50Ms() {
            return roles.p50Ms() - before.p50Ms();
        }

        String markdown() {
            return String.format("| %d | %.3f | %.3f | %.3f | %.3f | %+.3f ms | %,.0f | %,.0f |", concurrency,
                    roles.p50Ms(), roles.p95Ms(), before.p50Ms(), before.p95Ms(), addedP50Ms(),
                    roles.throughputPerSecond(), before.throughputPerSecond());
        }
    }

    private SessionCostBench() {
    }

    static List<Row> run(Database database, Config config, List<String> queries, int calls, PrintStream out)
            throws Exception {
        GatewaySettings settings = GatewaySettings.fromConfig(config);
        Caller analyst = new Caller("bench", Role.ANALYST);
        ExecutorService blocking = Executors.newFixedThreadPool(64);
        try (HikariDataSource single = loginPool(database, database.bootstrapLogin());
             QueryGateway roles = new QueryGateway(settings, database.sessions(), database.systemPool(), blocking,
                     Clock.systemUTC(), false);
             QueryGateway before = new QueryGateway(settings, UserSessions.withoutReset(everyRole(single),
                     database.sessions().statementTimeout()), database.systemPool(), blocking, Clock.systemUTC(),
                     false)) {
            LatencyRun.Pair warm = LatencyRun.measureAlternating(8, Math.min(calls, 2000),
                    i -> execute(roles, analyst, queries.get(i % queries.size())),
                    i -> execute(before, analyst, queries.get(i % queries.size())));
            out.printf("%nUsers' roles and the session reset against one pool of '%s' without reset (warm-up p50 %.3f"
                    + " / %.3f ms)%n", database.bootstrapLogin().user(), warm.first().p50Ms(), warm.second().p50Ms());
            out.printf("%-12s %12s %12s %12s %12s %12s%n", "concurrency", "roles p50", "roles p95", "before p50",
                    "before p95", "p50 added");
            List<Row> rows = new ArrayList<>();
            for (int concurrency : CONCURRENCY) {
                LatencyRun.Pair pair = LatencyRun.measureAlternating(concurrency, calls,
                        i -> execute(roles, analyst, queries.get(i % queries.size())),
                        i -> execute(before, analyst, queries.get(i % queries.size())));
                Row row = new Row(concurrency, pair.first(), pair.second());
                rows.add(row);
                out.printf("%-12d %10.3fms %10.3fms %10.3fms %10.3fms %+10.3fms%n", concurrency, row.roles().p50Ms(),
                        row.roles().p95Ms(), row.before().p50Ms(), row.before().p95Ms(), row.addedP50Ms());
            }
            return rows;
        } finally {
            blocking.shutdownNow();
        }
    }

    static String markdownHeader() {
        return "| concurrency | roles + reset p50 ms | p95 ms | one login, no reset p50 ms | p95 ms | p50 added |"
                + " roles q/s | before q/s |\n|---|---:|---:|---:|---:|---:|---:|---:|\n";
    }

    private static void execute(QueryGateway gateway, Caller caller, String sql) {
        gateway.execute(QuerySubmission.of(sql, caller)).toCompletableFuture().join();
    }

    private static Map<DatabaseRole, HikariDataSource> everyRole(HikariDataSource pool) {
        Map<DatabaseRole, HikariDataSource> pools = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            pools.put(role, pool);
        }
        return pools;
    }

    /** A pool like the users' pools (size, start-up timeout) that logs in as {@code login}. */
    private static HikariDataSource loginPool(Database database, Login login) {
        HikariDataSource like = database.sessions().pool(DatabaseRole.ANALYST);
        HikariConfig config = new HikariConfig();
        config.setPoolName("dwpilot-bench-single-login");
        config.setJdbcUrl(database.url());
        config.setUsername(login.user());
        config.setPassword(login.password());
        config.setMaximumPoolSize(like.getMaximumPoolSize());
        config.addDataSourceProperty("options", "-c statement_timeout="
                + database.sessions().statementTimeout().toMillis());
        return new HikariDataSource(config);
    }
}
