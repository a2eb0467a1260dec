package io.dwpilot.models.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Reads one WHERE, HAVING or ON condition down to its comparisons. Each comparison of a column becomes a
 * {@link Predicate}; a comparison between columns of two FROM items (or of items the text does not name) puts both
 * columns in the JOIN role and is returned as a {@link JoinEdge}; every other column is a FILTER column.
 */
final class ConditionAnalyzer {
    /** Two FROM items a condition compares; null stands for an item the text does not name. */
    record JoinEdge(Scope.Source left, Scope.Source right) {
        boolean touches(Scope.Source source) {
            return left == source || right == source;
        }

        boolean isUnresolved() {
            return left == null || right == null;
        }

        Scope.Source other(Scope.Source source) {
            return left == source ? right : left;
        }
    }

    /** A comparison taken apart: the compared expression, the operator, and what it is compared with. */
    private record Comparison(Expression subject, String operator, List<Expression> values) {
        /** {@code 5 < x} read as {@code x > 5}. */
        Comparison columnFirst() {
            if (!(subject instanceof Column)
                    && values.size() == 1
                    && values.get(0) instanceof Column
                    && MIRRORED.containsKey(operator)) {
                return new Comparison(values.get(0), MIRRORED.get(operator), List.of(subject));
            }
            return this;
        }

        Comparison negated() {
            String negation = NEGATED.get(operator);
            if (negation == null) {
                negation = operator.startsWith("NOT ") ? operator.substring("NOT ".length()) : "NOT " + operator;
            }
            return new Comparison(subject, negation, values);
        }

        boolean comparesTwoColumns() {
            return values.size() == 1
                    && subject instanceof Column
                    && values.get(0) instanceof Column
                    && MIRRORED.containsKey(operator);
        }
    }

    private static final Map<String, String> NEGATED = Map.of(
            "=",
            "<>",
            "<>",
            "=",
            "<",
            ">=",
            ">=",
            "<",
            ">",
            "<=",
            "<=",
            ">",
            "IS NULL",
            "IS NOT NULL",
            "IS NOT NULL",
            "IS NULL");
    // Plain constants only: a partial index's predicate must be written out exactly as the queries write it.
    private static final Set<Class<?>> CONSTANTS =
            Set.of(StringValue.class, LongValue.class, DoubleValue.class, BooleanValue.class);
    private static final Map<String, String> MIRRORED =
            Map.of("=", "=", "<>", "<>", "<", ">", ">", "<", "<=", ">=", ">=", "<=");

    private final StatementWalker walker;
    private final Scope scope;
    private final int depth;
    private final boolean where;
    private final List<JoinEdge> edges = new ArrayList<>();

    private ConditionAnalyzer(StatementWalker walker, Scope scope, int depth, boolean where) {
        this.walker = walker;
        this.scope = scope;
        this.depth = depth;
        this.where = where;
    }

    static List<JoinEdge> analyze(StatementWalker walker, Scope scope, int depth, Expression condition) {
        return analyze(walker, scope, depth, condition, false);
    }

    /** The same for a WHERE clause, whose constant conjuncts are also recorded as {@link ConstantFilter}s. */
    static List<JoinEdge> analyzeWhere(StatementWalker walker, Scope scope, int depth, Expression condition) {
        return analyze(walker, scope, depth, condition, true);
    }

    private static List<JoinEdge> analyze(
            StatementWalker walker, Scope scope, int depth, Expression condition, boolean where) {
        ConditionAnalyzer analyzer = new ConditionAnalyzer(walker, scope, depth, where);
        if (condition != null) {
            analyzer.condition(condition, false, true);
        }
        return List.copyOf(analyzer.edges);
    }

    // Leaves under NOT are negated one by one: by De Morgan's laws that keeps each comparison's meaning. A leaf is a
    // conjunct (it holds for every row the block reads) when only ANDs lead to it: under NOT, an AND becomes an OR.
    private void condition(Expression e, boolean negated, boolean conjunct) {
        Expression repaired = InPrecedenceRepair.repair(e);
        if (repaired instanceof AndExpression
                || repaired instanceof OrExpression
                || repaired instanceof XorExpression) {
            BinaryExpression connective = (BinaryExpression) repaired;
            boolean and = repaired instanceof AndExpression && !negated;
            condition(connective.getLeftExpression(), negated, conjunct && and);
            condition(connective.getRightExpression(), negated, conjunct && and);
        } else if (repaired instanceof NotExpression not) {
            condition(not.getExpression(), !negated, conjunct);
        } else if (repaired instanceof ParenthesedExpressionList<?> group && group.size() == 1) {
            condition(group.get(0), negated, conjunct);
        } else {
            comparison(repaired, negated, conjunct);
        }
    }

    private void comparison(Expression e, boolean negated, boolean conjunct) {
        Comparison comparison = decompose(e);
        if (comparison != null) {
            comparison = (negated ? comparison.negated() : comparison).columnFirst();
        }
        if (comparison == null || !(comparison.subject() instanceof Column column)) {
            collect(e, ColumnRole.FILTER);
            return;
        }
        ValueKind kind = ValueKinds.combine(
                comparison.values().stream().map(ValueKinds::of).toList());
        ColumnRef reference = walker.reference(scope, column);
        walker.output().predicate(new Predicate(reference, comparison.operator(), kind));
        if (where && conjunct) {
            constantFilter(reference, column, comparison);
        }
        boolean join = comparison.comparesTwoColumns()
                && joins(column, (Column) comparison.values().get(0));
        collect(e, join ? ColumnRole.JOIN : ColumnRole.FILTER);
    }

    private void constantFilter(ColumnRef reference, Column column, Comparison comparison) {
        String name = column.getColumnName();
        if (comparison.operator().equals("IS NULL") || comparison.operator().equals("IS NOT NULL")) {
            walker.output().constantFilter(new ConstantFilter(reference, name + " " + comparison.operator()));
        } else if (comparison.operator().equals("=")
                && CONSTANTS.contains(comparison.values().get(0).getClass())) {
            walker.output()
                    .constantFilter(new ConstantFilter(
                            reference, name + " = " + comparison.values().get(0)));
        }
    }

    private boolean joins(Column left, Column right) {
        Scope.Source leftSource = scope.resolve(left);
        Scope.Source rightSource = scope.resolve(right);
        // identity: two aliases of one table are two FROM items
        if (leftSource != null && leftSource == rightSource) {
            return false;
        }
        edges.add(new JoinEdge(leftSource, rightSource));
        return true;
    }

    private void collect(Expression e, ColumnRole role) {
        walker.collector(scope, depth, role).collect(e);
    }

    private static Comparison decompose(Expression e) {
        if (e instanceof ComparisonOperator comparison) {
            String operator = comparison.getStringExpression().equals("!=") ? "<>" : comparison.getStringExpression();
            return new Comparison(comparison.getLeftExpression(), operator, List.of(comparison.getRightExpression()));
        } else if (e instanceof LikeExpression like) {
            String keyword = like.getStringExpression().toUpperCase(Locale.ROOT);
            return new Comparison(
                    like.getLeftExpression(),
                    like.isNot() ? "NOT " + keyword : keyword,
                    List.of(like.getRightExpression()));
        } else if (e instanceof Between between) {
            return new Comparison(
                    between.getLeftExpression(),
                    between.isNot() ? "NOT BETWEEN" : "BETWEEN",
                    List.of(between.getBetweenExpressionStart(), between.getBetweenExpressionEnd()));
        } else if (e instanceof InExpression in) {
            return new Comparison(
                    in.getLeftExpression(), in.isNot() ? "NOT IN" : "IN", List.of(in.getRightExpression()));
        } else if (e instanceof IsNullExpression isNull) {
            return new Comparison(
                    isNull.getLeftExpression(), isNull.isNot() ? "IS NOT NULL" : "IS NULL", List.of(new NullValue()));
        }
        return null;
    }
}
