package io.dwpilot.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The experiment's checks, each against a warehouse where the fault it looks for was made by hand. */
class AuditsTest {
    private static Database database;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("faults_audits");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static Connection connect() throws SQLException {
        return database.systemPool().getConnection();
    }

    @Test
    void journalAuditFindsGapsLostEventsAndDecisionsMissingFromTheReadModel() throws Exception {
        // indexer: 1, 2, 3 (2 and 3 decisions); observer: 1, 2, 4 (a gap)
        event("indexer", 1);
        long i2 = event("indexer", 2);
        long i3 = event("indexer", 3);
        event("observer", 1);
        event("observer", 2);
        event("observer", 4);
        tagDecision(i2);
        tagDecision(i3);
        readModel(i2, "indexer", 2);
        readModel(99_999, "forecaster", 7); // a row without its event

        JournalAudit.Snapshot before = JournalAudit.snapshot(AuditsTest::connect);
        assertThat(before.events()).isEqualTo(6);
        assertThat(before.gaps()).isEqualTo(1);
        assertThat(before.repeats()).isZero();

        execute("DELETE FROM journal.event_journal WHERE persistence_id = 'indexer' AND sequence_number = 1");
        JournalAudit.Snapshot after = JournalAudit.snapshot(AuditsTest::connect);
        assertThat(after.lostSince(before)).isEqualTo(1);
        assertThat(before.lostSince(after)).isZero();

        JournalAudit.Decisions decisions = JournalAudit.decisions(AuditsTest::connect);
        assertThat(decisions.inJournal()).isEqualTo(2);
        assertThat(decisions.missing()).isEqualTo(1); // indexer 3
        assertThat(decisions.orphaned()).isEqualTo(1); // forecaster 7
        assertThat(decisions.exact()).isFalse();
    }

    @Test
    void queryLogAuditCountsAnsweredRequestsWithoutTheirRow() throws Exception {
        StatementMix mix = new StatementMix(500_000, 10);
        Random random = new Random(1);
        StatementMix.Statement logged = mix.next(StatementKind.INTERACTIVE, random);
        StatementMix.Statement lost = mix.next(StatementKind.HEAVY, random);
        StatementMix.Statement unanswered = mix.next(StatementKind.INTERACTIVE, random);
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("INSERT INTO metadata.query_logs (query_text, user_id,"
                        + " user_role, status) VALUES (?, 'steady', 'analyst', 'rejected')")) {
            s.setString(1, logged.sql());
            s.executeUpdate();
        }
        List<LoadRun.Sample> samples = List.of(sample(logged, 503), sample(lost, 200), sample(unanswered, -1));

        QueryLogAudit.Result result = QueryLogAudit.check(samples, AuditsTest::connect, Duration.ZERO);

        assertThat(result.answered()).isEqualTo(2);
        assertThat(result.missing()).isEqualTo(1);
        assertThat(StatementMix.probeOf(logged.sql())).isEqualTo(logged.probe());
    }

    @Test
    void catalogFindsInvalidAndDuplicateIndexes() throws Exception {
        execute("CREATE SCHEMA faults");
        execute("CREATE TABLE faults.t (a int, b int)");
        execute("INSERT INTO faults.t VALUES (1, 1), (1, 2)");
        int invalidBefore = Catalog.invalidIndexes(AuditsTest::connect);
        int duplicatesBefore = Catalog.duplicateIndexes(AuditsTest::connect);
        try {
            execute("CREATE UNIQUE INDEX CONCURRENTLY t_a_unique ON faults.t (a)"); // fails: left INVALID
        } catch (SQLException expected) {
            assertThat(expected.getSQLState()).isEqualTo("23505");
        }
        execute("CREATE INDEX t_b_one ON faults.t (b)");
        execute("CREATE INDEX t_b_two ON faults.t (b)");

        assertThat(Catalog.invalidIndexes(AuditsTest::connect)).isEqualTo(invalidBefore + 1);
        assertThat(Catalog.duplicateIndexes(AuditsTest::connect)).isEqualTo(duplicatesBefore + 1);
        assertThat(Catalog.buildPhase(AuditsTest::connect)).isEmpty();
    }

    private static LoadRun.Sample sample(StatementMix.Statement statement, int status) {
        return new LoadRun.Sample(
                "steady",
                statement.kind(),
                statement.probe(),
                new ApiClient.Answer(status, Instant.now(), 1, OptionalLong.empty(), ""));
    }

    private static long event(String persistenceId, long sequence) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO journal.event_journal (persistence_id, sequence_number, writer, event_ser_id,"
                                + " event_ser_manifest, event_payload) VALUES (?, ?, 'test', 1, 'm', '\\x00')"
                                + " RETURNING ordering")) {
            s.setString(1, persistenceId);
            s.setLong(2, sequence);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void tagDecision(long ordering) throws SQLException {
        execute("INSERT INTO journal.event_tag (event_id, tag) VALUES (" + ordering + ", 'decision')");
    }

    private static void readModel(long ordering, String persistenceId, long sequence) throws SQLException {
        execute("INSERT INTO metadata.agent_decisions (ordering, persistence_id, sequence_nr, agent, kind, channel,"
                + " decided_at, persisted_at, summary, event) VALUES (" + ordering + ", '" + persistenceId + "', "
                + sequence + ", 'a', 'k', 'decision', now(), now(), 's', '{}')");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
