package io.dwpilot.models.sql.lexer;

import io.dwpilot.models.sql.lexer.SqlToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads EXPLAIN's option list, {@code (ANALYZE, FORMAT JSON)}, {@code (analyze off)}, for whether it runs the
 * statement. PostgreSQL takes an option without a value as true, and as values {@code true}, {@code false},
 * {@code on}, {@code off} (as words, quoted names or strings, in any case) and the integers 1 and 0. Only a value
 * read as false here turns ANALYZE off; anything else counts as on, since PostgreSQL either runs the statement or
 * refuses the option.
 */
final class ExplainOptions {
    private ExplainOptions() {}

    /** At the list's opening parenthesis: moves past the list; true when an ANALYZE option is not false. */
    static boolean analyze(TokenCursor cursor) {
        cursor.advance();
        boolean analyze = false;
        while (!cursor.atEnd() && !cursor.accept(Type.RIGHT_PAREN)) {
            SqlToken name = cursor.peek(0);
            cursor.advance();
            List<SqlToken> value = value(cursor);
            if (isAnalyze(cursor, name) && !isFalse(cursor, value)) {
                analyze = true;
            }
            cursor.accept(Type.COMMA);
        }
        return analyze;
    }

    /** The option's value: its tokens up to the comma or parenthesis that ends it. */
    private static List<SqlToken> value(TokenCursor cursor) {
        List<SqlToken> value = new ArrayList<>();
        int depth = 0;
        while (!cursor.atEnd()) {
            SqlToken token = cursor.peek(0);
            if (depth == 0 && (token.type() == Type.COMMA || token.type() == Type.RIGHT_PAREN)) {
                break;
            }
            if (token.type() == Type.LEFT_PAREN) {
                depth++;
            } else if (token.type() == Type.RIGHT_PAREN) {
                depth--;
            }
            value.add(token);
            cursor.advance();
        }
        return value;
    }

    private static boolean isAnalyze(TokenCursor cursor, SqlToken name) {
        String word = switch (name.type()) {
            case IDENTIFIER -> cursor.text(name);
            case QUOTED_IDENTIFIER -> unquoted(cursor.text(name), '"');
            default -> "";
        };
        String lower = SqlChars.asciiLower(word);
        return lower.equals("analyze") || lower.equals("analyse");
    }

    private static boolean isFalse(TokenCursor cursor, List<SqlToken> value) {
        if (value.size() == 2 && value.get(0).type() == Type.OPERATOR) {
            String sign = cursor.text(value.get(0));
            return (sign.equals("-") || sign.equals("+")) && isZero(cursor, value.get(1));
        }
        if (value.size() != 1) {
            return false;
        }
        SqlToken token = value.get(0);
        String word = switch (token.type()) {
            case IDENTIFIER -> cursor.text(token);
            case QUOTED_IDENTIFIER -> unquoted(cursor.text(token), '"');
            case STRING -> unquoted(cursor.text(token), '\'');
            case NUMBER -> isZero(cursor, token) ? "false" : "";
            default -> "";
        };
        String lower = SqlChars.asciiLower(word);
        return lower.equals("false") || lower.equals("off");
    }

    /** The inside of a quoted token, or "" when it holds a doubled quote or continues over lines. */
    private static String unquoted(String text, char quote) {
        String inside = text.substring(1, text.length() - 1);
        return inside.indexOf(quote) < 0 ? inside : "";
    }

    /** 0, 00, 0_0, 0x0, 0o0, 0b0: an integer zero (0.0 is a decimal, which PostgreSQL refuses as a Boolean). */
    private static boolean isZero(TokenCursor cursor, SqlToken token) {
        if (token.type() != Type.NUMBER) {
            return false;
        }
        String digits = SqlChars.asciiLower(cursor.text(token));
        if (digits.startsWith("0x") || digits.startsWith("0o") || digits.startsWith("0b")) {
            digits = digits.substring(2);
        }
        return digits.indexOf('0') >= 0 && digits.chars().allMatch(c -> c == '0' || c == '_');
    }
}
