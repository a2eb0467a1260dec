package io.dwpilot.persistence.query;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PGobject;

/**
 * Turns a result cell into a plain value that serializes predictably: java.time for dates and times (timestamptz
 * keeps its offset), lists for arrays, the text of PostgreSQL-specific types (json, interval, uuid, ...).
 */
final class JdbcValues {
    private JdbcValues() {}

    static Object read(ResultSet rs, int column, String typeName) throws SQLException {
        switch (typeName) {
            case "timestamptz":
                return rs.getObject(column, OffsetDateTime.class);
            case "timestamp":
                return rs.getObject(column, LocalDateTime.class);
            case "date":
                return rs.getObject(column, LocalDate.class);
            case "time":
                return rs.getObject(column, LocalTime.class);
            default:
                return plain(rs.getObject(column));
        }
    }

    private static Object plain(Object value) throws SQLException {
        if (value instanceof PGobject pg) {
            return pg.getValue();
        }
        if (value instanceof Array array) {
            Object[] elements = (Object[]) array.getArray();
            List<Object> out = new ArrayList<>(elements.length);
            for (Object element : elements) {
                out.add(plain(element));
            }
            return out;
        }
        return value;
    }
}
