package io.dwpilot.models.sql;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.sf.jsqlparser.schema.Table;

/**
 * Names as PostgreSQL resolves them: unquoted identifiers fold to lower case, quoted ones keep their case and lose
 * their quotes. So {@code TPCH.LineItem} and {@code "tpch"."lineitem"} name the same table.
 */
final class Identifiers {
    private Identifiers() {}

    static String normalize(String identifier) {
        if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier.toLowerCase(Locale.ROOT);
    }

    /** The table's name with its schema (and database) as written, each part normalized. */
    static String qualifiedName(Table table) {
        return Stream.of(table.getDatabaseName(), table.getSchemaName(), table.getName())
                .filter(part -> part != null && !part.isEmpty())
                .map(Identifiers::normalize)
                .collect(Collectors.joining("."));
    }

    static boolean isQualified(Table table) {
        return table.getSchemaName() != null && !table.getSchemaName().isEmpty();
    }
}
