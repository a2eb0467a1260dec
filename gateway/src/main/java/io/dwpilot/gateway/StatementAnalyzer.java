package io.dwpilot.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dwpilot.models.sql.Fingerprint;
import io.dwpilot.models.sql.LexicalFingerprint;
import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.SqlAnalyzer;
import io.dwpilot.models.sql.SqlSyntaxException;
import io.dwpilot.models.sql.lexer.SingleStatement;
import io.dwpilot.models.sql.lexer.SqlStatement;
import java.util.Optional;

/**
 * Reads a request's text: the lexer first (linear, on every text: exactly one statement, nothing unterminated, its
 * command kind), then the parser. Parsing costs far more than the query of a point lookup, and what the analysis
 * holds does not depend on literal values: statements with the same text but for their literals share one analysis
 * (its LIMIT value is the first seen statement's; nothing on the query path reads it). Statements the parser cannot
 * read still go to PostgreSQL, the judge of valid SQL, with a coarser text fingerprint.
 */
final class StatementAnalyzer {
    private static final int CACHED = 10_000;

    private record Parsed(Optional<QueryAnalysis> analysis, Fingerprint fingerprint) {}

    private final SqlAnalyzer analyzer = new SqlAnalyzer();
    private final Cache<String, Parsed> parsed =
            Caffeine.newBuilder().maximumSize(CACHED).build();

    /**
     * @throws SqlSyntaxException when the text is not exactly one statement, something in it is unterminated, or it
     *                            holds a NUL character (the protocol ends a statement's text at the first)
     */
    AnalyzedStatement analyze(String sql) {
        int nul = sql.indexOf('\0');
        if (nul >= 0) {
            throw new SqlSyntaxException(
                    "A statement cannot hold a NUL character (U+0000): PostgreSQL's protocol ends" + " the text there",
                    sql.codePointCount(0, nul) + 1);
        }
        SqlStatement statement = SingleStatement.of(sql);
        Fingerprint lexical = LexicalFingerprint.of(statement.text());
        Parsed known = parsed.get(lexical.normalizedText(), text -> {
            try {
                QueryAnalysis analysis = analyzer.analyze(statement.text());
                return new Parsed(Optional.of(analysis), analysis.fingerprint());
            } catch (SqlSyntaxException e) {
                return new Parsed(Optional.empty(), lexical);
            }
        });
        return new AnalyzedStatement(statement, known.analysis(), known.fingerprint());
    }
}
