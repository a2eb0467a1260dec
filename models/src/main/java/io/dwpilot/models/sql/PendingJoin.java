package io.dwpilot.models.sql;

import java.util.List;
import net.sf.jsqlparser.statement.select.Join;

/**
 * A joined FROM item whose {@link JoinInfo} can only be told once the query block's WHERE has been read: a comma (or
 * the FROM of an UPDATE, the USING of a DELETE) is an inner join only if WHERE connects it to an earlier item.
 *
 * @param join     the explicit join, null for a comma
 * @param previous the FROM item written before this one
 * @param earlier  every FROM item written before this one, the candidates for its partner
 * @param on       what the ON condition compares, null for a comma
 */
record PendingJoin(
        Join join,
        Scope.Source previous,
        Scope.Source right,
        List<Scope.Source> earlier,
        List<ConditionAnalyzer.JoinEdge> on) {

    static PendingJoin comma(Scope.Source previous, Scope.Source right, List<Scope.Source> earlier) {
        return new PendingJoin(null, previous, right, earlier, null);
    }

    JoinInfo resolve(List<ConditionAnalyzer.JoinEdge> where) {
        boolean comma = join == null;
        Scope.Source partner = partner(comma ? where : on);
        String type;
        if (!comma) {
            type = explicitType();
        } else if (partner != null || where.stream().anyMatch(ConditionAnalyzer.JoinEdge::isUnresolved)) {
            // an unqualified column comparison may be the join condition: the usual case, without a catalog to tell
            type = "inner";
        } else {
            type = "cross";
        }
        return new JoinInfo(type, (partner != null ? partner : previous).displayName(), right.displayName());
    }

    /** The earlier FROM item a condition connects this one to, or null. */
    private Scope.Source partner(List<ConditionAnalyzer.JoinEdge> edges) {
        return edges.stream()
                .filter(edge -> edge.touches(right))
                .map(edge -> edge.other(right))
                .filter(other -> other != null && earlier.stream().anyMatch(item -> item == other))
                .findFirst()
                .orElse(null);
    }

    private String explicitType() {
        if (join.isCross()) {
            return "cross";
        } else if (join.isLeft()) {
            return "left";
        } else if (join.isRight()) {
            return "right";
        } else if (join.isFull()) {
            return "full";
        }
        return "inner";
    }
}
