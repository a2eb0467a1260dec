package io.dwpilot.http;

import static io.dwpilot.http.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the health endpoint and the Prometheus metrics show to whom: the status alone without a token, the database's
 * address and user only to admins; /metrics only with a token of the workload view on the API's port, or without a
 * token on a configured management listener (and then not on the API's port).
 */
class HealthAndMetricsAccessTest {
    private static final String ANALYST = "health-analyst-0123456789";
    private static final String OPERATOR = "health-operator-0123456789";
    private static final String ADMIN = "health-admin-0123456789";
    private static final String TOKENS = """
            dwpilot.http.auth.tokens = [
              { token = "%s", user = "alan", role = analyst },
              { token = "%s", user = "olga", role = operator },
              { token = "%s", user = "ada", role = admin } ]
            """.formatted(ANALYST, OPERATOR, ADMIN);
    private static Database db;
    private static ActorSystem<Void> system;
    private static FrontDoor secured;
    private static FrontDoor managed;
    private static FrontDoor local;

    @BeforeAll
    static void start() {
        db = TestPostgres.newWarehouse("health_metrics_access");
        Config withTokens = ConfigFactory.parseString(TOKENS)
                .withFallback(ConfigFactory.load())
                .resolve();
        system = ActorSystem.create(Behaviors.empty(), "health-metrics-access", withTokens);
        secured = FrontDoor.start(withTokens, db, system, "127.0.0.1", 0, ready());
        managed = FrontDoor.start(management("127.0.0.1", 0), db, system, "127.0.0.1", 0, ready());
        local = FrontDoor.start(ConfigFactory.load(), db, system, "127.0.0.1", 0, ready());
    }

    private static Config management(String host, int port) {
        return ConfigFactory.parseString(
                        TOKENS + "dwpilot.http.management { host = \"" + host + "\", port = " + port + " }")
                .withFallback(ConfigFactory.load())
                .resolve();
    }

    private static Readiness ready() {
        Readiness readiness = new Readiness();
        readiness.markReady();
        return readiness;
    }

    @AfterAll
    static void stop() {
        secured.close();
        managed.close();
        local.close();
        system.terminate();
        db.close();
    }

    @Test
    void withoutAValidTokenTheHealthIsTheStatusAlone() throws Exception {
        for (String token : new String[] {null, "wrong-token-0123456789"}) {
            JsonNode health = json(api(secured).send("GET", "/api/v1/health", token, null), 200);
            assertThat(health.properties())
                    .extracting(java.util.Map.Entry::getKey)
                    .containsExactly("status", "phase", "checkedAt");
            assertThat(health.get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void onlyAnAdminsHealthSaysWhereTheDatabaseIsAndAsWhom() throws Exception {
        JsonNode admin = json(api(secured).send("GET", "/api/v1/health", ADMIN, null), 200);
        assertThat(admin.get("database").get("url").asText()).isEqualTo(db.url());
        assertThat(admin.get("database").get("user").asText()).isEqualTo(db.user());
        for (String token : List.of(ANALYST, OPERATOR)) {
            JsonNode health = json(api(secured).send("GET", "/api/v1/health", token, null), 200);
            assertThat(health.get("database").get("up").asBoolean()).isTrue();
            assertThat(health.get("database").get("url").isNull()).isTrue();
            assertThat(health.get("database").get("user").isNull()).isTrue();
            assertThat(health.toString()).doesNotContain(db.url());
            assertThat(health.has("warehouse")).isTrue();
            assertThat(health.get("uptimeSeconds").isNumber()).isTrue();
        }
        // without tokens the single local user is the anonymous admin
        JsonNode anonymous = json(api(local).send("GET", "/api/v1/health", null, null), 200);
        assertThat(anonymous.get("database").get("url").asText()).isEqualTo(db.url());
    }

    @Test
    void theMetricsNeedATokenWithTheWorkloadView() throws Exception {
        ApiCalls api = api(secured);
        assertThat(json(api.send("GET", "/metrics", null, null), 401)
                        .get("error")
                        .asText())
                .isEqualTo("unauthorized");
        assertThat(json(api.send("GET", "/metrics", ANALYST, null), 403)
                        .get("message")
                        .asText())
                .contains("workload view");
        for (String token : List.of(OPERATOR, ADMIN)) {
            HttpResponse<String> metrics = api.send("GET", "/metrics", token, null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("dwpilot_gateway_executed_total");
        }
        assertThat(api(local).send("GET", "/metrics", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aManagementListenerServesTheMetricsWithoutATokenAndTheApiPortNoLonger() throws Exception {
        assertThat(managed.managementPort()).isPresent();
        ApiCalls management = new ApiCalls(managed.managementPort().getAsInt());
        HttpResponse<String> metrics = management.send("GET", "/metrics", null, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("dwpilot_gateway_executed_total");
        // the management listener serves nothing else, and the API's port no metrics
        json(management.send("GET", "/api/v1/health", null, null), 404);
        assertThat(json(api(managed).send("GET", "/metrics", ADMIN, null), 404)
                        .get("error")
                        .asText())
                .isEqualTo("not_found");
        assertThat(secured.managementPort()).isEmpty();
    }

    @Test
    void aTakenManagementPortFailsClearly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> FrontDoor.start(
                            management("127.0.0.1", taken.getLocalPort()), db, system, "127.0.0.1", 0, ready()))
                    .isInstanceOf(ServerBindException.class)
                    .hasMessageContaining("Management")
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()))
                    .hasMessageContaining("dwpilot.http.management.port");
        }
    }

    private static ApiCalls api(FrontDoor door) {
        return new ApiCalls(door.port());
    }
}
