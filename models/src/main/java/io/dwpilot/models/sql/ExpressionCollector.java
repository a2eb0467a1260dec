package io.dwpilot.models.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Walks one expression: hands every column to a sink, counts aggregate and window calls, and gives subqueries back
 * to the {@link StatementWalker} one level deeper. {@code count(*)}'s star is not a column. A select item that ORDER
 * BY or GROUP BY names again by alias or position is walked a second time for its columns only.
 */
final class ExpressionCollector extends ExpressionVisitorAdapter<Void> {
    private static final Set<String> AGGREGATES = Set.of(
            "count",
            "sum",
            "avg",
            "min",
            "max",
            "array_agg",
            "string_agg",
            "bool_and",
            "bool_or",
            "every",
            "bit_and",
            "bit_or",
            "bit_xor",
            "json_agg",
            "jsonb_agg",
            "json_object_agg",
            "jsonb_object_agg",
            "stddev",
            "stddev_pop",
            "stddev_samp",
            "variance",
            "var_pop",
            "var_samp",
            "corr",
            "covar_pop",
            "covar_samp",
            "regr_avgx",
            "regr_avgy",
            "regr_count",
            "regr_intercept",
            "regr_r2",
            "regr_slope",
            "regr_sxx",
            "regr_sxy",
            "regr_syy",
            "percentile_cont",
            "percentile_disc",
            "mode",
            "any_value",
            "xmlagg",
            "range_agg",
            "range_intersect_agg");

    private final StatementWalker walker;
    private final Scope scope;
    private final int depth;
    private final Consumer<ColumnRef> columns;
    private final boolean columnsOnly;

    ExpressionCollector(
            StatementWalker walker, Scope scope, int depth, Consumer<ColumnRef> columns, boolean columnsOnly) {
        this.walker = walker;
        this.scope = scope;
        this.depth = depth;
        this.columns = columns;
        this.columnsOnly = columnsOnly;
    }

    void collect(Expression expression) {
        if (expression != null) {
            expression.accept(this, null);
        }
    }

    @Override
    public <S> Void visit(Column column, S context) {
        columns.accept(walker.reference(scope, column));
        return null;
    }

    @Override
    public <S> Void visit(AllTableColumns star, S context) {
        columns.accept(walker.star(scope, star.getTable()));
        return null;
    }

    @Override
    public <S> Void visit(Function function, S context) {
        String name = unqualified(function.getName());
        if (AGGREGATES.contains(name) && !columnsOnly) {
            walker.output().aggregate(name);
        }
        super.visit(function, context);
        // the adapter skips the keyword arguments of substring(x from 1 for 2) and the like
        if (function.getNamedParameters() != null) {
            function.getNamedParameters().forEach(argument -> collect((Expression) argument));
        }
        return null;
    }

    // JSqlParser 5.3's adapter skips PARTITION BY and FILTER and only sometimes visits OVER's ORDER BY.
    @Override
    public <S> Void visit(AnalyticExpression call, S context) {
        if (!columnsOnly && isWindow(call)) {
            walker.output().windowFunction();
        } else if (!columnsOnly) {
            // FILTER (WHERE ...) and WITHIN GROUP (ORDER BY ...) without OVER still aggregate
            walker.output().aggregate(unqualified(call.getName()));
        }
        List<Expression> parts = new ArrayList<>();
        parts.add(call.getExpression());
        parts.add(call.getDefaultValue());
        parts.add(call.getOffset());
        parts.add(call.getFilterExpression());
        if (call.getPartitionExpressionList() != null) {
            call.getPartitionExpressionList().forEach(e -> parts.add((Expression) e));
        }
        addOrderBy(parts, call.getOrderByElements());
        addOrderBy(parts, call.getFuncOrderBy());
        parts.forEach(this::collect);
        return null;
    }

    @Override
    public <S> Void visit(Select subquery, S context) {
        if (!columnsOnly) {
            walker.query(subquery, scope, depth + 1);
        }
        return null;
    }

    private static boolean isWindow(AnalyticExpression call) {
        return call.getType() == AnalyticType.OVER || call.getType() == AnalyticType.WITHIN_GROUP_OVER;
    }

    private static void addOrderBy(List<Expression> parts, List<OrderByElement> elements) {
        if (elements != null) {
            elements.forEach(element -> parts.add(element.getExpression()));
        }
    }

    private static String unqualified(String functionName) {
        String name = functionName == null ? "" : functionName;
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
