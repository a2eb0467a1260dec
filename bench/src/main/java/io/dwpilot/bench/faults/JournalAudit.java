package io.dwpilot.bench.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The agents' journal and the decision read model, checked across a fault: events written before are still there,
 * every persistence id's sequence numbers run without gap or repeat, and every decision in the journal has exactly
 * one row in {@code metadata.agent_decisions} (and none without its event).
 */
public final class JournalAudit {
    /** The journal's events at one moment: the sequence numbers of each persistence id, in order. */
    public record Snapshot(Map<String, List<Long>> sequences) {
        public int events() {
            return sequences.values().stream().mapToInt(List::size).sum();
        }

        /** Events of {@code before} that are not in this snapshot. */
        public int lostSince(Snapshot before) {
            int lost = 0;
            for (Map.Entry<String, List<Long>> e : before.sequences.entrySet()) {
                Set<Long> now = new HashSet<>(sequences.getOrDefault(e.getKey(), List.of()));
                lost += (int)
                        e.getValue().stream().filter(seq -> !now.contains(seq)).count();
            }
            return lost;
        }

        /** Sequence numbers missing between a persistence id's first and last event. */
        public int gaps() {
            int gaps = 0;
            for (List<Long> seqs : sequences.values()) {
                for (int i = 1; i < seqs.size(); i++) {
                    gaps += (int) Math.max(0, seqs.get(i) - seqs.get(i - 1) - 1);
                }
            }
            return gaps;
        }

        /** Sequence numbers a persistence id holds more than once. */
        public int repeats() {
            int repeats = 0;
            for (List<Long> seqs : sequences.values()) {
                repeats += seqs.size() - new HashSet<>(seqs).size();
            }
            return repeats;
        }
    }

    /** How the decision read model matches the journal's decisions. */
    public record Decisions(int inJournal, int missing, int duplicated, int orphaned) {
        public boolean exact() {
            return missing == 0 && duplicated == 0 && orphaned == 0;
        }
    }

    private JournalAudit() {}

    public static Snapshot snapshot(ConnectionSource db) throws SQLException {
        Map<String, List<Long>> sequences = new TreeMap<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT persistence_id, sequence_number FROM journal.event_journal"
                        + " WHERE NOT deleted ORDER BY persistence_id, sequence_number")) {
            while (rs.next()) {
                sequences
                        .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getLong(2));
            }
        }
        return new Snapshot(sequences);
    }

    public static Decisions decisions(ConnectionSource db) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        WITH journal AS (
                            SELECT j.persistence_id, j.sequence_number
                            FROM journal.event_journal j
                            JOIN journal.event_tag t ON t.event_id = j.ordering AND t.tag = 'decision'
                            WHERE NOT j.deleted),
                        model AS (
                            SELECT persistence_id, sequence_nr, count(*) AS copies
                            FROM metadata.agent_decisions GROUP BY persistence_id, sequence_nr)
                        SELECT (SELECT count(*) FROM journal),
                               (SELECT count(*) FROM journal j LEFT JOIN model m
                                    ON m.persistence_id = j.persistence_id AND m.sequence_nr = j.sequence_number
                                WHERE m.persistence_id IS NULL),
                               (SELECT count(*) FROM model WHERE copies > 1),
                               (SELECT count(*) FROM model m LEFT JOIN journal j
                                    ON m.persistence_id = j.persistence_id AND m.sequence_nr = j.sequence_number
                                WHERE j.persistence_id IS NULL)
                        """)) {
            rs.next();
            return new Decisions(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
        }
    }
}
