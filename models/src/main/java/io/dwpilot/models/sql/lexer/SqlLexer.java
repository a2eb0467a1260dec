package io.dwpilot.models.sql.lexer;

import io.dwpilot.models.sql.SqlSyntaxException;
import io.dwpilot.models.sql.lexer.SqlToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens by PostgreSQL's lexical rules ({@code src/backend/parser/scan.l}, with
 * {@code standard_conforming_strings} on), in one pass over the characters: no regular expression and no recursion,
 * so a megabyte-long literal or thousands of nested comments cost linear time and constant stack.
 *
 * <p>It decides what PostgreSQL decides about where strings, comments, quoted names and dollar quotes start and
 * end, which is what telling statements apart needs. It does not check what PostgreSQL checks later (escape
 * sequences, numbers with trailing letters, the lengths of names), nor does it tell keywords from names.
 */
public final class SqlLexer {
    private static final int NEAR_TEXT_LIMIT = 40;

    private final String sql;
    private final boolean lenient;
    private final List<SqlToken> tokens = new ArrayList<>();
    private int pos;

    private SqlLexer(String sql, boolean lenient) {
        this.sql = sql;
        this.lenient = lenient;
    }

    /**
     * The tokens of the text, covering it without gaps.
     *
     * @throws SqlSyntaxException for an unterminated string, comment, quoted name or dollar quote, or an empty
     *                            quoted name, worded as PostgreSQL words it and with its position
     */
    public static List<SqlToken> tokenize(String sql) {
        return new SqlLexer(sql, false).run();
    }

    /**
     * The tokens of the text, never failing: an unterminated string, comment, quoted name or dollar quote runs to
     * the end of the text. For callers that only describe a text PostgreSQL may reject, such as fingerprints.
     */
    public static List<SqlToken> tokenizeLeniently(String sql) {
        return new SqlLexer(sql, true).run();
    }

    private List<SqlToken> run() {
        while (pos < sql.length()) {
            int start = pos;
            Type type = scanToken();
            tokens.add(new SqlToken(type, start, pos));
        }
        return List.copyOf(tokens);
    }

    private char at(int index) {
        return index < sql.length() ? sql.charAt(index) : '\0';
    }

    /** Reads the token at {@code pos}, leaving {@code pos} after it. */
    private Type scanToken() {
        char c = sql.charAt(pos);
        char next = at(pos + 1);
        if (SqlChars.isSpace(c)) {
            return whitespace();
        } else if (c == '-' && next == '-') {
            return lineComment();
        } else if (c == '/' && next == '*') {
            return blockComment();
        } else if (c == '\'') {
            return quoted(pos, pos + 1, Type.STRING, Quoting.STANDARD);
        } else if (c == '"') {
            return quotedIdentifier(pos, pos + 1, Type.QUOTED_IDENTIFIER);
        } else if (c == '$') {
            return dollar();
        } else if (SqlChars.isDigit(c) || (c == '.' && SqlChars.isDigit(next))) {
            return number();
        } else if (SqlChars.isIdentifierStart(c)) {
            return prefixedQuoteOrIdentifier(c, next);
        }
        return punctuationOrOperator(c, next);
    }

    private Type whitespace() {
        while (pos < sql.length() && SqlChars.isSpace(sql.charAt(pos))) {
            pos++;
        }
        return Type.WHITESPACE;
    }

    /** Up to the line break, which is whitespace of its own; without one, to the end of the text. */
    private Type lineComment() {
        pos = endOfLine(pos);
        return Type.LINE_COMMENT;
    }

    private int endOfLine(int from) {
        int p = from;
        while (p < sql.length() && !SqlChars.isNewline(sql.charAt(p))) {
            p++;
        }
        return p;
    }

    /** Block comments nest: {@code /* a /* b *}{@code / c *}{@code /} is one comment. */
    private Type blockComment() {
        int start = pos;
        int depth = 0;
        int p = pos;
        while (p < sql.length()) {
            char c = sql.charAt(p);
            if (c == '/' && at(p + 1) == '*') {
                depth++;
                p += 2;
            } else if (c == '*' && at(p + 1) == '/') {
                p += 2;
                if (--depth == 0) {
                    pos = p;
                    return Type.BLOCK_COMMENT;
                }
            } else {
                p++;
            }
        }
        return unterminated(start, "unterminated /* comment", Type.BLOCK_COMMENT);
    }

    /** E'...', B'...', X'...', N'...', U&'...' and U&"..."; any other letter starts a name. */
    private Type prefixedQuoteOrIdentifier(char c, char next) {
        char lower = SqlChars.asciiLower(c);
        if (next == '\'') {
            switch (lower) {
                case 'e':
                    return quoted(pos, pos + 2, Type.ESCAPE_STRING, Quoting.ESCAPE);
                case 'b':
                    return quoted(pos, pos + 2, Type.BIT_STRING, Quoting.BITS);
                case 'x':
                    return quoted(pos, pos + 2, Type.HEX_STRING, Quoting.HEX);
                case 'n':
                    // PostgreSQL reads N as the keyword NCHAR, then the string: errors point at the quote
                    return quoted(pos + 1, pos + 2, Type.NATIONAL_STRING, Quoting.STANDARD);
                default:
                    break;
            }
        } else if (lower == 'u' && next == '&') {
            char quote = at(pos + 2);
            if (quote == '\'') {
                // Unicode escapes are decoded after scanning, so the scanner reads a standard string
                return quoted(pos, pos + 3, Type.UNICODE_STRING, Quoting.STANDARD);
            } else if (quote == '"') {
                return quotedIdentifier(pos, pos + 3, Type.UNICODE_IDENTIFIER);
            }
        }
        while (pos < sql.length() && SqlChars.isIdentifierPart(sql.charAt(pos))) {
            pos++;
        }
        return Type.IDENTIFIER;
    }

    /** How the inside of a single-quoted string is read. */
    private enum Quoting {
        /** {@code ''} is a quote; a backslash is itself. */
        STANDARD("unterminated quoted string", true, false),
        /** {@code ''} or {@code \'} is a quote; a backslash escapes the next character. */
        ESCAPE("unterminated quoted string", true, true),
        /** The first quote ends it: {@code B'1''0'} is two strings. */
        BITS("unterminated bit string literal", false, false),
        HEX("unterminated hexadecimal string literal", false, false);

        final String unterminated;
        final boolean doubledQuote;
        final boolean backslashEscapes;

        Quoting(String unterminated, boolean doubledQuote, boolean backslashEscapes) {
            this.unterminated = unterminated;
            this.doubledQuote = doubledQuote;
            this.backslashEscapes = backslashEscapes;
        }
    }

    /**
     * A single-quoted string whose opening quote ends at {@code bodyStart}. A string followed by whitespace holding
     * a line break and another quote goes on there, read the same way (SQL's continuation of literals).
     *
     * @param errorAt where PostgreSQL points when the string is not closed
     */
    private Type quoted(int errorAt, int bodyStart, Type type, Quoting quoting) {
        int p = bodyStart;
        while (p < sql.length()) {
            char c = sql.charAt(p);
            if (c == '\\' && quoting.backslashEscapes) {
                p += 2;
            } else if (c != '\'') {
                p++;
            } else if (quoting.doubledQuote && at(p + 1) == '\'') {
                p += 2;
            } else {
                int continued = continuation(p + 1);
                if (continued < 0) {
                    pos = p + 1;
                    return type;
                }
                p = continued;
            }
        }
        return unterminated(errorAt, quoting.unterminated, type);
    }

    /**
     * Where a string continues after its closing quote: past spaces and {@code --} comments holding at least one
     * line break, and the opening quote of the next part. -1 when it does not continue.
     */
    private int continuation(int afterQuote) {
        boolean lineBreak = false;
        int p = afterQuote;
        while (p < sql.length()) {
            char c = sql.charAt(p);
            if (SqlChars.isNewline(c)) {
                lineBreak = true;
                p++;
            } else if (SqlChars.isSpace(c)) {
                p++;
            } else if (c == '-' && at(p + 1) == '-') {
                p = endOfLine(p);
            } else {
                break;
            }
        }
        return lineBreak && at(p) == '\'' ? p + 1 : -1;
    }

    /** {@code "..."} with {@code ""} for a quote inside. */
    private Type quotedIdentifier(int start, int bodyStart, Type type) {
        int p = bodyStart;
        while (p < sql.length()) {
            if (sql.charAt(p) != '"') {
                p++;
            } else if (at(p + 1) == '"') {
                p += 2;
            } else {
                if (p == bodyStart && !lenient) {
                    throw error(start, p + 1, "zero-length delimited identifier");
                }
                pos = p + 1;
                return type;
            }
        }
        return unterminated(start, "unterminated quoted identifier", type);
    }

    /**
     * {@code $1} is a parameter; {@code $$} or {@code $tag$} opens a dollar quote that only the same tag closes;
     * any other {@code $} is a character of its own, after which a name may follow ({@code $a b$} is
     * {@code $}, {@code a}, {@code b$}).
     */
    private Type dollar() {
        int start = pos;
        if (SqlChars.isDigit(at(pos + 1))) {
            pos++;
            while (SqlChars.isDigit(at(pos))) {
                pos++;
            }
            trailingJunk();
            return Type.PARAMETER;
        }
        int tagEnd = pos + 1;
        if (SqlChars.isIdentifierStart(at(tagEnd))) {
            while (SqlChars.isTagPart(at(tagEnd))) {
                tagEnd++;
            }
        }
        if (at(tagEnd) != '$') {
            pos++;
            return Type.OTHER;
        }
        String delimiter = sql.substring(start, tagEnd + 1);
        // every $ of the body is where PostgreSQL tries the delimiter, so its first occurrence closes the quote
        int close = sql.indexOf(delimiter, tagEnd + 1);
        if (close < 0) {
            return unterminated(start, "unterminated dollar-quoted string", Type.DOLLAR_STRING);
        }
        pos = close + delimiter.length();
        return Type.DOLLAR_STRING;
    }

    /**
     * Digits with {@code _} separators, a fraction and an exponent. {@code 0x1F}, {@code 0o17}, {@code 0b11} and
     * the junk PostgreSQL 15 rejects ({@code 12abc}) are read as the digits and the name glued to them: one token.
     * {@code 1..5} is 1, {@code ..}, 5.
     */
    private Type number() {
        if (sql.charAt(pos) == '.') {
            pos++;
            digits();
        } else {
            digits();
            if (at(pos) == '.' && at(pos + 1) != '.') {
                pos++;
                digits();
            }
        }
        char e = at(pos);
        if (e == 'e' || e == 'E') {
            char sign = at(pos + 1);
            if (SqlChars.isDigit(sign)) {
                pos++;
                digits();
            } else if ((sign == '+' || sign == '-') && SqlChars.isDigit(at(pos + 2))) {
                pos += 2;
                digits();
            }
        }
        trailingJunk();
        return Type.NUMBER;
    }

    private void digits() {
        while (SqlChars.isDigit(at(pos)) || (at(pos) == '_' && SqlChars.isDigit(at(pos + 1)))) {
            pos++;
        }
    }

    private void trailingJunk() {
        if (SqlChars.isIdentifierStart(at(pos))) {
            while (SqlChars.isIdentifierPart(at(pos))) {
                pos++;
            }
        }
    }

    private Type punctuationOrOperator(char c, char next) {
        switch (c) {
            case '(':
                pos++;
                return Type.LEFT_PAREN;
            case ')':
                pos++;
                return Type.RIGHT_PAREN;
            case ',':
                pos++;
                return Type.COMMA;
            case ';':
                pos++;
                return Type.SEMICOLON;
            case '[', ']':
                pos++;
                return Type.PUNCTUATION;
            case ':':
                // :: (a cast) and := are operators; a lone : slices arrays
                return pairOrSingle(next == ':' || next == '=');
            case '.':
                return pairOrSingle(next == '.');
            default:
                break;
        }
        if (SqlChars.isOperatorChar(c)) {
            return operator();
        }
        pos++;
        return Type.OTHER;
    }

    private Type pairOrSingle(boolean pair) {
        pos += pair ? 2 : 1;
        return pair ? Type.OPERATOR : Type.PUNCTUATION;
    }

    /**
     * A run of operator characters, cut where a comment starts inside it ({@code +/*} is {@code +} and a comment).
     * A multi-character operator cannot end in {@code +} or {@code -} unless it holds a character SQL's own
     * operators lack, so {@code =-} is two operators and {@code ?-} one.
     */
    private Type operator() {
        int start = pos;
        int end = pos + 1;
        while (SqlChars.isOperatorChar(at(end)) && !startsComment(end)) {
            end++;
        }
        if (end - start > 1 && isSign(sql.charAt(end - 1)) && !holdsNonSqlOperatorChar(start, end - 1)) {
            do {
                end--;
            } while (end - start > 1 && isSign(sql.charAt(end - 1)));
        }
        pos = end;
        return Type.OPERATOR;
    }

    private boolean startsComment(int p) {
        char c = sql.charAt(p);
        char next = at(p + 1);
        return (c == '/' && next == '*') || (c == '-' && next == '-');
    }

    private static boolean isSign(char c) {
        return c == '+' || c == '-';
    }

    private boolean holdsNonSqlOperatorChar(int from, int to) {
        for (int i = from; i < to; i++) {
            if (SqlChars.isNonSqlOperatorChar(sql.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The end of the text inside a quote or comment: an error, or (leniently) the rest of the text is the token. */
    private Type unterminated(int errorAt, String message, Type type) {
        if (!lenient) {
            throw error(errorAt, sql.length(), message);
        }
        pos = sql.length();
        return type;
    }

    /**
     * Worded as PostgreSQL's scanner words it: the message, then the text from where the token starts to where the
     * scanner stands (for what is unterminated, the end of the text), cut short here.
     */
    private SqlSyntaxException error(int at, int scanned, String message) {
        int nearEnd = scanned;
        if (sql.codePointCount(at, scanned) > NEAR_TEXT_LIMIT) {
            nearEnd = sql.offsetByCodePoints(at, NEAR_TEXT_LIMIT);
        }
        String near = sql.substring(at, nearEnd) + (nearEnd < scanned ? "..." : "");
        return new SqlSyntaxException(message + " at or near \"" + near + "\"", sql.codePointCount(0, at) + 1);
    }
}
