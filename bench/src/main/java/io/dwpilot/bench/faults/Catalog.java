package io.dwpilot.bench.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** What the experiment reads from PostgreSQL's catalog about indexes. */
final class Catalog {
    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";

    private Catalog() {}

    /** Indexes PostgreSQL marks INVALID (a concurrent build that did not finish), outside its own schemas. */
    static int invalidIndexes(ConnectionSource db) throws SQLException {
        return count(
                db,
                "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid AND " + USER_SCHEMAS);
    }

    /** Sets of two or more indexes with the same table, keys, operator classes, expressions and predicate. */
    static int duplicateIndexes(ConnectionSource db) throws SQLException {
        return count(
                db,
                "SELECT count(*) FROM (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS
                        + " GROUP BY i.indrelid, i.indkey::text, i.indclass::text,"
                        + " coalesce(pg_get_expr(i.indexprs, i.indrelid), ''),"
                        + " coalesce(pg_get_expr(i.indpred, i.indrelid), '') HAVING count(*) > 1) d");
    }

    /** The phase of a running CREATE INDEX, when one runs. */
    static Optional<String> buildPhase(ConnectionSource db) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT phase FROM pg_stat_progress_create_index LIMIT 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Ends the backends of running CREATE INDEX commands; returns how many. */
    static int endBuilds(ConnectionSource db) throws SQLException {
        return count(
                db,
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000))"
                        + " FROM pg_stat_progress_create_index");
    }

    static int count(ConnectionSource db, String sql) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
