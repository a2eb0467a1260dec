package io.dwpilot.models.sql;

import java.util.OptionalInt;

/**
 * The SQL could not be analyzed: it does not parse, is empty, holds more than one statement, or is too long or too
 * complex to parse in time. Line and column (1-based) are present when the parser pointed at a token.
 */
public final class SqlSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int UNKNOWN = 0;

    private final int line;
    private final int column;

    public SqlSyntaxException(String message) {
        this(message, UNKNOWN, UNKNOWN, null);
    }

    SqlSyntaxException(String message, int line, int column, Throwable cause) {
        super(line == UNKNOWN ? message : message + " at line " + line + ", column " + column, cause);
        this.line = line;
        this.column = column;
    }

    public OptionalInt line() {
        return line == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(line);
    }

    public OptionalInt column() {
        return column == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(column);
    }
}
