package io.dwpilot.persistence.whatif;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/** Chooses the what-if implementation a database supports. */
public final class WhatIfs {
    private WhatIfs() {}

    /**
     * {@link HypoPgWhatIf} when the hypopg extension is installed in this database, else {@link TransactionalWhatIf}
     * (which builds real indexes in a rolled-back transaction, so {@code dataSource} should be the system pool).
     * Neither caches: wrap the result in {@link CachingWhatIf} for that.
     */
    public static WhatIf forDatabase(DataSource dataSource) {
        return hypopgSchema(dataSource)
                .<WhatIf>map(schema -> new HypoPgWhatIf(dataSource, schema))
                .orElseGet(() -> new TransactionalWhatIf(dataSource));
    }

    /** The schema hypopg is installed in, when it is installed in this database. */
    public static Optional<String> hypopgSchema(DataSource dataSource) {
        String sql = "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                + " WHERE e.extname = 'hypopg'";
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw WhatIfException.of("Looking for the hypopg extension", sql, e);
        }
    }
}
