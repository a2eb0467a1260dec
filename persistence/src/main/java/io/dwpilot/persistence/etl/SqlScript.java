package io.dwpilot.persistence.etl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A classpath SQL file of plain statements, each ending with a semicolon at the end of a line. A statement preceded
 * by a {@code -- @rows_in}, {@code -- @rows_out} or {@code -- @rows_rejected} comment line is counted: its single
 * value (for a query) or its update count becomes that figure of the step.
 */
final class SqlScript {
    enum Counter {
        ROWS_IN,
        ROWS_OUT,
        ROWS_REJECTED
    }

    private record Part(String sql, Optional<Counter> counter) {}

    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

    private final String name;
    private final List<Part> parts;

    private SqlScript(String name, List<Part> parts) {
        this.name = name;
        this.parts = parts;
    }

    static SqlScript load(String resource) {
        try (InputStream in = SqlScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource not found on the classpath: " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SqlScript parse(String name, String text) {
        List<Part> parts = new ArrayList<>();
        for (String chunk : STATEMENT_END.split(text)) {
            Optional<Counter> counter = Optional.empty();
            StringBuilder sql = new StringBuilder();
            for (String line : chunk.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("-- @")) {
                    counter = Optional.of(Counter.valueOf(trimmed.substring(4).toUpperCase()));
                } else if (!trimmed.startsWith("--") && !trimmed.isEmpty()) {
                    sql.append(line).append('\n');
                }
            }
            if (sql.length() > 0) {
                parts.add(new Part(sql.toString(), counter));
            }
        }
        return new SqlScript(name, List.copyOf(parts));
    }

    String name() {
        return name;
    }

    /** Runs every statement on the connection (inside the caller's transaction) and returns the counted figures. */
    Map<Counter, Long> run(Connection connection) throws SQLException {
        Map<Counter, Long> counts = new EnumMap<>(Counter.class);
        try (Statement statement = connection.createStatement()) {
            for (Part part : parts) {
                boolean isQuery = statement.execute(part.sql());
                long value;
                if (isQuery) {
                    try (ResultSet rs = statement.getResultSet()) {
                        value = rs.next() ? rs.getLong(1) : 0;
                    }
                } else {
                    value = Math.max(0, statement.getLargeUpdateCount());
                }
                part.counter().ifPresent(c -> counts.merge(c, value, Long::sum));
            }
        }
        return counts;
    }
}
