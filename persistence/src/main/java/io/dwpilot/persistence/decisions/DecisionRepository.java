package io.dwpilot.persistence.decisions;

import io.dwpilot.persistence.Criteria;
import io.dwpilot.persistence.PagedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Writes and reads {@code metadata.agent_decisions}, the read model of the journal's decision events. Rows are
 * keyed by the journal's ordering, so writing a decision twice (a projection resuming after a crash) is harmless.
 */
public final class DecisionRepository {
    private static final String COLUMNS =
            "ordering, persistence_id, sequence_nr, agent, kind, channel, decided_at, persisted_at, summary, event::text";

    private final DataSource dataSource;

    public DecisionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The highest journal ordering stored, 0 when there is none: where the projection resumes. */
    public long maxOrdering() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(ordering), 0) FROM metadata.agent_decisions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** How many decisions each agent made of each kind, keyed {@code "agent / kind"}. */
    public Map<String, Long> countsByAgentAndKind() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT agent, kind, count(*) FROM metadata.agent_decisions GROUP BY 1, 2")) {
            while (rs.next()) {
                counts.put(rs.getString(1) + " / " + rs.getString(2), rs.getLong(3));
            }
        }
        return counts;
    }

    /** Stores the rows in one round trip and one transaction; rows already stored are skipped. */
    public void insert(List<DecisionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String sql = """
                INSERT INTO metadata.agent_decisions (ordering, persistence_id, sequence_nr, agent, kind, channel,
                    decided_at, persisted_at, summary, event)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT DO NOTHING""";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (DecisionRow r : rows) {
                    ps.setLong(1, r.ordering());
                    ps.setString(2, r.persistenceId());
                    ps.setLong(3, r.sequenceNr());
                    ps.setString(4, r.agent());
                    ps.setString(5, r.kind());
                    ps.setString(6, r.channel());
                    ps.setTimestamp(7, Timestamp.from(r.decidedAt()));
                    ps.setTimestamp(8, Timestamp.from(r.persistedAt()));
                    ps.setString(9, r.summary());
                    ps.setString(10, r.event());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** The decisions matching the filter, newest first (journal order), with the total count. */
    public PagedQuery.Page<DecisionRow> list(DecisionFilter filter) throws SQLException {
        return new PagedQuery(new Criteria()
                        .where(filter.agent(), "agent = ?")
                        .where(filter.kind(), "kind = ?")
                        .where(filter.channel(), "channel = ?")
                        .where(filter.from(), "decided_at >= ?", Timestamp::from)
                        .where(filter.to(), "decided_at < ?", Timestamp::from))
                .run(
                        dataSource,
                        COLUMNS,
                        "metadata.agent_decisions",
                        "ordering DESC",
                        filter.page(),
                        filter.size(),
                        DecisionRepository::read);
    }

    private static DecisionRow read(ResultSet rs) throws SQLException {
        return new DecisionRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8).toInstant(),
                rs.getString(9),
                rs.getString(10));
    }
}
