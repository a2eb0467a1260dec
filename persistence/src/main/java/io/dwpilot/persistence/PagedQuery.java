package io.dwpilot.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A filtered, paginated read of one table: the number of rows matching the criteria, and one page of them in order. */
public final class PagedQuery {
    /** One page of rows and how many match in all. */
    public record Page<T>(List<T> items, int page, int size, long total) {}

    /** Reads one row of the result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Criteria criteria;

    public PagedQuery(Criteria criteria) {
        this.criteria = criteria;
    }

    /**
     * Counts the matching rows, then reads page {@code page} of {@code size} rows.
     *
     * @param orderBy trusted SQL (never user text): the order of the rows, with a unique tie-breaker
     */
    public <T> Page<T> run(
            DataSource dataSource,
            String columns,
            String table,
            String orderBy,
            int page,
            int size,
            RowReader<T> reader)
            throws SQLException {
        String where = criteria.sql();
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + where)) {
                criteria.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<T> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + columns + " FROM " + table + where + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?")) {
                int next = criteria.bind(ps, 1);
                ps.setInt(next, size);
                ps.setLong(next + 1, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(reader.read(rs));
                    }
                }
            }
            return new Page<>(items, page, size, total);
        }
    }
}
