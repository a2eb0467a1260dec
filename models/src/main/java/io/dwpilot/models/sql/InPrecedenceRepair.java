package io.dwpilot.models.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;

/**
 * Undoes a JSqlParser 5.3 bug (issues #2244, #2282, fixed in 5.4): {@code a IN (1, 2) AND b = 3 OR c = 4} comes out
 * as {@code a IN ((1, 2) AND b = 3 OR c = 4)}, and {@code NOT a IN (1) AND b} as {@code NOT (a IN ((1) AND b))}.
 * The tree still prints the original text, so the operands and operators of one logical level can be read back in
 * order and regrouped with SQL's precedence (NOT, then AND, then XOR, then OR). Builds new nodes and leaves the
 * parsed tree alone, so callers apply it wherever they meet a condition. On a correct tree it returns its input.
 */
final class InPrecedenceRepair {
    private enum Connective {
        AND,
        XOR,
        OR
    }

    private final List<Expression> operands = new ArrayList<>();
    private final List<Connective> connectives = new ArrayList<>();
    private boolean repaired;

    private InPrecedenceRepair() {}

    static Expression repair(Expression condition) {
        InPrecedenceRepair chain = new InPrecedenceRepair();
        chain.flatten(condition);
        return chain.repaired ? chain.regroup() : condition;
    }

    private void flatten(Expression e) {
        Connective connective = connective(e);
        if (connective != null) {
            BinaryExpression binary = (BinaryExpression) e;
            flatten(binary.getLeftExpression());
            connectives.add(connective);
            flatten(binary.getRightExpression());
        } else if (e instanceof InExpression in && connective(in.getRightExpression()) != null) {
            // the IN list is the first operand of what the parser hung under the IN
            repaired = true;
            int first = operands.size();
            flatten(in.getRightExpression());
            operands.set(first, copyWithList(in, operands.get(first)));
        } else if (e instanceof NotExpression not && isBrokenIn(not.getExpression())) {
            // NOT binds to the first operand only
            int first = operands.size();
            flatten(not.getExpression());
            operands.set(first, new NotExpression(operands.get(first)));
        } else {
            operands.add(e);
        }
    }

    private static boolean isBrokenIn(Expression e) {
        return e instanceof InExpression in && connective(in.getRightExpression()) != null;
    }

    private static Connective connective(Expression e) {
        if (e instanceof AndExpression) {
            return Connective.AND;
        } else if (e instanceof XorExpression) {
            return Connective.XOR;
        } else if (e instanceof OrExpression) {
            return Connective.OR;
        }
        return null;
    }

    private static InExpression copyWithList(InExpression broken, Expression list) {
        InExpression in = new InExpression(broken.getLeftExpression(), list);
        in.setNot(broken.isNot());
        in.setGlobal(broken.isGlobal());
        return in;
    }

    // Folds the strongest connective first, left to right, as the parser should have.
    private Expression regroup() {
        List<Expression> values = new ArrayList<>(operands);
        List<Connective> between = new ArrayList<>(connectives);
        for (Connective level : Connective.values()) {
            int i = 0;
            while (i < between.size()) {
                if (between.get(i) == level) {
                    values.set(i, combine(level, values.get(i), values.remove(i + 1)));
                    between.remove(i);
                } else {
                    i++;
                }
            }
        }
        return values.get(0);
    }

    private static Expression combine(Connective connective, Expression left, Expression right) {
        return switch (connective) {
            case AND -> new AndExpression(left, right);
            case XOR -> new XorExpression(left, right);
            case OR -> new OrExpression(left, right);
        };
    }
}
