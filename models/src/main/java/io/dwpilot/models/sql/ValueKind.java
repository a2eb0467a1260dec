package io.dwpilot.models.sql;

/** What a predicate compares its column with; the planner treats each kind differently. */
public enum ValueKind {
    /** A constant, including constant arithmetic such as {@code date '1994-01-01' + interval '1 year'}. */
    LITERAL,
    /** A bind parameter ({@code ?}, {@code $1}, {@code :name}), possibly mixed with constants. */
    PARAMETER,
    /** Another column. */
    COLUMN,
    SUBQUERY,
    /** Anything computed from columns or functions. */
    EXPRESSION
}
