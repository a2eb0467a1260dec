package io.dwpilot.persistence.query;

import java.util.regex.Pattern;

/** Checks on raw SQL text that do not need a parser. */
final class StatementText {
    // Everything a semicolon can hide in: comments, quoted strings, dollar-quoted bodies, quoted identifiers.
    private static final Pattern OPAQUE = Pattern.compile(
            "--[^\\n]*|/\\*.*?\\*/|'(?:[^']|'')*'|\\$([A-Za-z_]*)\\$.*?\\$\\1\\$|\"(?:[^\"]|\"\")*\"", Pattern.DOTALL);

    private StatementText() {
    }

    /** True when the text holds more than one statement (a trailing semicolon is fine). */
    static boolean hasSeveralStatements(String sql) {
        String code = OPAQUE.matcher(sql).replaceAll(" ").strip();
        int semicolon = code.indexOf(';');
        return semicolon >= 0 && !code.substring(semicolon + 1).replace(";", "").isBlank();
    }
}
