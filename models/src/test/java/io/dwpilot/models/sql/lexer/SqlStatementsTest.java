package io.dwpilot.models.sql.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.models.sql.SqlSyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    private static List<String> texts(String sql) {
        return SqlStatements.split(sql).stream().map(SqlStatement::text).toList();
    }

    @Test
    void aBackslashEscapesAQuoteOnlyInAnEscapeString() {
        // E'\'' is a quote: the rest is three statements, the last line a comment
        assertThat(texts("SELECT E'\\''; COMMIT; INSERT INTO t VALUES (1); --'"))
                .containsExactly("SELECT E'\\''", "COMMIT", "INSERT INTO t VALUES (1)");
        // '\' is a backslash: the string ends there, and SELECT 1 is a statement of its own
        assertThat(texts("SELECT '\\'; SELECT 1; --'")).containsExactly("SELECT '\\'", "SELECT 1");
    }

    @Test
    void semicolonsInsideQuotesAndCommentsEndNothing() {
        assertThat(texts("SELECT $a$ ; $a$")).containsExactly("SELECT $a$ ; $a$");
        assertThat(texts("SELECT $a$ $b$ ; $a$")).containsExactly("SELECT $a$ $b$ ; $a$");
        assertThat(texts("SELECT 1 /* /* ; */ ; */ ; SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(texts("SELECT \"a;\"\"b\" FROM t")).containsExactly("SELECT \"a;\"\"b\" FROM t");
        assertThat(texts("SELECT 'a;'\n';b'")).containsExactly("SELECT 'a;'\n';b'");
        assertThat(texts("SELECT U&'d\\0061t\\+000061;'")).containsExactly("SELECT U&'d\\0061t\\+000061;'");
    }

    @Test
    void aDollarInsideANameQuotesNothing() {
        assertThat(texts("SELECT a$b FROM t; SELECT 1")).containsExactly("SELECT a$b FROM t", "SELECT 1");
        assertThat(texts("SELECT x$$y; SELECT $$;$$")).containsExactly("SELECT x$$y", "SELECT $$;$$");
    }

    @Test
    void emptyStatementsAndCommentOnlyTailsAreNoStatements() {
        assertThat(texts(";;SELECT 1;;; ;")).containsExactly("SELECT 1");
        assertThat(texts("SELECT 1; -- done\n/* really */")).containsExactly("SELECT 1");
        assertThat(texts("  -- nothing\n ; /* here */ ")).isEmpty();
        assertThat(texts("")).isEmpty();
    }

    @Test
    void aStatementKeepsItsLeadingCommentsAndDropsWhatTrails() {
        String sql = "  /* report */ SELECT 1 /* trailing */ -- note\n; SELECT 2  ";
        List<SqlStatement> statements = SqlStatements.split(sql);

        assertThat(statements).extracting(SqlStatement::text).containsExactly("/* report */ SELECT 1", "SELECT 2");
        assertThat(statements.get(1).start()).isEqualTo(sql.indexOf("SELECT 2"));
        assertThat(statements.get(1).end()).isEqualTo(sql.indexOf("SELECT 2") + "SELECT 2".length());
    }

    @Test
    void theTokensRebuildTheStatement() {
        SqlStatement statement = SingleStatement.of("  SELECT a, /* c */ 'x''y' -- z\n FROM t ;  ");

        assertThat(statement.tokens().stream()
                        .map(t -> t.text(statement.text()))
                        .collect(Collectors.joining()))
                .isEqualTo(statement.text())
                .isEqualTo("SELECT a, /* c */ 'x''y' -- z\n FROM t");
    }

    @Test
    void semicolonsInsideParenthesesBelongToTheStatement() {
        // a rule's actions
        assertThat(texts("CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); "
                        + "INSERT INTO b VALUES (2)); SELECT 1"))
                .hasSize(2);
    }

    @Test
    void aBeginAtomicBodyIsPartOfItsFunction() {
        assertThat(texts("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3"))
                .containsExactly(
                        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
                        "SELECT 3");
        assertThat(texts("create or replace procedure p() language sql begin atomic insert into t values (1); end"))
                .hasSize(1);
        // only in a function or procedure, and only at the top level
        assertThat(texts("CREATE TABLE begin (atomic int); SELECT 1")).hasSize(2);
        assertThat(texts("CREATE FUNCTION f(begin int, atomic int) RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql; "
                        + "SELECT 1"))
                .hasSize(2);
    }

    @Test
    void aBeginAtomicBodyEndsAtItsFirstEnd() {
        // PostgreSQL runs two statements here; counting CASE ... END as psql does would see one
        assertThat(texts("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1 AS case; END; "
                        + "DROP TABLE t"))
                .hasSize(2);
        // the price: a CASE in a body makes one statement look like several (never several like one)
        assertThat(texts("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC "
                        + "SELECT CASE WHEN true THEN 1 END; END"))
                .hasSize(2);
    }

    @Test
    void parametersCountOnlyOutsideQuotesAndComments() {
        assertThat(SingleStatement.of("SELECT * FROM t WHERE a = $1").hasParameters())
                .isTrue();
        assertThat(SingleStatement.of("SELECT '$1', \"$1\", $$ $1 $$, a$1 /* $1 */ -- $1\n FROM t")
                        .hasParameters())
                .isFalse();
    }

    @Test
    void singleStatementTakesExactlyOne() {
        assertThat(SingleStatement.of("SELECT 1;").text()).isEqualTo("SELECT 1");
        assertThat(SingleStatement.of("-- why\nSELECT 1; -- done").kind()).isEqualTo(CommandKind.QUERY);
        assertThatThrownBy(() -> SingleStatement.of("SELECT E'\\''; COMMIT; INSERT INTO t VALUES (1); --'"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("One statement per request: the text holds 3 statements");
        for (String empty : new String[] {null, "", "  ", " ; ;", "-- only a comment", "/* and */ /* more */"}) {
            assertThatThrownBy(() -> SingleStatement.of(empty))
                    .isInstanceOf(SqlSyntaxException.class)
                    .hasMessage("No statement: the text is empty or holds only comments");
        }
        assertThatThrownBy(() -> SingleStatement.of("SELECT 'abc"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage("unterminated quoted string at or near \"'abc\"");
    }

    @Test
    void aMegabyteOfStatementsSplitsInLinearTime() {
        String sql = "SELECT ';', $$;$$, \"x;\" /* ; */;\n".repeat(30_000);
        long start = System.nanoTime();

        assertThat(SqlStatements.split(sql)).hasSize(30_000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
