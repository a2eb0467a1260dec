package io.dwpilot.models.sql;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;

/**
 * Rewrites JSqlParser's errors (a wrapped ParseException listing up to dozens of expected tokens, or a lexical
 * error) into one line naming the offending token, the expected ones when they are few, and the position.
 */
final class ParseErrors {
    private static final Pattern POSITION = Pattern.compile("\\s*at line (\\d+), column (\\d+)");
    private static final int MAX_EXPECTED = 6;
    private static final int EOF_KIND = 0;
    private static final Map<String, String> READABLE_TOKENS =
            Map.of("<EOF>", "end of input", "<ST_SEMICOLON>", "\";\"");

    private ParseErrors() {}

    static SqlSyntaxException describe(Exception e) {
        ParseException parseException = find(e, ParseException.class);
        if (parseException != null && parseException.currentToken != null && parseException.currentToken.next != null) {
            Token offending = parseException.currentToken.next;
            return new SqlSyntaxException(
                    "syntax error: unexpected " + image(offending) + expected(parseException),
                    offending.beginLine,
                    offending.beginColumn,
                    e);
        }
        // a lexical error, such as an unterminated string, names its position in its message only
        String message = reason(innermost(e));
        Matcher position = POSITION.matcher(message);
        if (position.find()) {
            String withoutPosition = message.substring(0, position.start()) + message.substring(position.end());
            return new SqlSyntaxException(
                    "syntax error: " + withoutPosition.replaceAll("\\s+", " ").strip(),
                    Integer.parseInt(position.group(1)),
                    Integer.parseInt(position.group(2)),
                    e);
        }
        return new SqlSyntaxException("syntax error: " + message, 0, 0, e);
    }

    private static String image(Token token) {
        return token.kind == EOF_KIND ? "end of input" : "\"" + token.image + "\"";
    }

    private static String expected(ParseException e) {
        if (e.expectedTokenSequences == null || e.tokenImage == null) {
            return "";
        }
        Set<String> expected = new LinkedHashSet<>();
        for (int[] sequence : e.expectedTokenSequences) {
            if (sequence.length > 0) {
                String token = e.tokenImage[sequence[0]];
                expected.add(READABLE_TOKENS.getOrDefault(token, token));
            }
        }
        if (expected.isEmpty() || expected.size() > MAX_EXPECTED) {
            return "";
        }
        return " (expected " + String.join(" or ", expected) + ")";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Throwable innermost(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.strip();
    }
}
