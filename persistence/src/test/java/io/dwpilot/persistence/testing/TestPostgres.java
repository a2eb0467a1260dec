package io.dwpilot.persistence.testing;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.access.AccessSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one PostgreSQL server of a test JVM: the server named by {@code DWPILOT_TEST_PG_URL} (CI points it at the
 * machine's PostgreSQL service) or else an embedded one. Each test class takes its own fresh database on it with
 * {@link #newWarehouse(String)}, so classes never see each other's rows.
 */
public final class TestPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();
    private static volatile Server server;
    private static Path credentials;

    private TestPostgres() {
    }

    private record Server(String baseUrl, String adminUrl, Optional<EmbeddedPostgres> embedded) {
    }

    /** True when the tests run against an external server (CI), not the embedded one. */
    public static boolean external() {
        return externalUrl().isPresent();
    }

    /** The shared server's {@code postgres} database, for a superuser's work on the test databases. */
    public static String adminUrl() {
        return server().adminUrl();
    }

    private static Optional<String> externalUrl() {
        return Optional.ofNullable(System.getenv("DWPILOT_TEST_PG_URL")).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static synchronized Server server() {
        if (server == null) {
            server = externalUrl().map(TestPostgres::externalServer).orElseGet(TestPostgres::embeddedServer);
        }
        return server;
    }

    private static Server externalServer(String url) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        String base = slash < 0 ? url + "/" : url.substring(0, slash + 1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreatedDatabases(url)));
        return new Server(base, url, Optional.empty());
    }

    /** The shared server outlives the test JVM: leave it as it was found. */
    private static void dropCreatedDatabases(String adminUrl) {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "");
             Statement st = c.createStatement()) {
            for (String name : CREATED) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop the test databases " + CREATED + ": " + e.getMessage());
        }
    }

    private static Server embeddedServer() {
        try {
            Path dir = Files.createTempDirectory("dwpilot-test-pg");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary directory goes with the machine
                }
            }));
            String base = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
            return new Server(base, base + "postgres", Optional.of(pg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an empty database on the shared server and returns settings pointing at it. */
    public static DatabaseSettings newDatabase(String prefix) {
        Server s = server();
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet()).toLowerCase();
        try (Connection c = DriverManager.getConnection(s.adminUrl(), "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name);
            CREATED.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new DatabaseSettings(Optional.of(s.baseUrl() + name), "postgres", "", Duration.ofSeconds(10),
                Path.of("unused"), 0, Duration.ofSeconds(30), 4, 4, Duration.ofSeconds(30),
                AccessSettings.defaults().withCredentialsFile(credentialsFile()));
    }

    /** The roles' passwords of this test JVM (the roles are the server's, shared by every test database). */
    private static synchronized Path credentialsFile() {
        if (credentials == null) {
            try {
                Path dir = Files.createTempDirectory("dwpilot-test-credentials");
                credentials = dir.resolve("credentials.properties");
                dir.toFile().deleteOnExit();
                credentials.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return credentials;
    }

    /** A fresh, migrated warehouse database. */
    public static Database newWarehouse(String prefix) {
        Database database = Database.open(newDatabase(prefix));
        database.migrate();
        return database;
    }
}
