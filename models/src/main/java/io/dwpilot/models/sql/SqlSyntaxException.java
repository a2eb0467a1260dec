package io.dwpilot.models.sql;

import java.util.OptionalInt;

/**
 * The SQL could not be analyzed: it does not parse, is empty, holds more than one statement, or is too long or too
 * complex to parse in time. Line and column (1-based) are present when the parser pointed at a token; the position
 * (1-based, in characters, as PostgreSQL counts it) when the lexer did.
 */
public final class SqlSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int UNKNOWN = 0;

    private final int line;
    private final int column;
    private final int position;

    public SqlSyntaxException(String message) {
        this(message, UNKNOWN, UNKNOWN, null);
    }

    /**
     * An error at a character of the text, which the message names in its own words (PostgreSQL's lexer says
     * {@code at or near "..."}).
     *
     * @param position 1-based, counting characters (code points) from the start of the text
     */
    public SqlSyntaxException(String message, int position) {
        super(message);
        if (position < 1) {
            throw new IllegalArgumentException("position is 1-based: " + position);
        }
        this.line = UNKNOWN;
        this.column = UNKNOWN;
        this.position = position;
    }

    SqlSyntaxException(String message, int line, int column, Throwable cause) {
        super(line == UNKNOWN ? message : message + " at line " + line + ", column " + column, cause);
        this.line = line;
        this.column = column;
        this.position = UNKNOWN;
    }

    public OptionalInt line() {
        return line == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(line);
    }

    public OptionalInt column() {
        return column == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(column);
    }

    /** The 1-based character position of the error in the text, when the lexer found it. */
    public OptionalInt position() {
        return position == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(position);
    }
}
