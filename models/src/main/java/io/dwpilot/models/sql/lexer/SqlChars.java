package io.dwpilot.models.sql.lexer;

/**
 * PostgreSQL's character classes ({@code scan.l}). Every non-ASCII character counts as a letter, as every byte of
 * its UTF-8 encoding does there: so a no-break space is part of a name, not whitespace.
 */
final class SqlChars {
    private static final String OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";
    /** Characters after which a trailing {@code +} or {@code -} may end a multi-character operator. */
    private static final String NON_SQL_OPERATOR_CHARS = "~!@#^&|`?%";

    private SqlChars() {}

    /** Space, tab, line feed, carriage return, form feed, vertical tab (PostgreSQL 16 added the last). */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** A {@code $} inside a name belongs to it: {@code a$b} and {@code x$$y} are names. */
    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    /** Dollar-quote tags follow the rules of names, without {@code $}. */
    static boolean isTagPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    static boolean isOperatorChar(char c) {
        return OPERATOR_CHARS.indexOf(c) >= 0;
    }

    static boolean isNonSqlOperatorChar(char c) {
        return NON_SQL_OPERATOR_CHARS.indexOf(c) >= 0;
    }

    /** Folds ASCII letters only, as PostgreSQL folds unquoted names in a multi-byte encoding. */
    static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    static String asciiLower(String s) {
        StringBuilder lower = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            lower.append(asciiLower(s.charAt(i)));
        }
        return lower.toString();
    }
}
