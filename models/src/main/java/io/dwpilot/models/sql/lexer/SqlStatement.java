package io.dwpilot.models.sql.lexer;

import io.dwpilot.models.sql.lexer.CommandClassifier.Command;
import io.dwpilot.models.sql.lexer.SqlToken.Type;
import java.util.List;
import java.util.Optional;

/**
 * One statement of a SQL text: its text as written, from its first word or leading comment to its last token
 * (without the semicolon and the whitespace and comments after it), its tokens, and what kind of command it is.
 */
public final class SqlStatement {
    private final String text;
    private final int start;
    private final List<SqlToken> tokens;
    private final Command command;

    /** @param tokens the statement's tokens in {@code source}, starting and ending with ones it keeps */
    SqlStatement(String source, List<SqlToken> tokens) {
        this.start = tokens.get(0).start();
        this.text = source.substring(start, tokens.get(tokens.size() - 1).end());
        this.tokens = tokens.stream()
                .map(token -> new SqlToken(token.type(), token.start() - start, token.end() - start))
                .toList();
        this.command = CommandClassifier.classify(text, this.tokens);
    }

    /** The statement as written, without its semicolon and what trails it. */
    public String text() {
        return text;
    }

    /** Where the statement starts in the text it was split from. */
    public int start() {
        return start;
    }

    /** Where the statement ends in the text it was split from (exclusive). */
    public int end() {
        return start + text.length();
    }

    /** The tokens of {@link #text()}, comments and whitespace included, positioned in that text. */
    public List<SqlToken> tokens() {
        return tokens;
    }

    public CommandKind kind() {
        return command.kind();
    }

    /** For EXPLAIN and EXPLAIN ANALYZE, the kind of the statement explained; empty for other statements. */
    public Optional<CommandKind> explained() {
        return command.explained();
    }

    /** True when the statement holds {@code $1}-style parameters outside strings, comments and quoted names. */
    public boolean hasParameters() {
        return tokens.stream().anyMatch(token -> token.type() == Type.PARAMETER);
    }

    @Override
    public String toString() {
        return text;
    }
}
