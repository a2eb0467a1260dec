package io.dwpilot.models.sql.lexer;

import io.dwpilot.models.sql.lexer.SqlToken.Type;
import java.util.List;

/** Walks the tokens of a statement that mean something, skipping whitespace and comments. */
final class TokenCursor {
    private final String sql;
    private final List<SqlToken> tokens;
    private int index;

    TokenCursor(String sql, List<SqlToken> tokens) {
        this.sql = sql;
        this.tokens = tokens.stream().filter(token -> !token.type().isTrivia()).toList();
    }

    boolean atEnd() {
        return index >= tokens.size();
    }

    /** The token {@code ahead} places on (0 is the current one), or null past the end. */
    SqlToken peek(int ahead) {
        int i = index + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    boolean peekIs(int ahead, Type type) {
        SqlToken token = peek(ahead);
        return token != null && token.type() == type;
    }

    boolean peekWord(int ahead, String word) {
        SqlToken token = peek(ahead);
        return token != null && token.isWord(sql, word);
    }

    boolean peekWord(String word) {
        return peekWord(0, word);
    }

    /** The current token's text in lower case when it is a keyword or name, else null. */
    String word() {
        SqlToken token = peek(0);
        return token == null || token.type() != Type.IDENTIFIER ? null : token.foldedText(sql);
    }

    String text(SqlToken token) {
        return token.text(sql);
    }

    boolean isWord(SqlToken token, String word) {
        return token.isWord(sql, word);
    }

    /** The token just passed, or null at the start. */
    SqlToken previous() {
        return index > 0 && index <= tokens.size() ? tokens.get(index - 1) : null;
    }

    void advance() {
        index++;
    }

    boolean acceptWord(String word) {
        if (peekWord(word)) {
            index++;
            return true;
        }
        return false;
    }

    boolean accept(Type type) {
        if (peekIs(0, type)) {
            index++;
            return true;
        }
        return false;
    }

    void skipWhile(Type type) {
        while (peekIs(0, type)) {
            index++;
        }
    }

    /** At an opening parenthesis: moves past its closing one (or to the end, when it has none). */
    void skipParenthesized() {
        int depth = 0;
        while (!atEnd()) {
            Type type = tokens.get(index++).type();
            if (type == Type.LEFT_PAREN) {
                depth++;
            } else if (type == Type.RIGHT_PAREN && --depth == 0) {
                return;
            }
        }
    }

    /** Moves past the next {@code word} outside parentheses; false (at the end) when there is none. */
    boolean skipPastWord(String word) {
        int depth = 0;
        while (!atEnd()) {
            SqlToken token = tokens.get(index++);
            if (token.type() == Type.LEFT_PAREN) {
                depth++;
            } else if (token.type() == Type.RIGHT_PAREN) {
                depth--;
            } else if (depth == 0 && token.isWord(sql, word)) {
                return true;
            }
        }
        return false;
    }
}
