package io.dwpilot.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A filtered, paginated read of one table: optional WHERE criteria with bound parameters, the number of matching
 * rows, and one page of them in a given order.
 */
public final class PagedQuery {
    /** One page of rows and how many match in all. */
    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** Reads one row of the result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code clause} (with one {@code ?}) when the value is present, binding the value as converted. */
    public <V> PagedQuery where(Optional<V> value, String clause, Function<V, Object> parameter) {
        value.ifPresent(v -> {
            clauses.add(clause);
            params.add(parameter.apply(v));
        });
        return this;
    }

    public <V> PagedQuery where(Optional<V> value, String clause) {
        return where(value, clause, v -> v);
    }

    /**
     * Counts the matching rows, then reads page {@code page} of {@code size} rows.
     *
     * @param orderBy trusted SQL (never user text): the order of the rows, with a unique tie-breaker
     */
    public <T> Page<T> run(DataSource dataSource, String columns, String table, String orderBy, int page, int size,
                           RowReader<T> reader) throws SQLException {
        String where = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + where)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Object> all = new ArrayList<>(params);
            all.add(size);
            all.add((long) page * size);
            List<T> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table + where
                    + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?")) {
                bind(ps, all);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(reader.read(rs));
                    }
                }
            }
            return new Page<>(items, page, size, total);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
        }
    }
}
