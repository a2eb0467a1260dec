package io.dwpilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.testing.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line on a real PostgreSQL: the happy path of 'up', and bad input that must fail clearly. */
class DwpilotCliTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = DwpilotCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void unknownOptionsAndBadValuesAreUsageErrors() {
        assertThat(run("up", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'").contains("Usage: dwpilot up");

        assertThat(run("load", "--scale", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--scale must be greater than 0");

        assertThat(run("load-tpch", "--sf", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--sf must be greater than 0");

        assertThat(run("bench", "indexes", "--workload", "tpc-ds")).isEqualTo(2);
        assertThat(err.toString()).contains("--workload must be one of tpch, retail, got 'tpc-ds'");

        assertThat(run("bench", "indexes", "--budgets", "0.5,1", "--apply-budget", "2"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--apply-budget must be one of --budgets [0.5, 1.0], got 2.0");

        assertThat(run("experiment", "faults", "--outage", "0s")).isEqualTo(2);
        assertThat(err.toString()).contains("--outage must be a positive duration");

        assertThat(run("experiment", "faults", "--overload-factor", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--overload-factor and --clients must be at least 1");

        assertThat(run("up", "--port", "70000")).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void anUnreachableDatabaseFailsWithOneClearLine() {
        assertThat(run("etl", "--db-url", "jdbc:postgresql://127.0.0.1:1/warehouse"))
                .isEqualTo(1);
        assertThat(err.toString())
                .startsWith("error: Cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/warehouse")
                .contains("refused")
                .doesNotContain("\tat ");
    }

    @Test
    void aMissingConfigurationFileIsNamed() {
        assertThat(run("etl", "--config", "/no/such/dwpilot.conf")).isEqualTo(1);
        assertThat(err.toString()).contains("Configuration file not found: /no/such/dwpilot.conf");
    }

    @Test
    void aTakenPortFailsWithOneClearLine() throws IOException {
        DatabaseSettings db = TestPostgres.newDatabase("cli_port");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run(
                    "up",
                    "--db-url",
                    db.url().orElseThrow(),
                    "--no-demo",
                    "--port",
                    Integer.toString(taken.getLocalPort()));
            assertThat(code).isEqualTo(1);
        }
        assertThat(err.toString())
                .contains("Address already in use")
                .contains("--port")
                .doesNotContain("\tat ");
    }

    @Test
    void upLoadsTheDemoServesHealthAndStopsCleanly() throws Exception {
        DatabaseSettings db = TestPostgres.newDatabase("cli_up");
        CommandLine cli = DwpilotCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        UpCommand up = cli.getSubcommands().get("up").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cli.execute("up", "--db-url", db.url().orElseThrow(), "--port", "0", "--scale", "0.01"));

        String health = awaitHealthy(up, exit);
        assertThat(health)
                .contains("\"status\":\"UP\"")
                .contains("\"mode\":\"external\"")
                .contains("\"loadedBatches\":1")
                .contains("\"lastEtlStatus\":\"succeeded\"");
        HttpResponse<String> missing = get(up.boundPort(), "/api/v1/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\":\"not_found\"");

        up.requestStop();
        assertThat(exit.get()).isZero();
        assertThat(err.toString()).doesNotContain("error:");
    }

    private static String awaitHealthy(UpCommand up, CompletableFuture<Integer> exit) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            assertThat(exit).as("up exited early").isNotDone();
            if (up.boundPort() > 0) {
                HttpResponse<String> response = get(up.boundPort(), "/api/v1/health");
                if (response.statusCode() == 200) {
                    return response.body();
                }
                assertThat(response.body()).contains("\"status\":\"STARTING\"");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("dwpilot up did not become healthy in 2 minutes");
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
