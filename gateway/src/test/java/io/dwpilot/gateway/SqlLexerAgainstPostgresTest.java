package io.dwpilot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.gateway.PostgresWireClient.Outcome;
import io.dwpilot.gateway.PostgresWireClient.ServerError;
import io.dwpilot.models.sql.SqlSyntaxException;
import io.dwpilot.models.sql.lexer.CommandKind;
import io.dwpilot.models.sql.lexer.SqlStatement;
import io.dwpilot.models.sql.lexer.SqlStatements;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code SqlStatements} to PostgreSQL's own scanner: each text goes to the server as one simple-query
 * message, which PostgreSQL parses whole before running any of it, so the statements it completes are the
 * statements its scanner and grammar found (unless one fails while running, which stops the rest). Wherever
 * PostgreSQL ran a text, the lexer must split it into as many statements; wherever PostgreSQL found something
 * unterminated, the lexer must fail with PostgreSQL's message and position; and it must never count fewer
 * statements than PostgreSQL ran.
 */
class SqlLexerAgainstPostgresTest {
    private static final long SEED = 20_250_607L;
    private static final int FUZZED_TEXTS = 3_000;
    private static final List<String> KNOWN_TEXTS = List.of(
            "SELECT E'\\''; SELECT 2; SELECT 3; --'",
            "SELECT '\\'; SELECT 1; --'",
            "SELECT $a$ ; $a$",
            "SELECT $a$ $b$ ; $a$",
            "SELECT 1 AS a$b; SELECT 1",
            "SELECT 1 AS x$$y; SELECT $$;$$",
            "SELECT 1 /* /* ; */ ; */ ; SELECT 2",
            "SELECT U&'d\\0061t\\+000061'",
            "SELECT 1 AS \"a;\"\"b\"",
            "SELECT 'a'\n';'; SELECT 'b' -- ;\n';'",
            "SELECT '" + "x;'' ".repeat(200_000) + "'");

    /** What happened to one text, for the summary. */
    private enum Verdict {
        RAN,
        UNTERMINATED,
        OTHER_ERROR
    }

    @Test
    void theLexerSplitsTextsAsPostgresRunsThem() throws IOException {
        List<String> texts = new ArrayList<>(KNOWN_TEXTS);
        Map<String, Integer> pieces = new TreeMap<>();
        FuzzedSql fuzz = new FuzzedSql(SEED);
        for (int i = 0; i < FUZZED_TEXTS; i++) {
            FuzzedSql.Text text = fuzz.next();
            texts.add(text.sql());
            text.pieces().forEach(piece -> pieces.merge(piece, 1, Integer::sum));
        }
        Map<Verdict, Integer> verdicts = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        int statements = 0;
        DatabaseSettings settings = TestPostgres.newDatabase("lexer_fuzz");
        URI url = URI.create(settings.url().orElseThrow().substring("jdbc:".length()));
        try (PostgresWireClient postgres = PostgresWireClient.connect(
                url.getHost(), url.getPort(), settings.user(), url.getPath().substring(1))) {
            boolean charactersAreCodePoints = "UTF8".equals(postgres.parameter("server_encoding"));
            for (String sql : texts) {
                Outcome outcome = postgres.query(sql);
                Comparison comparison = compare(sql, outcome, charactersAreCodePoints);
                verdicts.merge(comparison.verdict(), 1, Integer::sum);
                statements += outcome.completed();
                if (comparison.disagreement() != null) {
                    disagreements.add(comparison.disagreement() + " in: " + abbreviated(sql));
                }
            }
            System.out.printf(
                    "SqlLexerAgainstPostgresTest: PostgreSQL %s (%s): %d texts, %d agree; %s; %d statements"
                            + " run; pieces: %s%n",
                    postgres.parameter("server_version"),
                    postgres.parameter("server_encoding"),
                    texts.size(),
                    texts.size() - disagreements.size(),
                    joined(verdicts, verdict -> verdict.name().toLowerCase(Locale.ROOT)),
                    statements,
                    joined(pieces, piece -> piece));
        }
        assertThat(disagreements)
                .as("texts the lexer reads otherwise than PostgreSQL")
                .isEmpty();
        assertThat(verdicts).as("every outcome is exercised").containsKeys(Verdict.values());
    }

    private static <K> String joined(Map<K, Integer> counts, Function<K, String> name) {
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + name.apply(e.getKey()))
                .collect(Collectors.joining(", "));
    }

    private record Comparison(Verdict verdict, String disagreement) {}

    /** The lexer's statements, or its error. */
    private record Split(List<SqlStatement> statements, SqlSyntaxException error) {
        static Split of(String sql) {
            try {
                return new Split(SqlStatements.split(sql), null);
            } catch (SqlSyntaxException e) {
                return new Split(List.of(), e);
            }
        }
    }

    private static Comparison compare(String sql, Outcome postgres, boolean comparePositions) {
        Split lexer = Split.of(sql);
        if (postgres.error().isEmpty()) {
            return new Comparison(Verdict.RAN, ranAlike(lexer, postgres.completed()));
        }
        ServerError error = postgres.error().get();
        if (isScannerError(error)) {
            return new Comparison(Verdict.UNTERMINATED, failedAlike(lexer, error, comparePositions));
        }
        return new Comparison(Verdict.OTHER_ERROR, neverFewer(lexer, error, postgres.completed()));
    }

    /** PostgreSQL ran the whole text: the lexer splits it into as many statements, all queries. */
    private static String ranAlike(Split lexer, int ran) {
        if (lexer.error() != null) {
            return "PostgreSQL ran " + ran + " statements, the lexer failed: "
                    + lexer.error().getMessage();
        }
        if (lexer.statements().size() != ran) {
            return "PostgreSQL ran " + ran + " statements, the lexer split "
                    + lexer.statements().size();
        }
        List<CommandKind> kinds =
                lexer.statements().stream().map(SqlStatement::kind).toList();
        return kinds.stream().allMatch(kind -> kind == CommandKind.QUERY)
                ? null
                : "PostgreSQL ran SELECTs, the lexer classified " + kinds;
    }

    /** PostgreSQL's scanner found something unterminated (so it ran nothing): the lexer fails alike. */
    private static String failedAlike(Split lexer, ServerError error, boolean comparePositions) {
        if (lexer.error() == null) {
            return "PostgreSQL failed with " + error.message() + ", the lexer split "
                    + lexer.statements().size() + " statements";
        }
        return sameError(lexer.error(), error, comparePositions);
    }

    /**
     * PostgreSQL failed otherwise, perhaps after running some statements: the lexer counts no fewer, and fails
     * only where PostgreSQL ran nothing.
     */
    private static String neverFewer(Split lexer, ServerError error, int ran) {
        if (lexer.error() != null) {
            return ran == 0
                    ? null
                    : "PostgreSQL ran " + ran + " statements before failing with " + error.message()
                            + ", the lexer failed: " + lexer.error().getMessage();
        }
        return lexer.statements().size() >= ran
                ? null
                : "PostgreSQL ran " + ran + " statements before failing with " + error.message()
                        + ", the lexer split only " + lexer.statements().size();
    }

    /** The scanner's errors the lexer reports too: something unterminated, or an empty quoted name. */
    private static boolean isScannerError(ServerError error) {
        return error.sqlState().equals("42601")
                && (error.message().startsWith("unterminated ")
                        || error.message().startsWith("zero-length delimited identifier"));
    }

    /** The lexer cuts the text it quotes after 40 characters with "..."; up to there it must read as PostgreSQL's. */
    private static String sameError(SqlSyntaxException lexer, ServerError postgres, boolean comparePositions) {
        String message = lexer.getMessage();
        boolean sameMessage = message.endsWith("...\"")
                ? postgres.message().startsWith(message.substring(0, message.length() - "...\"".length()))
                : postgres.message().equals(message);
        if (!sameMessage) {
            return "PostgreSQL failed with " + postgres.message() + ", the lexer with " + message;
        }
        if (comparePositions && lexer.position().orElse(0) != postgres.position()) {
            return "PostgreSQL points at " + postgres.position() + ", the lexer at " + lexer.position();
        }
        return null;
    }

    private static String abbreviated(String sql) {
        String text = sql.length() > 300 ? sql.substring(0, 300) + "..." : sql;
        return text.replace("\n", "\\n").replace("\r", "\\r");
    }
}
