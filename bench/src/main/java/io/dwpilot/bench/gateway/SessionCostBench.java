package io.dwpilot.bench.gateway;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.GatewayAssembly;
import io.dwpilot.gateway.GatewaySettings;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.gateway.QuerySubmission;
import io.dwpilot.gateway.Role;
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
import java.util.function.IntConsumer;

/**
 * What running users' statements under their own roles costs, in-process (no HTTP), learning off, the same gateway
 * on three kinds of sessions: the analysts' pool, reset as each request's transaction ends (what dwpilot does); the
 * same pool without the reset (the control: what the role's pool alone costs); and one pool of the configured login
 * without reset (how dwpilot ran users' statements before it kept roles). At concurrency 1 the three take turns call
 * by call from one thread; at 32 they run in blocks that take turns (the first rotating each round), because calls
 * of the three interleaved at 32 threads measure their admission queues racing each other, not their sessions.
 */
final class SessionCostBench {
    static final int[] CONCURRENCY = {1, 32};
    /** Rounds per concurrency: one round's difference is not a result on two busy cores. */
    static final int ROUNDS = 3;

    /** One round at one concurrency: the three medians and what the reset, and roles with it, add. */
    record Row(
            int concurrency,
            int round,
            LatencyRun.Summary roles,
            LatencyRun.Summary control,
            LatencyRun.Summary before) {
        double resetAddsMs() {
            return roles.p50Ms() - control.p50Ms();
        }

        double rolesAddMs() {
            return roles.p50Ms() - before.p50Ms();
        }

        String markdown() {
            return String.format(
                    "| %d | %d | %.3f | %.3f | %.3f | %+.3f ms | %+.3f ms |",
                    concurrency, round, roles.p50Ms(), control.p50Ms(), before.p50Ms(), resetAddsMs(), rolesAddMs());
        }
    }

    private SessionCostBench() {}

    static List<Row> run(Database database, Config config, List<String> queries, int calls, PrintStream out)
            throws Exception {
        GatewaySettings settings = GatewaySettings.fromConfig(config);
        Caller analyst = new Caller("bench", Role.ANALYST);
        UserSessions sessions = database.sessions();
        Map<DatabaseRole, HikariDataSource> rolePools = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            rolePools.put(role, sessions.pool(role));
        }
        ExecutorService blocking = Executors.newFixedThreadPool(64);
        try (HikariDataSource single = loginPool(database, database.bootstrapLogin());
                QueryGateway roles = gateway(settings, sessions, database, blocking);
                QueryGateway control = gateway(
                        settings,
                        UserSessions.withoutReset(rolePools, sessions.statementTimeout()),
                        database,
                        blocking);
                QueryGateway before = gateway(
                        settings,
                        UserSessions.withoutReset(everyRole(single), sessions.statementTimeout()),
                        database,
                        blocking)) {
            List<IntConsumer> paths = List.of(
                    i -> execute(roles, analyst, query(queries, i)),
                    i -> execute(control, analyst, query(queries, i)),
                    i -> execute(before, analyst, query(queries, i)));
            // warm at the highest concurrency: every pool opens the sessions it will need (a SCRAM login costs
            // milliseconds of CPU, and a pool still growing would be measured, not its sessions)
            for (IntConsumer path : paths) {
                LatencyRun.measure(CONCURRENCY[CONCURRENCY.length - 1], Math.min(calls, 2000), path);
            }
            out.printf(
                    "%nUsers' roles and the session reset (in-process): the analysts' pool with and without the"
                            + " reset, and one pool of '%s' without reset%n",
                    database.bootstrapLogin().user());
            out.printf(
                    "%-12s %6s %12s %12s %12s %14s %14s%n",
                    "concurrency", "round", "roles p50", "no reset p50", "before p50", "reset adds", "roles add");
            List<Row> rows = new ArrayList<>();
            for (int concurrency : CONCURRENCY) {
                for (int round = 1; round <= ROUNDS; round++) {
                    List<LatencyRun.Summary> medians = concurrency == 1
                            ? LatencyRun.measureInterleaved(1, 3 * calls, paths)
                            : inBlocks(concurrency, calls, paths, round);
                    Row row = new Row(concurrency, round, medians.get(0), medians.get(1), medians.get(2));
                    rows.add(row);
                    out.printf(
                            "%-12d %6d %10.3fms %10.3fms %10.3fms %+12.3fms %+12.3fms%n",
                            concurrency,
                            round,
                            row.roles().p50Ms(),
                            row.control().p50Ms(),
                            row.before().p50Ms(),
                            row.resetAddsMs(),
                            row.rolesAddMs());
                }
            }
            return rows;
        } finally {
            blocking.shutdownNow();
        }
    }

    static String markdownHeader() {
        return "| concurrency | round | roles + reset p50 ms | roles, no reset p50 ms | one login, no reset p50 ms |"
                + " the reset adds | roles and reset add |\n|---|---:|---:|---:|---:|---:|---:|\n";
    }

    /** Each path measured on its own, the first of them rotating with the round; in the paths' order. */
    private static List<LatencyRun.Summary> inBlocks(int concurrency, int calls, List<IntConsumer> paths, int round)
            throws Exception {
        LatencyRun.Summary[] medians = new LatencyRun.Summary[paths.size()];
        for (int k = 0; k < paths.size(); k++) {
            int path = (round + k) % paths.size();
            medians[path] = LatencyRun.measure(concurrency, calls, paths.get(path));
        }
        return List.of(medians);
    }

    private static QueryGateway gateway(
            GatewaySettings settings, UserSessions sessions, Database database, ExecutorService blocking) {
        return GatewayAssembly.create(settings, sessions, database.systemPool(), blocking, Clock.systemUTC(), false);
    }

    private static String query(List<String> queries, int call) {
        return queries.get(call % queries.size());
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

    /** A pool like the users' pools (size, idle sessions, start-up timeout) that logs in as {@code login}. */
    private static HikariDataSource loginPool(Database database, Login login) {
        HikariDataSource like = database.sessions().pool(DatabaseRole.ANALYST);
        HikariConfig config = new HikariConfig();
        config.setPoolName("dwpilot-bench-single-login");
        config.setJdbcUrl(database.url());
        config.setUsername(login.user());
        config.setPassword(login.password());
        config.setMaximumPoolSize(like.getMaximumPoolSize());
        config.setMinimumIdle(like.getMinimumIdle());
        config.addDataSourceProperty(
                "options",
                "-c statement_timeout=" + database.sessions().statementTimeout().toMillis());
        return new HikariDataSource(config);
    }
}
