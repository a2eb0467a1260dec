package io.dwpilot.models.sql;

import java.util.Objects;

/**
 * One comparison of a column in WHERE, HAVING or ON: {@code operator} is upper case ({@code =}, {@code <>},
 * {@code <}, {@code <=}, {@code >}, {@code >=}, {@code BETWEEN}, {@code IN}, {@code LIKE}, {@code ILIKE},
 * {@code IS NULL}, and their {@code NOT} forms). A comparison written with the column on the right is mirrored
 * ({@code 5 < x} becomes {@code x > 5}); one under NOT is negated.
 */
public record Predicate(ColumnRef column, String operator, ValueKind valueKind) {
    public Predicate {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(valueKind, "valueKind");
    }
}
