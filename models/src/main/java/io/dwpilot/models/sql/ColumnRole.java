package io.dwpilot.models.sql;

/** The clause a column is used in; a column used in several clauses is listed under each. */
public enum ColumnRole {
    /** Read into the result: the select list, the values of an UPDATE's SET. */
    SELECT,
    /** Compared with something other than a column of another table, in WHERE, HAVING or a join's ON. */
    FILTER,
    /** Compared with a column of another table (or of a table the analyzer could not tell), or named in USING. */
    JOIN,
    GROUP_BY,
    ORDER_BY
}
