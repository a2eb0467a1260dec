package io.dwpilot.models.sql;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NumericBind;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;

/**
 * Prints expressions with every constant as {@code ?}: numbers (with their sign), strings, typed literals (the type
 * stays: {@code date ?}, {@code interval ?}), and bind parameters, so that {@code $1}, {@code ?} and a literal give
 * the same text. An IN list or ARRAY of constants prints as one {@code ?}, whatever its length. TRUE, FALSE and NULL
 * stay: they change plans. GROUP BY and ORDER BY positions are kept too, registered by
 * {@link PositionKeepingSelectDeParser}: {@code ORDER BY 1} and {@code ORDER BY 2} are different queries.
 */
final class LiteralMaskingDeParser extends ExpressionDeParser {
    private static final String MASK = "?";

    private final Set<Expression> positions = Collections.newSetFromMap(new IdentityHashMap<>());

    void keepPosition(Expression position) {
        positions.add(position);
    }

    @Override
    public <S> StringBuilder visit(LongValue value, S context) {
        return positions.contains(value) ? super.visit(value, context) : mask();
    }

    @Override
    public <S> StringBuilder visit(DoubleValue value, S context) {
        return mask();
    }

    @Override
    public <S> StringBuilder visit(StringValue value, S context) {
        return mask();
    }

    @Override
    public <S> StringBuilder visit(HexValue value, S context) {
        return mask();
    }

    @Override
    public <S> StringBuilder visit(DateValue value, S context) {
        return mask();
    }

    @Override
    public <S> StringBuilder visit(TimeValue value, S context) {
        return mask();
    }

    @Override
    public <S> StringBuilder visit(TimestampValue value, S context) {
        return mask();
    }

    @Override
    public <S> StringBuilder visit(DateTimeLiteralExpression literal, S context) {
        builder.append(literal.getType()).append(' ');
        return mask();
    }

    @Override
    public <S> StringBuilder visit(IntervalExpression interval, S context) {
        if (interval.getExpression() != null) {
            return super.visit(interval, context);
        }
        builder.append(interval.isUsingIntervalKeyword() ? "INTERVAL " : "");
        mask();
        if (interval.getIntervalType() != null) {
            builder.append(' ').append(interval.getIntervalType());
        }
        return builder;
    }

    @Override
    public <S> StringBuilder visit(JdbcParameter parameter, S context) {
        return mask();
    }

    @Override
    public <S> StringBuilder visit(JdbcNamedParameter parameter, S context) {
        return mask();
    }

    @Override
    public <S> StringBuilder visit(NumericBind bind, S context) {
        return mask();
    }

    @Override
    public <S> StringBuilder visit(SignedExpression signed, S context) {
        return ValueKinds.isConstant(signed) ? mask() : super.visit(signed, context);
    }

    @Override
    public <S> StringBuilder visit(InExpression in, S context) {
        Expression repaired = InPrecedenceRepair.repair(in);
        if (repaired != in) {
            return repaired.accept(this, context);
        }
        if (!(in.getRightExpression() instanceof ExpressionList<?> list) || !ValueKinds.isConstant(list)) {
            return super.visit(in, context);
        }
        in.getLeftExpression().accept(this, context);
        return builder.append(in.isNot() ? " NOT IN (" : " IN (").append(MASK).append(')');
    }

    @Override
    public <S> StringBuilder visit(ArrayConstructor array, S context) {
        if (!array.getExpressions().isEmpty() && ValueKinds.isConstant(array)) {
            return builder.append(array.isArrayKeyword() ? "ARRAY[" : "[")
                    .append(MASK)
                    .append(']');
        }
        return super.visit(array, context);
    }

    private StringBuilder mask() {
        return builder.append(MASK);
    }
}
