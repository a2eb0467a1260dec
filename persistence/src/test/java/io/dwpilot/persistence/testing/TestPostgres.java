package io.dwpilot.persistence.testing;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.access.AccessSettings;
import io.dwpilot.persistence.access.WarehouseGrants;
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
import java.util.ArrayList;
import java.util.Comparator;
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

    private TestPostgres() {}

    private record Server(
            String baseUrl, String adminUrl, Optional<EmbeddedPostgres> embedded, Optional<Path> dataDirectory) {}

    /** True when the tests run against an external server (CI), not the embedded one. */
    public static boolean external() {
        return externalUrl().isPresent();
    }

    /** The shared server's {@code postgres} database, for a superuser's work on the test databases. */
    public static String adminUrl() {
        return server().adminUrl();
    }

    private static Optional<String> externalUrl() {
        return Optional.ofNullable(System.getenv("DWPILOT_TEST_PG_URL"))
                .map(String::strip)
                .filter(s -> !s.isEmpty());
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
        return new Server(base, url, Optional.empty(), Optional.empty());
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
            EmbeddedPostgres pg = startEmbedded(dir, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.embedded().orElseThrow().close();
                    deleteRecursively(dir);
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary directory goes with the machine
                }
            }));
            String base = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
            return new Server(base, base + "postgres", Optional.of(pg), Optional.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory is kept on close (the JVM's exit deletes it), so that a restart finds the data again. */
    private static EmbeddedPostgres startEmbedded(Path dir, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
    }

    /**
     * Stops the embedded server and starts it again on the same port and data: what a database restart looks like
     * to dwpilot. False for an external server, which the tests may not restart (see {@code DatabaseOutage}).
     */
    public static synchronized boolean restartEmbedded() {
        Server current = server();
        if (current.embedded().isEmpty()) {
            return false;
        }
        try {
            EmbeddedPostgres old = current.embedded().get();
            int port = old.getPort();
            old.close();
            server = new Server(
                    current.baseUrl(),
                    current.adminUrl(),
                    Optional.of(startEmbedded(current.dataDirectory().orElseThrow(), port)),
                    current.dataDirectory());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded test server did not restart: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
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
        return new DatabaseSettings(
                Optional.of(s.baseUrl() + name),
                "postgres",
                "",
                Duration.ofSeconds(10),
                Path.of("unused"),
                0,
                Duration.ofSeconds(30),
                4,
                4,
                Duration.ofSeconds(30),
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

    /**
     * Lets the users' roles read and write {@code schemas} (created by a test, as a DBA would grant a schema of an
     * existing warehouse): analysts read them and admins write them, beside the default layers.
     */
    public static void grantToUsers(Database database, String... schemas) {
        AccessSettings access = AccessSettings.defaults();
        List<String> analyst = new ArrayList<>(access.analystSchemas());
        List<String> admin = new ArrayList<>(access.adminSchemas());
        analyst.addAll(List.of(schemas));
        admin.addAll(List.of(schemas));
        try (Connection c = database.systemPool().getConnection()) {
            new WarehouseGrants(access.roles(), analyst, admin).apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant " + List.of(schemas) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops a test's database and the roles it kept there (roles are the whole server's, databases are not): what
     * the roles own in it first, one role at a time, since several at once trip over default privileges that name
     * two of them.
     */
    public static void dropDatabaseAndRoles(String databaseUrl, List<String> roles) throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl, "postgres", "");
                Statement s = c.createStatement()) {
            for (String role : roles) {
                s.execute("DO $$BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
                        + " DROP OWNED BY " + role + " CASCADE; END IF; END$$");
            }
        }
        try (Connection c = DriverManager.getConnection(adminUrl(), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1)
                    + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + String.join(", ", roles));
        }
    }

    /** A fresh, migrated warehouse database. */
    public static Database newWarehouse(String prefix) {
        Database database = Database.open(newDatabase(prefix));
        database.migrate();
        return database;
    }
}
