package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's static files served from a classpath directory of the tests (static-fixture). */
class DashboardRoutesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ActorSystem<Void> system;
    private static HttpServer built;
    private static HttpServer notBuilt;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "dashboard-routes", ConfigFactory.load());
        built = HttpServer.start(system, "127.0.0.1", 0, List.of(new DashboardRoutes("static-fixture").route()));
        notBuilt = HttpServer.start(system, "127.0.0.1", 0, List.of(new DashboardRoutes("no-dashboard-here").route()));
    }

    @AfterAll
    static void stop() {
        built.close();
        notBuilt.close();
        system.terminate();
    }

    @Test
    void theRootAndClientRoutesGetIndexHtmlRevalidatedOnEveryLoad() throws Exception {
        for (String page : List.of("/", "/index.html", "/queries/123", "/agents", "/models/query_cost/3")) {
            HttpResponse<byte[]> r = get(built, page, false);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type"))
                    .as(page)
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(r.headers().firstValue("Cache-Control")).as(page).hasValue("no-cache");
            assertThat(text(r)).as(page).contains("fixture-index");
        }
    }

    @Test
    void assetsAreCachedForAYearAndGzippedForClientsThatAcceptIt() throws Exception {
        byte[] original = resource("static-fixture/assets/app-3f9a2c.js");
        HttpResponse<byte[]> gzipped = get(built, "/assets/app-3f9a2c.js", true);
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.body().length).isLessThan(original.length / 4);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(original);
        }
        HttpResponse<byte[]> plain = get(built, "/assets/app-3f9a2c.js", false);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(original);
        assertThat(plain.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        assertThat(get(built, "/", true).headers().firstValue("Content-Encoding"))
                .hasValue("gzip");
    }

    @Test
    void anAssetCompressedByTheBuildIsSentAsTheBuildWroteIt() throws Exception {
        HttpResponse<byte[]> r = get(built, "/assets/app-3f9a2c.js", true);
        assertThat(r.body()).isEqualTo(resource("static-fixture/assets/app-3f9a2c.js.gz"));
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(r.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        // without a .gz beside it, an asset is compressed on the fly
        byte[] css = resource("static-fixture/assets/site-51c0de.css");
        HttpResponse<byte[]> styles = get(built, "/assets/site-51c0de.css", true);
        assertThat(styles.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(styles.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(css);
        }
        assertThat(styles.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
    }

    @Test
    void otherFilesAreServedAsTheyAreAndMissingOnesAreNotFound() throws Exception {
        HttpResponse<byte[]> robots = get(built, "/robots.txt", false);
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(text(robots)).startsWith("User-agent: *");
        for (String missing : List.of(
                "/missing.js", "/assets/gone-123.css", "/..%2Fapplication.conf", "/assets/..%2F..%2Freference.conf")) {
            HttpResponse<byte[]> r = get(built, missing, false);
            assertThat(r.statusCode()).as(missing).isEqualTo(404);
            assertThat(text(r)).as(missing).doesNotContain("dwpilot {");
        }
    }

    @Test
    void theApiAndMetricsPathsAreNeverAnsweredWithThePage() throws Exception {
        for (String api : List.of("/api", "/api/v1/unknown", "/api/v1/queries/123", "/metrics", "/metrics/extra")) {
            HttpResponse<byte[]> r = get(built, api, false);
            assertThat(r.statusCode()).as(api).isEqualTo(404);
            assertThat(text(r)).as(api).contains("\"error\":\"not_found\"");
        }
        HttpResponse<String> post = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + built.port() + "/api/v1/nothing"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.body()).contains("\"error\":\"not_found\"");
        // a path that only starts like the API is a page
        assertThat(text(get(built, "/apiary", false))).contains("fixture-index");
    }

    @Test
    void aServerBuiltWithoutTheDashboardSaysSo() throws Exception {
        for (String page : List.of("/", "/queries/123")) {
            HttpResponse<byte[]> r = get(notBuilt, page, false);
            assertThat(r.statusCode()).as(page).isEqualTo(404);
            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("dashboard_not_built");
        }
    }

    private static HttpResponse<byte[]> get(HttpServer server, String path, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DashboardRoutesTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
