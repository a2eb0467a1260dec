package io.dwpilot.agents.runtime;

import static io.dwpilot.agents.runtime.JournalTestSupport.getMode;
import static io.dwpilot.agents.runtime.JournalTestSupport.setMode;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.dwpilot.agents.runtime.AgentSwitch.Command;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.AgentSwitch.ModeView;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AgentSwitch through the real pekko-persistence-jdbc plugin into the warehouse's journal schema. */
class AgentSwitchJdbcTest {
    private static Database database;
    private static Config config;

    @BeforeAll
    static void openDatabase() {
        database = TestPostgres.newWarehouse("agents_journal");
        config = JournalTestSupport.config(database);
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void stateIsRecoveredAfterStopAndAfterANewActorSystem() throws SQLException {
        String agent = "indexer";
        ActorTestKit first = ActorTestKit.create("journal-first", config);
        try {
            ActorRef<Command> ref = first.spawn(AgentSwitch.create(agent, Clock.systemUTC()));
            setMode(first, ref, Mode.RECOMMEND_ONLY, "canary failed");
            setMode(first, ref, Mode.AUTOMATIC, "fixed");
            setMode(first, ref, Mode.RECOMMEND_ONLY, "maintenance window");
            setMode(first, ref, Mode.RECOMMEND_ONLY, "no-op: already recommend-only");
            assertThat(journalConnections()).isBetween(1L, 4L);
            first.stop(ref);

            ActorRef<Command> again = first.spawn(AgentSwitch.create(agent, Clock.systemUTC()));
            assertThat(getMode(first, again)).isEqualTo(new ModeView(agent, Mode.RECOMMEND_ONLY, 3));
        } finally {
            first.shutdownTestKit();
        }
        // terminating the actor system closes the journal's pool
        assertThat(journalConnections()).isZero();

        ActorTestKit second = ActorTestKit.create("journal-second", config);
        try {
            ActorRef<Command> ref = second.spawn(AgentSwitch.create(agent, Clock.systemUTC()));
            assertThat(getMode(second, ref)).isEqualTo(new ModeView(agent, Mode.RECOMMEND_ONLY, 3));
            setMode(second, ref, Mode.AUTOMATIC, "back to normal");
            assertThat(getMode(second, ref)).isEqualTo(new ModeView(agent, Mode.AUTOMATIC, 4));
        } finally {
            second.shutdownTestKit();
        }

        String pid = AgentSwitch.persistenceId(agent).id();
        assertThat(longs(
                        "SELECT sequence_number FROM journal.event_journal WHERE persistence_id = ? "
                                + "ORDER BY sequence_number",
                        pid))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(strings(
                        "SELECT t.tag FROM journal.event_tag t JOIN journal.event_journal j ON j.ordering = t.event_id "
                                + "WHERE j.persistence_id = ? ORDER BY j.sequence_number, t.tag",
                        pid))
                .containsExactly(
                        "agent-indexer",
                        "decision",
                        "agent-indexer",
                        "decision",
                        "agent-indexer",
                        "decision",
                        "agent-indexer",
                        "decision");
        assertThat(strings(
                        "SELECT event_ser_manifest FROM journal.event_journal WHERE persistence_id = ? LIMIT 1", pid))
                .containsExactly(AgentSwitch.ModeChanged.class.getName());
    }

    @Test
    void snapshotsLandInTheJournalSchemaAndRecoveryUsesThem() throws SQLException {
        String agent = "governor";
        int switches = AgentSwitch.SNAPSHOT_EVERY + 1;
        ActorTestKit kit = ActorTestKit.create("journal-snapshots", config);
        try {
            ActorRef<Command> ref = kit.spawn(AgentSwitch.create(agent, Clock.systemUTC()));
            for (int i = 0; i < switches; i++) {
                setMode(kit, ref, i % 2 == 0 ? Mode.RECOMMEND_ONLY : Mode.AUTOMATIC, "flip " + i);
            }
            kit.stop(ref);
            String pid = AgentSwitch.persistenceId(agent).id();
            // the snapshot is saved asynchronously after event 100; wait for its row
            String sql = "SELECT sequence_number FROM journal.snapshot WHERE persistence_id = ?";
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (longs(sql, pid).isEmpty() && System.nanoTime() < deadline) {
                sleep(50);
            }
            assertThat(longs(sql, pid)).containsExactly((long) AgentSwitch.SNAPSHOT_EVERY);

            ActorRef<Command> again = kit.spawn(AgentSwitch.create(agent, Clock.systemUTC()));
            assertThat(getMode(kit, again)).isEqualTo(new ModeView(agent, Mode.RECOMMEND_ONLY, switches));
        } finally {
            kit.shutdownTestKit();
        }
    }

    private static long journalConnections() throws SQLException {
        return longs(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()",
                        "dwpilot-journal")
                .get(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> longs(String sql, String param) throws SQLException {
        List<Long> out = new ArrayList<>();
        for (String s : strings(sql, param)) {
            out.add(Long.parseLong(s));
        }
        return out;
    }

    private static List<String> strings(String sql, String param) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
