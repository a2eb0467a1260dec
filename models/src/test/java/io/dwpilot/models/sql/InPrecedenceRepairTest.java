package io.dwpilot.models.sql;

import static org.assertj.core.api.Assertions.assertThat;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.api.Test;

class InPrecedenceRepairTest {
    private static Expression where(String condition) throws Exception {
        return ((PlainSelect) CCJSqlParserUtil.parse("SELECT * FROM t WHERE " + condition)).getWhere();
    }

    @Test
    void jsqlparser53HangsWhatFollowsAnInListUnderTheIn() throws Exception {
        // if this fails, JSqlParser was upgraded past the bug and InPrecedenceRepair can go
        assertThat(where("a IN (1, 2) AND b = 3")).isInstanceOf(InExpression.class);
    }

    @Test
    void theInListAndWhatFollowsItBecomeSiblings() throws Exception {
        Expression repaired = InPrecedenceRepair.repair(where("a IN (1, 2) AND b = 3"));

        assertThat(repaired).isInstanceOf(AndExpression.class);
        AndExpression and = (AndExpression) repaired;
        assertThat(and.getLeftExpression()).hasToString("a IN (1, 2)");
        assertThat(and.getRightExpression()).hasToString("b = 3");
    }

    @Test
    void andBindsTighterThanOrAcrossSeveralInLists() throws Exception {
        Expression repaired = InPrecedenceRepair.repair(where("a IN (1) AND b = 1 AND c IN (3) OR d = 1"));

        assertThat(repaired).isInstanceOf(OrExpression.class);
        OrExpression or = (OrExpression) repaired;
        assertThat(or.getLeftExpression())
                .isInstanceOf(AndExpression.class)
                .hasToString("a IN (1) AND b = 1 AND c IN (3)");
        assertThat(((AndExpression) or.getLeftExpression()).getRightExpression())
                .isInstanceOf(InExpression.class);
        assertThat(or.getRightExpression()).hasToString("d = 1");
    }

    @Test
    void notNegatesOnlyTheInList() throws Exception {
        Expression repaired = InPrecedenceRepair.repair(where("NOT a IN (1) AND b = 2"));

        assertThat(repaired).isInstanceOf(AndExpression.class);
        assertThat(((AndExpression) repaired).getLeftExpression()).isInstanceOf(NotExpression.class);
        assertThat(((AndExpression) repaired).getRightExpression()).hasToString("b = 2");
    }

    @Test
    void aCorrectTreeIsReturnedAsItIs() throws Exception {
        Expression correct = where("b = 3 AND a IN (1, 2)");

        assertThat(InPrecedenceRepair.repair(correct)).isSameAs(correct);
    }
}
