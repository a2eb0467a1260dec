package io.dwpilot.persistence.query;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.testing.DatabaseOutage;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The query log and its ids while the database is cut off for a few seconds and after it is back. */
class QueryLogOutageTest {
    private static Database database;

    @BeforeAll
    static void open() {
        DatabaseSettings fresh = TestPostgres.newDatabase("query_log_outage");
        // a short connect timeout: the pool gives up on an unreachable database within a second, as a test can wait
        database = Database.open(fresh.withConnectTimeout(Duration.ofSeconds(1)));
        database.migrate();
    }

    /** A test's outage leaves connections the server ended in the pool: start each test from fresh ones. */
    @BeforeEach
    void freshConnections() {
        database.systemPool().getHikariPoolMXBean().softEvictConnections();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void everyEntryOfASteadyStreamLandsThroughAnOutage() throws Exception {
        ListAppender<ILoggingEvent> logged = listen(QueryLogWriter.class);
        QueryIds ids = new QueryIds(database.systemPool(), 20);
        QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 100_000, 50, Duration.ofMillis(20));
        List<Long> handedOut = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger offered = new AtomicInteger();
        AtomicInteger withoutId = new AtomicInteger();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> {
            while (producing.get()) {
                OptionalLong id = ids.tryNext();
                id.ifPresentOrElse(handedOut::add, withoutId::incrementAndGet);
                writer.offer(entry(id, offered.incrementAndGet()));
                sleep(2);
            }
        });
        producer.start();
        sleep(500);
        long waitingInTheOutage;
        try (DatabaseOutage outage = DatabaseOutage.of(database.systemPool())) {
            sleep(3000);
            waitingInTheOutage = writer.stats().waiting();
        }
        sleep(500);
        producing.set(false);
        producer.join();
        writer.close(Duration.ofSeconds(30));
        detach(QueryLogWriter.class, logged);

        int n = offered.get();
        assertThat(writer.stats()).isEqualTo(new QueryLogWriter.Stats(n, n, 0, 0, 0));
        assertThat(waitingInTheOutage).as("the backlog in the outage").isPositive();
        assertThat(withoutId.get())
                .as("entries offered once the ids in hand were used up")
                .isPositive();
        assertThat(handedOut).doesNotHaveDuplicates();
        assertThat(count("SELECT count(*) FROM metadata.query_logs WHERE user_id = 'steady'"))
                .isEqualTo(n);
        assertThat(count("SELECT count(DISTINCT query_id) FROM metadata.query_logs WHERE user_id = 'steady'"))
                .isEqualTo(n);
        assertThat(count("SELECT count(DISTINCT query_text) FROM metadata.query_logs WHERE user_id = 'steady'"))
                .isEqualTo(n);
        assertThat(logged.list)
                .filteredOn(e -> e.getLevel() == Level.WARN)
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("takes no query log rows"));
        assertThat(logged.list)
                .filteredOn(e -> e.getLevel() == Level.INFO)
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("written again")
                        .contains("rows waited"));
    }

    @Test
    void closingWhileTheDatabaseIsUnreachableCountsWhatIsLeftAsLost() throws Exception {
        ListAppender<ILoggingEvent> logged = listen(QueryLogWriter.class);
        QueryLogWriter writer = new QueryLogWriter(database.systemPool(), 100, 10, Duration.ofMillis(20));
        try (DatabaseOutage outage = DatabaseOutage.of(database.systemPool())) {
            for (int i = 0; i < 25; i++) {
                writer.offer(entry(OptionalLong.empty(), i));
            }
            long start = System.nanoTime();
            writer.close(Duration.ofSeconds(3));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
        detach(QueryLogWriter.class, logged);
        assertThat(writer.stats()).isEqualTo(new QueryLogWriter.Stats(25, 0, 0, 0, 25));
        assertThat(logged.list)
                .filteredOn(e -> e.getLevel() == Level.ERROR)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("25 query log rows are lost"));
    }

    @Test
    void queryIdsAreHandedOutFromThoseInHandThroughAnOutageAndAfterIt() throws Exception {
        QueryIds ids = new QueryIds(database.systemPool(), 10);
        assertThat(ids.available()).isEqualTo(10);
        List<Long> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            taken.add(ids.tryNext().orElseThrow());
        }
        await(() -> ids.available() == 15); // half used: the next block came in the background
        try (DatabaseOutage outage = DatabaseOutage.of(database.systemPool())) {
            long start = System.nanoTime();
            for (OptionalLong id = ids.tryNext(); id.isPresent(); id = ids.tryNext()) {
                taken.add(id.getAsLong());
            }
            assertThat(ids.tryNext()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("never waiting on the database")
                    .isLessThan(Duration.ofMillis(500));
            assertThat(taken).hasSize(20);
        }
        List<Long> after = new ArrayList<>();
        await(() -> {
            ids.tryNext().ifPresent(after::add);
            return !after.isEmpty();
        });
        assertThat(after.get(0)).isGreaterThan(Collections.max(taken));
        taken.addAll(after);
        assertThat(taken).doesNotHaveDuplicates();
    }

    private static QueryLogEntry entry(OptionalLong id, int n) {
        return QueryLogEntry.builder()
                .queryId(id)
                .queryText("SELECT " + n)
                .fingerprint(Optional.of("fp"))
                .normalizedText(Optional.of("SELECT ?"))
                .statementKind(Optional.of("select"))
                .userId("steady")
                .userRole("analyst")
                .status(ExecutionStatus.OK)
                .executionTimeMs(Optional.of(1.0))
                .queueTimeMs(Optional.of(0.0))
                .rowsReturned(Optional.of(1L))
                .executedAt(Instant.now())
                .build();
    }

    private static ListAppender<ILoggingEvent> listen(Class<?> source) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
        return appender;
    }

    private static void detach(Class<?> source, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(source)).detachAppender(appender);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 15 s").isNegative();
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
