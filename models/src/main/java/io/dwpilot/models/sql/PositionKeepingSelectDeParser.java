package io.dwpilot.models.sql;

import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.util.deparser.SelectDeParser;

/**
 * Before each query block is printed, tells the {@link LiteralMaskingDeParser} which numbers in its GROUP BY and
 * ORDER BY are select-list positions rather than constants.
 */
final class PositionKeepingSelectDeParser extends SelectDeParser {
    private final LiteralMaskingDeParser expressions;

    PositionKeepingSelectDeParser(LiteralMaskingDeParser expressions, StringBuilder builder) {
        super(expressions, builder);
        this.expressions = expressions;
    }

    @Override
    public <S> StringBuilder visit(PlainSelect select, S context) {
        keepPositions(select.getOrderByElements());
        if (select.getGroupBy() != null && select.getGroupBy().getGroupByExpressionList() != null) {
            for (Object e : select.getGroupBy().getGroupByExpressionList()) {
                keepPosition((Expression) e);
            }
        }
        return super.visit(select, context);
    }

    @Override
    public <S> StringBuilder visit(SetOperationList select, S context) {
        keepPositions(select.getOrderByElements());
        return super.visit(select, context);
    }

    @Override
    public <S> StringBuilder visit(ParenthesedSelect select, S context) {
        keepPositions(select.getOrderByElements());
        return super.visit(select, context);
    }

    private void keepPositions(List<OrderByElement> elements) {
        if (elements != null) {
            elements.forEach(element -> keepPosition(element.getExpression()));
        }
    }

    private void keepPosition(Expression e) {
        if (e instanceof LongValue) {
            expressions.keepPosition(e);
        }
    }
}
