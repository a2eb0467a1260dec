package io.dwpilot.persistence.copy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rows into one table with COPY ... FROM STDIN in PostgreSQL's text format, escaping as that format needs;
 * a null value is written as \N. Leading constants (such as the ingest batch id) are written before every row.
 */
public final class CopyWriter implements AutoCloseable {
    private final PGCopyOutputStream stream;
    private final BufferedWriter out;
    private final String prefix;
    private long rows;

    /** Starts the COPY; {@code columns} name the leading constants' columns first, then the row's. */
    public CopyWriter(Connection connection, String table, List<String> columns, List<String> leadingValues)
            throws SQLException {
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        this.stream = new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 16);
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        this.prefix = leadingValues.stream().map(v -> v + "\t").reduce("", String::concat);
    }

    public void write(String[] values) {
        try {
            out.write(prefix);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.write('\t');
                }
                writeValue(values[i]);
            }
            out.write('\n');
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("COPY failed after " + rows + " rows: " + e.getMessage(), e);
        }
    }

    private void writeValue(String value) throws IOException {
        if (value == null) {
            out.write("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.write("\\\\");
                case '\t' -> out.write("\\t");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                default -> out.write(c);
            }
        }
    }

    /** A text[] value in PostgreSQL's array syntax, every element quoted, ready to be written as one COPY field. */
    public static String textArray(List<String> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return out.append('}').toString();
    }

    public long rows() {
        return rows;
    }

    /** Ends the COPY; the rows become visible when the surrounding transaction commits. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
