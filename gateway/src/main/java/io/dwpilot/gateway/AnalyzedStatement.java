package io.dwpilot.gateway;

import io.dwpilot.models.sql.Fingerprint;
import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.lexer.CommandKind;
import io.dwpilot.models.sql.lexer.SqlStatement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A statement as the gateway reads it: the lexer's statement, which every text that is one statement has (and with
 * it the command kind the gateway's policy decides on), and the parser's analysis when it could read it, with a
 * fingerprint either way.
 */
record AnalyzedStatement(SqlStatement statement, Optional<QueryAnalysis> analysis, Fingerprint fingerprint) {

    /** What the query log calls it: the parser's kind when it read the statement, else the lexer's. */
    String kindLabel() {
        return analysis.map(a -> a.kind().name())
                .orElse(statement.kind().name())
                .toLowerCase(Locale.ROOT);
    }

    /** A read whose plan is worth keeping. */
    boolean isQuery() {
        return statement.kind() == CommandKind.QUERY;
    }

    List<String> tables() {
        return analysis.map(QueryAnalysis::tables).orElse(List.of());
    }

    /** Every column the statement names in any role, as {@code table.column} (or {@code column} when the table is not known). */
    List<String> columns() {
        return analysis.map(a -> a.columns().values().stream()
                        .flatMap(List::stream)
                        .filter(c -> !c.column().equals("*"))
                        .map(c -> c.table() == null ? c.column() : c.table() + "." + c.column())
                        .distinct()
                        .toList())
                .orElse(List.of());
    }
}
