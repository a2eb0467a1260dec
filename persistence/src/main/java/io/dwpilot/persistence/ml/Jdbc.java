package io.dwpilot.persistence.ml;

import io.dwpilot.persistence.Columns;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The column conversions this package's repositories share: nullable columns become Optionals. */
final class Jdbc {
    /** Workload time: the simulator's clock when it drove the query, the wall clock otherwise (indexed since V11). */
    static final String WORKLOAD_TIME = "coalesce(simulated_at, executed_at)";

    private Jdbc() {}

    /** A half-open range [from, to); an empty one is fine, a reversed one is a caller's mistake. */
    static void requireRange(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range ends before it starts: [" + from + ", " + to + ")");
        }
    }

    static void setLong(PreparedStatement ps, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.getAsLong());
        } else {
            ps.setNull(index, Types.BIGINT);
        }
    }

    static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    static OptionalInt optionalInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** A double column, NaN when null (an aggregate over no rows). */
    static double doubleOrNaN(ResultSet rs, String column) throws SQLException {
        return Columns.optionalDouble(rs, column).orElse(Double.NaN);
    }

    static List<Long> longs(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        try {
            return List.of((Long[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
