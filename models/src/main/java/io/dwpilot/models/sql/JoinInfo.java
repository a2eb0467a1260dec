package io.dwpilot.models.sql;

import java.util.Objects;

/**
 * One join: {@code type} is inner, left, right, full or cross. {@code rightTable} is the FROM item being joined,
 * {@code leftTable} the item its join condition connects it to, or the item before it when the condition does not
 * say. Items are named by their base table, or by their alias for derived tables and CTEs. A comma in FROM (and
 * UPDATE's FROM, DELETE's USING) is an inner join when a WHERE comparison between columns may connect the item to an
 * earlier one, else a cross join.
 */
public record JoinInfo(String type, String leftTable, String rightTable) {
    public JoinInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(leftTable, "leftTable");
        Objects.requireNonNull(rightTable, "rightTable");
    }
}
