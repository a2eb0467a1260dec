package io.dwpilot.models.sql;

import java.util.Collection;
import java.util.List;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Select;

/** Classifies the value side of a comparison; also tells which IN lists the fingerprint may collapse. */
final class ValueKinds {
    private ValueKinds() {}

    static ValueKind of(Expression e) {
        if (e instanceof JdbcParameter || e instanceof JdbcNamedParameter) {
            return ValueKind.PARAMETER;
        } else if (isLiteral(e)) {
            return ValueKind.LITERAL;
        } else if (e instanceof Column) {
            return ValueKind.COLUMN;
        } else if (e instanceof Select) {
            return ValueKind.SUBQUERY;
        } else if (e instanceof ExpressionList<?> list) {
            return combine(list.stream().map(ValueKinds::of).toList());
        } else if (e instanceof IntervalExpression interval && interval.getExpression() != null) {
            return constantOrExpression(List.of(interval.getExpression()));
        } else if (e instanceof SignedExpression signed) {
            return constantOrExpression(List.of(signed.getExpression()));
        } else if (e instanceof CastExpression cast) {
            return constantOrExpression(List.of(cast.getLeftExpression()));
        } else if (e instanceof ArrayConstructor array) {
            return constantOrExpression(array.getExpressions());
        } else if (e instanceof BinaryExpression binary) {
            // arithmetic on constants, such as date '1994-01-01' + interval '1 year', is folded by the planner
            return constantOrExpression(List.of(binary.getLeftExpression(), binary.getRightExpression()));
        }
        return ValueKind.EXPRESSION;
    }

    /** A constant or a parameter: what the planner sees as one value known at execution. */
    static boolean isConstant(Expression e) {
        ValueKind kind = of(e);
        return kind == ValueKind.LITERAL || kind == ValueKind.PARAMETER;
    }

    /** Several values compared at once (an IN list, BETWEEN's bounds): their common kind, if they share one. */
    static ValueKind combine(Collection<ValueKind> kinds) {
        if (kinds.isEmpty()) {
            return ValueKind.EXPRESSION;
        }
        if (kinds.stream().distinct().count() == 1) {
            return kinds.iterator().next();
        }
        if (kinds.stream().allMatch(kind -> kind == ValueKind.LITERAL || kind == ValueKind.PARAMETER)) {
            return ValueKind.PARAMETER;
        }
        return ValueKind.EXPRESSION;
    }

    private static ValueKind constantOrExpression(Collection<? extends Expression> parts) {
        if (parts.isEmpty()) {
            return ValueKind.EXPRESSION;
        }
        ValueKind kind = combine(parts.stream().map(ValueKinds::of).toList());
        return kind == ValueKind.LITERAL || kind == ValueKind.PARAMETER ? kind : ValueKind.EXPRESSION;
    }

    private static boolean isLiteral(Expression e) {
        return e instanceof LongValue
                || e instanceof DoubleValue
                || e instanceof StringValue
                || e instanceof HexValue
                || e instanceof DateValue
                || e instanceof TimeValue
                || e instanceof TimestampValue
                || e instanceof DateTimeLiteralExpression
                || e instanceof NullValue
                || e instanceof BooleanValue
                || (e instanceof IntervalExpression interval && interval.getExpression() == null);
    }
}
